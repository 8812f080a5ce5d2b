import type { RandomSource } from '../../lib/random.js';

/**
 * `rows × cols` independent standard-normal values, row-major (Box–Muller). Synthetic "normal traffic"
 * for tests and benchmarks of the anomaly detectors.
 */
export function gaussianRows(random: RandomSource, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < out.length; i += 2) {
    // 1 − u keeps the logarithm's argument in (0, 1].
    const radius = Math.sqrt(-2 * Math.log(1 - random.nextFloat()));
    const angle = 2 * Math.PI * random.nextFloat();
    out[i] = radius * Math.cos(angle);
    if (i + 1 < out.length) out[i + 1] = radius * Math.sin(angle);
  }
  return out;
}
