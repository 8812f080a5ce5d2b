import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom } from '../../lib/random.js';
import { gaussianRows } from './gaussian-rows.js';

describe('gaussianRows', () => {
  it('draws standard-normal values, an odd count included', () => {
    const values = gaussianRows(createRandom(70), 20_001, 3);
    assert.equal(values.length, 60_003);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
    assert.ok(Math.abs(mean) < 0.02 && Math.abs(variance - 1) < 0.03, `${mean} ${variance}`);
    assert.ok(values.every(Number.isFinite));
  });
});
