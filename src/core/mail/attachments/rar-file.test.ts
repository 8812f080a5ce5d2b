import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeAttachments } from './index.js';
import { listRar } from './rar-reader.js';
import { codesOf, mailWith } from './test-fixtures.js';

const bytesOf = (text: string): number[] => Array.from(new TextEncoder().encode(text));

/** A RAR5 block: CRC (unchecked), size, then the header fields, then `data`. */
function rar5Block(fields: readonly number[], data: readonly number[] = []): number[] {
  return [0, 0, 0, 0, fields.length, ...fields, ...data];
}

/** A RAR5 file header block for `name` (flags: data area present; `encrypted` adds an encryption record). */
function rar5File(name: string, data: readonly number[], encrypted = false): number[] {
  const extra = encrypted ? [2, 1] : [];
  const nameBytes = bytesOf(name);
  // type 2, flags (extra? 0x01) | data 0x02, [extra size], data size, file flags 0, unpacked, attributes, compression, host, name
  const flags = 0x02 | (encrypted ? 0x01 : 0);
  const fields = [2, flags, ...(encrypted ? [extra.length] : []), data.length, 0, data.length, 0x20, 0, 0, nameBytes.length, ...nameBytes, ...extra];
  return rar5Block(fields, data);
}

function rar5(files: readonly number[][], headerEncrypted = false): Uint8Array {
  const signature = [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00];
  const main = rar5Block([1, 0, 0]);
  const body = headerEncrypted ? rar5Block([4, 0, 0, 0]) : files.flat();
  return Uint8Array.from([...signature, ...main, ...body, ...rar5Block([5, 0, 0])]);
}

/** A RAR4 archive with one file header per name. */
function rar4(names: readonly string[], encrypted = false): Uint8Array {
  const out = [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x00];
  out.push(0, 0, 0x73, 0, 0, 13, 0, 0, 0, 0, 0, 0, 0);
  for (const name of names) {
    const nameBytes = bytesOf(name);
    const headerSize = 32 + nameBytes.length;
    const flags = 0x8000 | (encrypted ? 0x0004 : 0);
    const header = [0, 0, 0x74, flags & 0xff, flags >> 8, headerSize & 0xff, headerSize >> 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 29, 0x30,
      nameBytes.length & 0xff, nameBytes.length >> 8, 0x20, 0, 0, 0, ...nameBytes];
    out.push(...header, 0x61, 0x62, 0x63);
  }
  out.push(0, 0, 0x7b, 0, 0x40, 7, 0);
  return Uint8Array.from(out);
}

test('RAR5 and RAR4 member names are listed and checked', () => {
  assert.deepEqual(listRar(rar5([rar5File('docs/readme.txt', [1, 2, 3]), rar5File('Invoice.pdf.exe', [4, 5])]), 100).names, ['docs/readme.txt', 'Invoice.pdf.exe']);
  assert.deepEqual(listRar(rar4(['a.txt', 'Payment.scr']), 100).names, ['a.txt', 'Payment.scr']);
  const findings = analyzeAttachments(mailWith([{ filename: 'docs.rar', content: rar5([rar5File('Invoice.pdf.exe', [4, 5])]) }, { filename: 'old.rar', content: rar4(['Payment.scr']) }]));
  const doubleExtension = findings.reasons.find((r) => r.code === 'attachment.double_extension');
  assert.deepEqual(doubleExtension?.source, { kind: 'attachment', filename: 'docs.rar', index: 0, path: ['Invoice.pdf.exe'] });
  const screenSaver = findings.reasons.find((r) => r.code === 'attachment.executable' && r.source.kind === 'attachment' && r.source.index === 1);
  assert.ok(screenSaver !== undefined, codesOf(findings).join());
});

test('encrypted RAR archives are reported, with the password from the body', () => {
  const text = 'Invoice attached, pwd: 7781';
  const perFile = analyzeAttachments(mailWith([{ filename: 'a.rar', content: rar5([rar5File('x.exe', [1], true)]) }], text));
  assert.ok(codesOf(perFile).includes('attachment.archive_encrypted'), codesOf(perFile).join());
  assert.match(perFile.reasons.find((r) => r.code === 'attachment.archive_password_in_body')!.summary, /7781/u);
  const headers = analyzeAttachments(mailWith([{ filename: 'b.rar', content: rar5([], true) }]));
  assert.match(headers.reasons.find((r) => r.code === 'attachment.archive_encrypted')!.summary, /file list is encrypted/u);
  assert.ok(codesOf(analyzeAttachments(mailWith([{ filename: 'c.rar', content: rar4(['y.txt'], true) }]))).includes('attachment.archive_encrypted'));
});

test('truncated RAR headers become a reason', () => {
  const whole = rar5([rar5File('Invoice.pdf.exe', [4, 5])]);
  const findings = analyzeAttachments(mailWith([{ filename: 'cut.rar', content: whole.slice(0, 20) }]));
  assert.ok(codesOf(findings).includes('attachment.malformed_archive'), codesOf(findings).join());
});
