import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boundedEditDistance } from './edit-distance.js';

function reference(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

test('distances: substitutions, insertions, deletions and adjacent transpositions', () => {
  assert.equal(boundedEditDistance('paypal', 'paypal', 2), 0);
  assert.equal(boundedEditDistance('paypal', 'paypa1', 2), 1);
  assert.equal(boundedEditDistance('microsoft', 'microsfot', 2), 1);
  assert.equal(boundedEditDistance('microsoft', 'micrsoft', 2), 1);
  assert.equal(boundedEditDistance('docusign', 'docusignn', 2), 1);
  assert.equal(boundedEditDistance('abc', 'xyz', 1), 2);
  assert.equal(boundedEditDistance('', 'abc', 5), 3);
});

test('bounded result equals the reference distance when within the bound, else bound + 1', () => {
  const words = ['paypal', 'paypla', 'paypall', 'pypal', 'microsoft', 'micorsoft', 'mircosoft', 'amazon', 'amazno', 'docusign', 'ca', 'ac', 'abcdef', 'fedcba'];
  for (const a of words) {
    for (const b of words) {
      for (const max of [0, 1, 2, 3]) {
        const r = reference(a, b);
        assert.equal(boundedEditDistance(a, b, max), r <= max ? r : max + 1, `${a} ${b} ${max}`);
      }
    }
  }
});
