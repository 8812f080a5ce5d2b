import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as QRCode from 'qrcode';
import { analyzeAttachments } from './index.js';
import { buildDocm, buildPdf, buildVbaContainer, buildZip, codesOf, encode, mailWith } from './test-fixtures.js';

/** A small deterministic PRNG (xorshift32), so failures replay. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
}

test('a message without attachments yields nothing', () => {
  assert.deepEqual(analyzeAttachments(mailWith([])), { reasons: [], observables: [], urls: [] });
});

test('every reason has a stable code, a weight, a sentence and an attachment source', async () => {
  const png = new Uint8Array(await QRCode.toBuffer('https://q.example-bad.test/', { type: 'png' }));
  const findings = analyzeAttachments(mailWith([
    { filename: 'invoice.pdf.exe', content: Uint8Array.from([0x4d, 0x5a, ...new Uint8Array(100)]) },
    { filename: 'a.zip', content: buildZip({ 'x.js': encode('x') }) },
    { filename: 'q.png', content: png },
    { filename: 'm.docm', content: buildDocm(buildVbaContainer([{ name: 'M', source: 'Sub AutoOpen()\r\nShell "x"\r\nEnd Sub' }])) },
  ]));
  assert.ok(findings.reasons.length >= 6);
  for (const reason of findings.reasons) {
    assert.match(reason.code, /^attachment\.[a-z0-9_]+$/u);
    assert.ok(Number.isFinite(reason.weight) && reason.weight >= 0 && reason.weight <= 100);
    assert.match(reason.summary, /^\S.*[.]$/su, reason.summary);
    assert.equal(reason.source.kind, 'attachment');
  }
});

test('the number of reasons is capped per message, and the cap is said', () => {
  const members: Record<string, Uint8Array> = {};
  for (let i = 0; i < 300; i += 1) members[`payload${i}.pdf.exe`] = encode(`x${i}`);
  const findings = analyzeAttachments(mailWith([{ filename: 'many.zip', content: buildZip(members) }]), undefined, { maxReasons: 50 });
  assert.equal(findings.reasons.length, 51);
  assert.equal(findings.reasons.at(-1)!.code, 'attachment.reason_limit');
  const members2 = analyzeAttachments(mailWith([{ filename: 'many.zip', content: buildZip(members) }]), undefined, { maxArchiveMembers: 10 });
  assert.ok(codesOf(members2).includes('attachment.analysis_limit'));
  assert.ok(members2.observables.filter((o) => o.type === 'sha256').length <= 11);
});

test('mutated and truncated inputs of every kind never throw and stay fast', async () => {
  const png = new Uint8Array(await QRCode.toBuffer('https://q.example-bad.test/', { type: 'png' }));
  const seeds: readonly [string, Uint8Array][] = [
    ['a.doc', buildVbaContainer([{ name: 'ThisDocument', source: 'Sub AutoOpen()\r\nShell "calc"\r\nEnd Sub' }], 'Macros/')],
    ['a.docm', buildDocm(buildVbaContainer([{ name: 'M', source: 'Sub Document_Open()\r\nEnd Sub' }]))],
    ['a.zip', buildZip({ 'x.exe': encode('MZ'), 'y/z.txt': encode('hello '.repeat(200)) })],
    ['a.pdf', buildPdf(['<< /OpenAction << /S /JavaScript /JS (x) >> >>'], '<< /URI (https://a.test/) >>')],
    ['a.png', png],
    ['a.html', encode('<html><form action="https://x.test/"><input type=password></form><script>atob("QUJD")</script></html>')],
  ];
  const next = random(42);
  const started = process.hrtime.bigint();
  let runs = 0;
  for (const [name, original] of seeds) {
    for (let round = 0; round < 40; round += 1) {
      const mutated = original.slice(0, Math.max(1, Math.floor(original.length * (round % 5 === 0 ? next() : 1))));
      const flips = 1 + Math.floor(next() * 16);
      for (let i = 0; i < flips; i += 1) mutated[Math.floor(next() * mutated.length)] = Math.floor(next() * 256);
      const findings = analyzeAttachments(mailWith([{ filename: name, content: mutated }]));
      assert.ok(Array.isArray(findings.reasons));
      runs += 1;
    }
  }
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  assert.equal(runs, 240);
  assert.ok(elapsedMs < 30_000, `took ${elapsedMs} ms`);
});
