import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom } from '../../lib/random.js';
import { toRoutingThreshold } from './float32-threshold.js';

const MAX_FLOAT32 = 3.4028234663852886e38;

/** Doubles right around `t`: the float32 neighbours of t, their midpoints, and the doubles next to those. */
function probesAround(t: number): number[] {
  const probes: number[] = [t, -t, 0, -0];
  const view = new Float64Array(1);
  const bits = new BigInt64Array(view.buffer);
  const f = Math.fround(t);
  for (const base of [t, f, f * (1 + 2 ** -24), f * (1 - 2 ** -24), f * (1 + 2 ** -23), f * (1 - 2 ** -23)]) {
    view[0] = base;
    const b = bits[0]!;
    for (let d = -3n; d <= 3n; d++) {
      bits[0] = b + d;
      if (Number.isFinite(view[0])) probes.push(view[0]);
    }
  }
  return probes;
}

function assertSameRouting(threshold: number): void {
  const routing = toRoutingThreshold(threshold);
  for (const x of probesAround(threshold)) {
    assert.equal(x <= routing, Math.fround(x) <= threshold, `x=${x} threshold=${threshold} routing=${routing}`);
  }
}

describe('toRoutingThreshold', () => {
  it('routes every probe like float32(x) <= threshold for random thresholds of all magnitudes', () => {
    const random = createRandom(11);
    for (let i = 0; i < 5000; i++) {
      const magnitude = 2 ** (random.nextInt(80) - 40);
      const sign = random.nextInt(2) === 0 ? -1 : 1;
      assertSameRouting(sign * magnitude * random.nextFloat());
    }
  });

  it('handles thresholds that are exactly float32 values, midpoints, zeros and subnormals', () => {
    for (const t of [0, -0, 1, -1, 0.1, Math.fround(0.1), 2 ** -149, -(2 ** -149), 2 ** -150, 2 ** -126, 16777216, 16777217, 1 + 2 ** -24, 1 + 2 ** -23 + 2 ** -24]) {
      assertSameRouting(t);
    }
  });

  it('handles the float32 overflow boundary and infinities', () => {
    for (const t of [MAX_FLOAT32, -MAX_FLOAT32, 1e39, -1e39, Number.MAX_VALUE]) assertSameRouting(t);
    assert.equal(toRoutingThreshold(Infinity), Infinity);
    const minusInfinity = toRoutingThreshold(-Infinity);
    assert.equal(-1e39 <= minusInfinity, true, 'doubles that round to −∞ go left');
    assert.equal(-MAX_FLOAT32 <= minusInfinity, false);
    assert.ok(Number.isNaN(toRoutingThreshold(Number.NaN)));
  });

  it('sends NaN right, as the float32 comparison does', () => {
    const missing = Number('not a number');
    assert.equal(missing <= toRoutingThreshold(0.5), false);
  });
});
