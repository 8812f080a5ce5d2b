import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom, sampleDistinct } from './random.js';

function take(seed: number, count: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => random.nextUint32());
}

describe('createRandom', () => {
  it('matches an independent xoshiro128** + SplitMix64 implementation', () => {
    // Computed with a separate Python transcription of the reference C code (SplitMix64(seed) gives
    // two 64-bit words, split low half first into s0..s3).
    assert.deepEqual(take(0, 6), [3737715805, 2584255861, 2876756834, 3286328325, 1553311962, 1625202774]);
    assert.deepEqual(take(42, 6), [1776835114, 4165204688, 17111135, 2317295270, 2792088233, 2554630222]);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    assert.deepEqual(take(7, 100), take(7, 100));
    assert.notDeepEqual(take(7, 100), take(8, 100));
    assert.notDeepEqual(take(-1, 10), take(1, 10));
  });

  it('rejects seeds that are not safe integers', () => {
    assert.throws(() => createRandom(1.5), RangeError);
    assert.throws(() => createRandom(Number.NaN), RangeError);
    assert.throws(() => createRandom(2 ** 60), RangeError);
  });

  it('nextFloat stays in [0, 1) with mean 1/2', () => {
    const random = createRandom(1);
    let sum = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = random.nextFloat();
      assert.ok(u >= 0 && u < 1);
      sum += u;
    }
    // Standard error of the mean is 1/sqrt(12 n) ≈ 0.0009.
    assert.ok(Math.abs(sum / n - 0.5) < 0.005, `mean ${sum / n}`);
  });

  it('nextInt is uniform over small ranges (chi-square)', () => {
    const random = createRandom(2);
    const n = 7;
    const draws = 70_000;
    const counts = new Array<number>(n).fill(0);
    for (let i = 0; i < draws; i++) {
      const x = random.nextInt(n);
      assert.ok(Number.isInteger(x) && x >= 0 && x < n);
      counts[x] = (counts[x] ?? 0) + 1;
    }
    const expected = draws / n;
    const chi2 = counts.reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0);
    // 6 degrees of freedom: P(chi2 > 22.46) = 0.001.
    assert.ok(chi2 < 22.46, `chi2 ${chi2}`);
  });

  it('nextInt has no modulo bias for large n', () => {
    // With n = 3·2^30, a plain `x % n` would return values below 2^30 half the time instead of a third.
    const random = createRandom(3);
    const n = 3 * 2 ** 30;
    let low = 0;
    const draws = 30_000;
    for (let i = 0; i < draws; i++) if (random.nextInt(n) < 2 ** 30) low++;
    assert.ok(Math.abs(low / draws - 1 / 3) < 0.02, `fraction ${low / draws}`);
    assert.ok(random.nextInt(2 ** 32) < 2 ** 32);
    assert.equal(random.nextInt(1), 0);
  });

  it('nextInt rejects invalid bounds', () => {
    const random = createRandom(0);
    assert.throws(() => random.nextInt(0), RangeError);
    assert.throws(() => random.nextInt(2.5), RangeError);
    assert.throws(() => random.nextInt(2 ** 32 + 1), RangeError);
  });
});

describe('sampleDistinct', () => {
  function assertDistinctInRange(sample: Int32Array, n: number, k: number): void {
    assert.equal(sample.length, k);
    const seen = new Set<number>();
    for (const x of sample) {
      assert.ok(x >= 0 && x < n, `${x} out of [0, ${n})`);
      assert.ok(!seen.has(x), `duplicate ${x}`);
      seen.add(x);
    }
  }

  it('returns k distinct values in range on both the dense and the sparse path', () => {
    const random = createRandom(4);
    for (const [n, k] of [[10, 10], [10, 3], [1000, 256], [1_000_000, 256], [1, 1], [5, 0]] as const) {
      assertDistinctInRange(sampleDistinct(random, n, k), n, k);
    }
  });

  it('includes every element with probability k/n on both paths', () => {
    for (const [n, k] of [[20, 8], [200, 10]] as const) {
      const random = createRandom(5);
      const counts = new Float64Array(n);
      const rounds = 20_000;
      for (let r = 0; r < rounds; r++) for (const x of sampleDistinct(random, n, k)) counts[x]! += 1;
      const p = k / n;
      const sd = Math.sqrt(rounds * p * (1 - p));
      for (let i = 0; i < n; i++) assert.ok(Math.abs(counts[i]! - rounds * p) < 5 * sd, `n=${n} element ${i}: ${counts[i]}`);
    }
  });

  it('fills a caller-provided buffer and is deterministic', () => {
    const out = new Int32Array(300);
    const a = Array.from(sampleDistinct(createRandom(9), 100_000, 256, out));
    const b = Array.from(sampleDistinct(createRandom(9), 100_000, 256));
    assert.deepEqual(a, b);
    assert.deepEqual(Array.from(out.subarray(0, 256)), a);
  });

  it('rejects impossible requests', () => {
    const random = createRandom(0);
    assert.throws(() => sampleDistinct(random, 3, 4), RangeError);
    assert.throws(() => sampleDistinct(random, 3, -1), RangeError);
    assert.throws(() => sampleDistinct(random, 10, 5, new Int32Array(2)), RangeError);
  });
});
