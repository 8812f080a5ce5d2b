import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { percentileLinear } from './percentile.js';

describe('percentileLinear', () => {
  const values = [0.3, -0.1, 0.7, 0.7, 0.2, 1.5, -2.0, 0.05, 0.3, 0.9];

  it('matches numpy.percentile (numpy 1.24, method="linear") to the last bit', () => {
    // Printed by /usr/bin/python3: np.percentile(values, q).
    const expected: ReadonlyArray<readonly [number, number]> = [
      [0, -2.0],
      [10, -0.2899999999999999],
      [25, 0.08750000000000001],
      [50, 0.3],
      [73.3, 0.7],
      [90, 0.9599999999999999],
      [100, 1.5],
    ];
    for (const [q, value] of expected) assert.equal(percentileLinear(values, q), value, `q=${q}`);
    assert.equal(percentileLinear([1, 2], 100 * 0.1), 1.1);
  });

  it('does not reorder its input', () => {
    const input = Float64Array.from(values);
    percentileLinear(input, 50);
    assert.deepEqual(Array.from(input), values);
  });

  it('rejects an empty input and q outside [0, 100]', () => {
    assert.throws(() => percentileLinear([], 10), RangeError);
    assert.throws(() => percentileLinear([1], 101), RangeError);
    assert.throws(() => percentileLinear([1], Number.NaN), RangeError);
  });
});
