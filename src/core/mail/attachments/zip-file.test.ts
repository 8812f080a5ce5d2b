import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeAttachments } from './index.js';
import { findPasswordInText } from './archive-password.js';
import { buildZip, codesOf, encode, mailWith } from './test-fixtures.js';

function exe(): Uint8Array {
  const bytes = new Uint8Array(256);
  bytes.set([0x4d, 0x5a]);
  return bytes;
}

/** Sets the "encrypted" flag on every local and central header (fflate cannot encrypt). */
function markEncrypted(zip: Uint8Array): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i += 1) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50) out[i + 6]! |= 1;
    if (signature === 0x02014b50) out[i + 8]! |= 1;
  }
  return out;
}

/** Rewrites the declared uncompressed size of every central-directory entry. */
function lieAboutSizes(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i += 1) {
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return out;
}

test('archive members are listed and checked like attachments, with their path', () => {
  const zip = buildZip({ 'docs/readme.txt': encode('hello'), 'docs/Invoice.pdf.js': encode('WScript.Echo(1)') });
  const findings = analyzeAttachments(mailWith([{ filename: 'Invoice.zip', content: zip }]));
  const listing = findings.reasons.find((r) => r.code === 'attachment.archive_contents');
  assert.match(listing!.summary, /docs\/Invoice\.pdf\.js/u);
  const script = findings.reasons.find((r) => r.code === 'attachment.script');
  assert.deepEqual(script!.source, { kind: 'attachment', filename: 'Invoice.zip', index: 0, path: ['docs/Invoice.pdf.js'] });
  assert.ok(codesOf(findings).includes('attachment.double_extension'));
});

test('a zip bomb (10 MB of zeros) is stopped by the byte budget on real output', () => {
  const zip = buildZip({ 'zeros.bin': new Uint8Array(10 * 1024 * 1024) });
  assert.ok(zip.length < 100_000);
  const started = process.hrtime.bigint();
  const findings = analyzeAttachments(mailWith([{ filename: 'archive.zip', content: zip }]), undefined, { maxMemberBytes: 1024 * 1024 });
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  const bomb = findings.reasons.find((r) => r.code === 'attachment.archive_bomb');
  assert.ok(bomb !== undefined, codesOf(findings).join());
  assert.deepEqual(bomb.source.kind === 'attachment' ? bomb.source.path : undefined, ['zeros.bin']);
  assert.ok(elapsedMs < 2000, `took ${elapsedMs} ms`);
});

test('with default limits every bomb is caught early and cheaply', () => {
  const zip = buildZip({ 'zeros.bin': new Uint8Array(10 * 1024 * 1024) });
  const findings = analyzeAttachments(mailWith(Array.from({ length: 6 }, (_, i) => ({ filename: `bomb${i}.zip`, content: zip }))));
  assert.equal(findings.reasons.filter((r) => r.code === 'attachment.archive_bomb').length, 6, codesOf(findings).join());
});

test('the decompression budget is shared by all attachments of a message', () => {
  // Incompressible members: no bomb, just bytes that add up.
  const noise = Uint8Array.from({ length: 600_000 }, (_, i) => (i * 2654435761) >>> 24 ^ (i >> 7));
  const zip = buildZip({ 'data.bin': noise });
  const attachments = Array.from({ length: 4 }, (_, i) => ({ filename: `part${i}.zip`, content: zip }));
  const findings = analyzeAttachments(mailWith(attachments), undefined, { maxInflatedBytes: 1_500_000 });
  const limited = findings.reasons.filter((r) => r.code === 'attachment.analysis_limit');
  assert.ok(limited.length >= 1, codesOf(findings).join());
  assert.ok(limited.every((r) => r.source.kind === 'attachment' && r.source.index >= 2));
  assert.ok(!codesOf(findings).includes('attachment.archive_bomb'));
  assert.ok(!codesOf(analyzeAttachments(mailWith(attachments))).includes('attachment.analysis_limit'));
});

test('a declared size that lies is caught on the actual output', () => {
  const zip = lieAboutSizes(buildZip({ 'a.txt': encode('x'.repeat(5000)) }), 10);
  const findings = analyzeAttachments(mailWith([{ filename: 'lies.zip', content: zip }]));
  assert.ok(codesOf(findings).includes('attachment.archive_size_mismatch'), codesOf(findings).join());
});

