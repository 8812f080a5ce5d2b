import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeAttachments } from './index.js';
import { listIso } from './iso-reader.js';
import { codesOf, mailWith } from './test-fixtures.js';

const SECTOR = 2048;

function directoryRecord(name: string, extent: number, size: number, isDirectory: boolean): number[] {
  const nameBytes = name === '\u0000' || name === '\u0001' ? [name.charCodeAt(0)] : Array.from(name, (c) => c.charCodeAt(0));
  const length = 33 + nameBytes.length + (nameBytes.length % 2 === 0 ? 1 : 0);
  const record = new Array<number>(length).fill(0);
  record[0] = length;
  const put32 = (at: number, value: number): void => {
    record[at] = value & 0xff; record[at + 1] = (value >> 8) & 0xff; record[at + 2] = (value >> 16) & 0xff; record[at + 3] = value >>> 24;
  };
  put32(2, extent);
  put32(10, size);
  record[25] = isDirectory ? 2 : 0;
  record[32] = nameBytes.length;
  nameBytes.forEach((b, i) => { record[33 + i] = b; });
  return record;
}

/** A minimal ISO 9660 image: a root directory with one file and a subdirectory holding a shortcut. */
function buildIso(): Uint8Array {
  const image = new Uint8Array(24 * SECTOR);
  const pvd = 16 * SECTOR;
  image[pvd] = 1;
  image.set(Array.from('CD001', (c) => c.charCodeAt(0)), pvd + 1);
  image[pvd + 6] = 1;
  image.set(directoryRecord('\u0000', 18, SECTOR, true), pvd + 156);
  image[17 * SECTOR] = 255;
  image.set(Array.from('CD001', (c) => c.charCodeAt(0)), 17 * SECTOR + 1);
  const root = [
    ...directoryRecord('\u0000', 18, SECTOR, true), ...directoryRecord('\u0001', 18, SECTOR, true),
    ...directoryRecord('README.TXT;1', 20, 5, false), ...directoryRecord('DATA', 19, SECTOR, true),
  ];
  image.set(root, 18 * SECTOR);
  const sub = [...directoryRecord('\u0000', 19, SECTOR, true), ...directoryRecord('\u0001', 18, SECTOR, true), ...directoryRecord('INVOICE.PDF.LNK;1', 21, 76, false)];
  image.set(sub, 19 * SECTOR);
  image.set(Array.from('hello', (c) => c.charCodeAt(0)), 20 * SECTOR);
  image.set([0x4c, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00], 21 * SECTOR);
  return image;
}

test('an ISO image is listed and its files are checked like archive members', () => {
  const iso = buildIso();
  const listing = listIso(iso, 100, 4);
  assert.equal(listing.problem, undefined);
  assert.deepEqual(listing.files.map((f) => f.path), ['README.TXT', 'DATA/INVOICE.PDF.LNK']);
  const findings = analyzeAttachments(mailWith([{ filename: 'Invoice.iso', content: iso }]));
  const codes = codesOf(findings);
  assert.ok(codes.includes('attachment.disk_image'), codes.join());
  const shortcut = findings.reasons.find((r) => r.code === 'attachment.shortcut');
  assert.deepEqual(shortcut?.source, { kind: 'attachment', filename: 'Invoice.iso', index: 0, path: ['DATA/INVOICE.PDF.LNK'] });
  assert.ok(codes.includes('attachment.double_extension'));
});

test('a directory that points at itself is reported, not followed forever', () => {
  const iso = buildIso();
  // Overwrite the DATA record (after ".", ".." and README.TXT) so that its extent is the root: a loop.
  const dataRecordOffset = 18 * SECTOR + 34 + 34 + 46;
  iso.set(directoryRecord('DATA', 18, SECTOR, true), dataRecordOffset);
  assert.equal(listIso(iso, 100, 8).problem, 'directory loop');
  const findings = analyzeAttachments(mailWith([{ filename: 'loop.iso', content: iso }]));
  assert.ok(codesOf(findings).includes('attachment.malformed_archive'), codesOf(findings).join());
  assert.ok(codesOf(findings).includes('attachment.disk_image'));
});

test('many entries pointing at the same bytes are charged to the message budget', () => {
  const image = new Uint8Array(30 * SECTOR);
  const pvd = 16 * SECTOR;
  image[pvd] = 1;
  image.set(Array.from('CD001', (c) => c.charCodeAt(0)), pvd + 1);
  image.set(directoryRecord('\u0000', 18, SECTOR, true), pvd + 156);
  const records: number[] = [...directoryRecord('\u0000', 18, SECTOR, true), ...directoryRecord('\u0001', 18, SECTOR, true)];
  for (let i = 0; i < 10; i += 1) records.push(...directoryRecord(`F${i}.BIN;1`, 20, 8 * SECTOR, false));
  image.set(records, 18 * SECTOR);
  const findings = analyzeAttachments(mailWith([{ filename: 'same.iso', content: image }]), undefined, { maxInflatedBytes: 3 * 8 * SECTOR });
  assert.ok(codesOf(findings).includes('attachment.analysis_limit'), codesOf(findings).join());
  const everything = analyzeAttachments(mailWith([{ filename: 'same.iso', content: image }]));
  assert.ok(!codesOf(everything).includes('attachment.analysis_limit'));
});
