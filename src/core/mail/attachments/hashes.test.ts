import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { analyzeAttachments } from './index.js';
import { hashFile } from './hashes.js';
import { buildZip, codesOf, encode, mailWith } from './test-fixtures.js';

test('hashes match the published test vectors for "abc"', () => {
  const hashes = hashFile(encode('abc'));
  assert.equal(hashes.md5, '900150983cd24fb0d6963f7d28e17f72');
  assert.equal(hashes.sha1, 'a9993e364706816aba3e25717850c26c9cd0d89d');
  assert.equal(hashes.sha256, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('every attachment and archive member is hashed into observables', () => {
  const inner = encode('member content');
  const zip = buildZip({ 'inner.txt': inner });
  const findings = analyzeAttachments(mailWith([{ filename: 'a.zip', content: zip }]));
  const sha256 = findings.observables.filter((o) => o.type === 'sha256').map((o) => o.value);
  assert.ok(sha256.includes(createHash('sha256').update(zip).digest('hex')));
  assert.ok(sha256.includes(createHash('sha256').update(inner).digest('hex')));
  assert.equal(findings.observables.filter((o) => o.type === 'md5').length, 2);
  assert.ok(findings.observables.some((o) => o.type === 'filename' && o.value === 'inner.txt'));
});

test('a hash known to the intel lookup is a heavy reason pointing at the member', () => {
  const payload = encode('known bad payload');
  const bad = createHash('sha1').update(payload).digest('hex');
  const asked: string[] = [];
  const lookups = {
    indicator: (type: string, value: string) => {
      asked.push(type);
      return type === 'sha1' && value === bad ? { source: 'test-feed', confidence: 90 } : undefined;
    },
  };
  const findings = analyzeAttachments(mailWith([{ filename: 'a.zip', content: buildZip({ 'x/payload.bin': payload }) }]), lookups);
  const hit = findings.reasons.find((r) => r.code === 'attachment.known_malicious_hash');
  assert.ok(hit !== undefined, codesOf(findings).join());
  assert.ok(hit.weight >= 80);
  assert.match(hit.summary, /test-feed/u);
  assert.deepEqual(hit.source, { kind: 'attachment', filename: 'a.zip', index: 0, path: ['x/payload.bin'] });
  assert.ok(asked.includes('sha256') && asked.includes('md5'));
  const clean = analyzeAttachments(mailWith([{ filename: 'b.txt', content: encode('other') }]), lookups);
  assert.ok(!codesOf(clean).includes('attachment.known_malicious_hash'));
});
