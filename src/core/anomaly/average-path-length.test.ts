import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { averagePathLength, EULER_GAMMA } from './average-path-length.js';

describe('averagePathLength', () => {
  it('has the special cases of sklearn: 0 for n <= 1, 1 for n = 2', () => {
    assert.equal(averagePathLength(0), 0);
    assert.equal(averagePathLength(1), 0);
    assert.equal(averagePathLength(2), 1);
  });

  it('matches the reference values of the spec (sklearn 1.2.1 on Debian 12)', () => {
    const reference: ReadonlyArray<readonly [number, number]> = [
      [3, 1.207392357589623],
      [100, 8.364671030072245],
      [255, 10.23694300109504],
      [256, 10.244770920119917],
    ];
    for (const [n, c] of reference) assert.ok(Math.abs(averagePathLength(n) - c) <= 1e-12, `c(${n}) = ${averagePathLength(n)}`);
  });

  it('uses the ln + gamma approximation, not exact harmonic numbers', () => {
    // Exact: c(3) = 2·H(2) − 4/3 = 5/3; the approximation gives 1.2074.
    assert.notEqual(averagePathLength(3), 5 / 3);
    assert.equal(averagePathLength(3), 2 * (Math.log(2) + EULER_GAMMA) - 4 / 3);
  });
});
