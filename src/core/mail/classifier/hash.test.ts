import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fnv1a32, FNV_OFFSET } from './hash.js';
import { SparseAccumulator } from './sparse-accumulator.js';
import { addTextFeatures } from './text-features.js';

test('fnv1a32 matches the published FNV-1a test vectors and continues from a prefix', () => {
  assert.equal(fnv1a32(''), FNV_OFFSET);
  assert.equal(fnv1a32('a'), 0xe40c292c);
  assert.equal(fnv1a32('foobar'), 0xbf9cf968);
  assert.equal(fnv1a32('bar', fnv1a32('foo')), fnv1a32('foobar'));
  assert.equal(fnv1a32('xfoobarx', FNV_OFFSET, 1, 7), fnv1a32('foobar'));
});

test('character 4-grams are hashed as the padded word slices they stand for', () => {
  const into = new SparseAccumulator(1 << 16);
  addTextFeatures('', 'pass', { hashBits: 16, keepTerms: false }, into);
  const { indices } = into.take();
  for (const gram of [' pas', 'pass', 'ass ']) assert.ok(indices.includes(fnv1a32(`c:${gram}`) & 0xffff), gram);
});

test('the sparse accumulator sums, sorts and empties itself', () => {
  const acc = new SparseAccumulator(16);
  acc.add(9, 1);
  acc.add(2, 0.5);
  acc.add(9, 0.25);
  assert.deepEqual(acc.take(), { indices: Int32Array.from([2, 9]), values: Float64Array.from([0.5, 1.25]) });
  acc.add(3, 1);
  assert.deepEqual(acc.take(), { indices: Int32Array.from([3]), values: Float64Array.from([1]) });
});

test('bigrams are hashed as "first second" and named by that text', () => {
  const into = new SparseAccumulator(1 << 16);
  const terms = addTextFeatures('', 'reset your password', { hashBits: 16, keepTerms: true }, into);
  const { indices } = into.take();
  for (const bigram of ['reset your', 'your password']) {
    const bucket = fnv1a32(`b:${bigram}`) & 0xffff;
    assert.ok(indices.includes(bucket), bigram);
    assert.ok(terms.some((t) => t.label === bigram && t.bucket === bucket), bigram);
  }
});
