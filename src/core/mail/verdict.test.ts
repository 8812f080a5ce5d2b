import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Reason } from './contract.js';
import { decideVerdict, DEFAULT_VERDICT_THRESHOLDS, scoreReasons } from './verdict.js';

const reason = (code: string, weight: number): Reason => ({ code, weight, summary: code, source: { kind: 'message' } });

test('the score adds weights, halves repeats of a code, counts negatives fully and clamps to 0–100', () => {
  assert.equal(scoreReasons([reason('a', 10), reason('b', 5)]), 15);
  assert.equal(scoreReasons([reason('a', 4), reason('a', 8), reason('a', 8)]), 8 + 4 + 1);
  assert.equal(scoreReasons([reason('a', 10), reason('c', -5), reason('c', -5)]), 0);
  assert.equal(scoreReasons([reason('a', 80), reason('b', 70)]), 100);
  assert.equal(scoreReasons([reason('a', Number.NaN), reason('b', 3)]), 3);
});

test('verdicts follow the thresholds; below them the classifier decides spam', () => {
  const t = DEFAULT_VERDICT_THRESHOLDS;
  assert.equal(decideVerdict([reason('a', t.malicious)], undefined).verdict, 'malicious');
  assert.equal(decideVerdict([reason('a', t.malicious - 1)], undefined).verdict, 'suspicious');
  assert.equal(decideVerdict([reason('a', t.suspicious)], undefined).verdict, 'suspicious');
  assert.equal(decideVerdict([reason('a', t.suspicious - 1)], 0.9).verdict, 'spam');
  assert.equal(decideVerdict([reason('a', t.suspicious - 1)], 0.1).verdict, 'clean');
  assert.equal(decideVerdict([reason('a', t.spamScore)], undefined).verdict, 'spam');
  assert.equal(decideVerdict([], undefined).verdict, 'clean');
});

test('the classifier alone makes spam, never suspicious: other evidence must reach minEvidence', () => {
  const model = (weight: number): Reason => ({ code: 'classifier.score', weight, summary: 'model', source: { kind: 'model', model: 'm@1' } });
  const t = DEFAULT_VERDICT_THRESHOLDS;
  assert.equal(decideVerdict([model(30), reason('a', t.minEvidence - 1)], 0.99).verdict, 'spam');
  assert.equal(decideVerdict([model(30), reason('a', t.minEvidence)], 0.99).verdict, 'suspicious');
  assert.equal(decideVerdict([model(30), reason('a', 30)], 0.99).verdict, 'malicious');
});

test('reasons come out heaviest first, ties in their original order', () => {
  const result = decideVerdict([reason('low', 1), reason('neg', -5), reason('high', 20), reason('tie1', 5), reason('tie2', 5)], undefined);
  assert.deepEqual(result.reasons.map((r) => r.code), ['high', 'tie1', 'tie2', 'low', 'neg']);
  assert.equal(result.score, 26);
});
