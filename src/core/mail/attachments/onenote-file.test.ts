import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeAttachments } from './index.js';
import { embeddedOneNoteFiles } from './onenote-reader.js';
import { codesOf, encode, mailWith } from './test-fixtures.js';

const ONENOTE_MAGIC = [0xe4, 0x52, 0x5c, 0x7b, 0x8c, 0xd8, 0xa7, 0x4d, 0xae, 0xb1, 0x53, 0x78, 0xd0, 0x29, 0x96, 0xd3];
const FILE_DATA_HEADER = [0xe7, 0x16, 0xe3, 0xbd, 0x65, 0x26, 0x11, 0x45, 0xa4, 0xc4, 0x8d, 0x4d, 0x0b, 0x7a, 0x9e, 0xac];

/** A OneNote-shaped file: the section magic, filler, and FileDataStoreObjects holding `files`. */
function buildOneNote(files: readonly Uint8Array[]): Uint8Array {
  const parts: number[] = [...ONENOTE_MAGIC, ...new Array<number>(200).fill(0x11)];
  for (const file of files) {
    parts.push(...FILE_DATA_HEADER, file.length & 0xff, (file.length >> 8) & 0xff, (file.length >> 16) & 0xff, file.length >>> 24, 0, 0, 0, 0);
    parts.push(...new Array<number>(12).fill(0), ...file, ...new Array<number>(16).fill(0x22));
  }
  return Uint8Array.from(parts);
}

test('files embedded in a OneNote section are extracted and analysed', () => {
  const exe = new Uint8Array(300);
  exe.set([0x4d, 0x5a]);
  const hta = encode('<html><head><hta:application id="x"/></head><script>window.location.href = "https://stage.example-bad.test/run";</script></html>');
  const one = buildOneNote([exe, hta]);
  const blobs = embeddedOneNoteFiles(one, 10, 1 << 20);
  assert.equal(blobs.length, 2);
  assert.deepEqual(blobs[1]!.bytes, hta);
  const findings = analyzeAttachments(mailWith([{ filename: 'Invoice.one', content: one }]));
  const codes = codesOf(findings);
  assert.ok(codes.includes('attachment.onenote'), codes.join());
  assert.ok(codes.includes('attachment.onenote_embedded_file'));
  const executable = findings.reasons.find((r) => r.code === 'attachment.executable');
  assert.deepEqual(executable?.source, { kind: 'attachment', filename: 'Invoice.one', index: 0, path: ['(embedded file 1)'] });
  assert.ok(findings.urls.includes('https://stage.example-bad.test/run'));
});

test('a declared length past the end of the file is cut, not trusted', () => {
  const one = buildOneNote([encode('abc')]);
  const view = new DataView(one.buffer);
  const header = one.length - 16 - 3 - 36;
  view.setUint32(header + 16, 0xffffffff, true);
  view.setUint32(header + 20, 0xffffffff, true);
  const blobs = embeddedOneNoteFiles(one, 10, 1 << 20);
  assert.equal(blobs.length, 1);
  assert.equal(blobs[0]!.truncated, true);
  assert.equal(blobs[0]!.bytes.length, 3 + 16);
});
