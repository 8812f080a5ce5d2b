import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeMessage } from './analyze-message.js';
import type { ParsedMail, Reason } from './contract.js';
import { testMail } from './headers/test-mail.js';

const HEADERS: [string, string][] = [
  ['Received', 'from relay.example.net ([198.51.100.7]) by mx.acme.example; Tue, 3 Mar 2026 10:00:05 +0000'],
  ['Date', 'Tue, 3 Mar 2026 10:00:00 +0000'],
  ['Message-ID', '<1@example.net>'],
  ['From', 'Ann <ann@example.net>'],
  ['Subject', 'Notes'],
];
const reason = (code: string, weight: number, source: Reason['source']): Reason => ({ code, weight, summary: code, source });

test('runs every analyser, passes attachment URLs on to URL analysis, and decides the verdict', () => {
  const mail = testMail(HEADERS, { problems: [reason('parse.malformed_base64', 2, { kind: 'message' })] });
  const seenUrls: string[] = [];
  const analysis = analyzeMessage(mail, {
    analysers: {
      attachments: () => ({ reasons: [reason('attachment.executable', 50, { kind: 'attachment', filename: 'a.exe', index: 0 })], observables: [{ type: 'sha256', value: 'ab' }], urls: ['https://qr.example/x'] }),
      senderDomains: () => ({ reasons: [], observables: [{ type: 'domain', value: 'example.net' }] }),
      urls: (_m, extra) => {
        seenUrls.push(...extra);
        return { reasons: [reason('url.ip_host', 15, { kind: 'url', url: 'http://203.0.113.1/' })], observables: [{ type: 'url', value: 'http://203.0.113.1/' }] };
      },
      classify: () => ({ probability: 0.8, reason: reason('classifier.score', 18, { kind: 'model', model: 'm@1' }) }),
    },
    extraReasons: [reason('auth.live_dkim_fail', 10, { kind: 'header', name: 'dkim-signature' })],
  });
  assert.deepEqual(seenUrls, ['https://qr.example/x']);
  assert.equal(analysis.verdict, 'malicious');
  assert.equal(analysis.score, 95);
  assert.deepEqual(analysis.reasons.map((r) => r.code), ['attachment.executable', 'classifier.score', 'url.ip_host', 'auth.live_dkim_fail', 'parse.malformed_base64']);
  assert.equal(analysis.classifierProbability, 0.8);
  // Header observables plus the analysers', each once.
  assert.deepEqual(analysis.observables.filter((o) => o.type === 'domain'), [{ type: 'domain', value: 'example.net' }]);
  assert.ok(analysis.observables.some((o) => o.type === 'sha256'));
  assert.ok(analysis.observables.some((o) => o.type === 'ip' && o.value === '198.51.100.7'));
});

test('an analyser that throws becomes a reason; the others still run', () => {
  const mail: ParsedMail = testMail(HEADERS);
  const analysis = analyzeMessage(mail, {
    analysers: {
      attachments: () => {
        throw new Error('boom');
      },
      classify: () => ({ probability: 0.1, reason: reason('classifier.score', -4, { kind: 'model', model: 'm@1' }) }),
    },
  });
  assert.deepEqual(analysis.reasons.map((r) => r.code), ['analysis.failed', 'classifier.score']);
  assert.match(analysis.reasons[0]!.summary, /attachment analyser.*boom/);
  assert.equal(analysis.verdict, 'clean');
});

test('without any analyser, header analysis alone decides', () => {
  const analysis = analyzeMessage(testMail(HEADERS));
  assert.deepEqual(analysis.reasons, []);
  assert.equal(analysis.verdict, 'clean');
  assert.equal(analysis.classifierProbability, undefined);
});

test('content signals run on every message, without any injected analyser', () => {
  const mail = testMail([...HEADERS.filter(([n]) => n !== 'Subject'), ['Subject', 'Your \u0410mazon account is on hold']], {
    text: 'Your account has been suspended. Verify your account within 24 hours.',
  });
  const analysis = analyzeMessage(mail);
  const codes = analysis.reasons.map((r) => r.code);
  assert.ok(codes.includes('content.mixed_script'));
  assert.ok(codes.includes('content.credential_lure'));
  assert.equal(analysis.verdict, 'suspicious');
  // The same message without the lures and look-alike letters is clean.
  const plain = analyzeMessage(testMail(HEADERS, { text: 'See you on Friday.' }));
  assert.equal(plain.verdict, 'clean');
  assert.ok(!plain.reasons.some((r) => r.code.startsWith('content.')));
});