test('nested archives are opened down to the depth limit only', () => {
  let nested = buildZip({ 'deep.exe': exe() });
  for (let level = 0; level < 6; level += 1) nested = buildZip({ [`level${level}.zip`]: nested });
  const findings = analyzeAttachments(mailWith([{ filename: 'nested.zip', content: nested }]));
  const nesting = findings.reasons.find((r) => r.code === 'attachment.archive_nesting');
  assert.ok(nesting !== undefined, codesOf(findings).join());
  assert.ok(nesting.source.kind === 'attachment' && (nesting.source.path?.length ?? 0) === 3);
  assert.ok(!codesOf(findings).includes('attachment.executable'));
  const shallow = buildZip({ 'outer.zip': buildZip({ 'payload.exe': exe() }) });
  const found = analyzeAttachments(mailWith([{ filename: 'shallow.zip', content: shallow }]));
  const executable = found.reasons.find((r) => r.code === 'attachment.executable');
  assert.deepEqual(executable?.source, { kind: 'attachment', filename: 'shallow.zip', index: 0, path: ['outer.zip', 'payload.exe'] });
});

test('an encrypted archive is reported, with the password when the body gives it', () => {
  const zip = markEncrypted(buildZip({ 'Invoice.exe': exe() }));
  const text = 'Please find the invoice attached.\nThe password is: Inv4821\nRegards';
  const findings = analyzeAttachments(mailWith([{ filename: 'Invoice.zip', content: zip }], text));
  const codes = codesOf(findings);
  assert.ok(codes.includes('attachment.archive_encrypted'), codes.join());
  const password = findings.reasons.find((r) => r.code === 'attachment.archive_password_in_body');
  assert.match(password!.summary, /Inv4821/u);
  // The member's name is still checked even though its bytes cannot be read.
  assert.ok(codes.includes('attachment.executable'));
  const silent = analyzeAttachments(mailWith([{ filename: 'Invoice.zip', content: zip }], 'See attached.'));
  assert.ok(!codesOf(silent).includes('attachment.archive_password_in_body'));
});

test('passwords are found in several phrasings and languages', () => {
  assert.equal(findPasswordInText('Password: 1234'), '1234');
  assert.equal(findPasswordInText('the archive PASSWORD is "xK9-2"'), 'xK9-2');
  assert.equal(findPasswordInText('Passwort: Rechnung2024'), 'Rechnung2024');
  assert.equal(findPasswordInText('mot de passe : abc123'), 'abc123');
  assert.equal(findPasswordInText('Reset your password at the portal'), undefined);
});

test('malformed archives become reasons', () => {
  const zip = buildZip({ 'a.txt': encode('x'.repeat(2000)) });
  const truncated = zip.slice(0, 40);
  const corruptData = zip.slice();
  for (let i = 40; i < 60; i += 1) corruptData[i] = 0xff;
  const findings = analyzeAttachments(mailWith([
    { filename: 'cut.zip', content: truncated },
    { filename: 'corrupt.zip', content: corruptData },
    { filename: 'junk.zip', content: Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) },
  ]));
  const malformed = findings.reasons.filter((r) => r.code === 'attachment.malformed_archive');
  assert.ok(malformed.length >= 2, codesOf(findings).join());
});

test('overlapping entries (members sharing data) are flagged', () => {
  const zip = buildZip({ 'a.txt': encode('aaaa'), 'b.txt': encode('bbbb') });
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const centrals: number[] = [];
  for (let i = 0; i + 4 <= out.length; i += 1) if (view.getUint32(i, true) === 0x02014b50) centrals.push(i);
  view.setUint32(centrals[1]! + 42, view.getUint32(centrals[0]! + 42, true), true);
  const findings = analyzeAttachments(mailWith([{ filename: 'overlap.zip', content: out }]));
  assert.ok(codesOf(findings).includes('attachment.archive_bomb'), codesOf(findings).join());
});

test('folders inside archives are normal, paths that climb out are not', () => {
  const zip = buildZip({ 'docs/2024/report.txt': encode('ok'), '../../../etc/cron.d/job': encode('* * * * * root sh') });
  const findings = analyzeAttachments(mailWith([{ filename: 'files.zip', content: zip }]));
  const paths = findings.reasons.filter((r) => r.code === 'attachment.path_in_filename');
  assert.equal(paths.length, 1, codesOf(findings).join());
  assert.deepEqual(paths[0]!.source, { kind: 'attachment', filename: 'files.zip', index: 0, path: ['../../../etc/cron.d/job'] });
});
