/**
 * scikit-learn casts every input to float32 before comparing it with a float64 split threshold, so a row
 * goes left iff `fround(x) <= threshold`. Rounding is monotone, so the set of doubles that go left is
 * exactly `x <= b` for one double `b`; computing that `b` once per split lets the scoring loop compare raw
 * float64 inputs with no per-value conversion and still route exactly like sklearn.
 */

// Scratch views for bit manipulation; only ever used synchronously inside one call.
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

const MAX_FLOAT32 = 3.4028234663852886e38;
/** Half an ulp above the largest float32: doubles at or beyond it round to Infinity (ties go to even = Infinity). */
const FLOAT32_OVERFLOW = MAX_FLOAT32 + 2 ** 103;
const SMALLEST_SUBNORMAL_FLOAT32 = 2 ** -149;

/** The largest float32 value ≤ `value` (value finite or infinite, not NaN). */
function floatBelowOrEqual(value: number): number {
  const rounded = Math.fround(value);
  if (rounded <= value) return rounded;
  if (rounded === 0) return -SMALLEST_SUBNORMAL_FLOAT32;
  f32[0] = rounded;
  // Moving one step toward −∞: shrink the magnitude of a positive float, grow that of a negative one.
  u32[0] = rounded > 0 ? u32[0]! - 1 : u32[0]! + 1;
  return f32[0];
}

/** The next float32 above a finite float32 value. */
function nextFloat32Up(value: number): number {
  if (value === 0) return SMALLEST_SUBNORMAL_FLOAT32;
  f32[0] = value;
  u32[0] = value > 0 ? u32[0]! + 1 : u32[0]! - 1;
  return f32[0];
}

/** The next double below a finite, non-zero double. */
function previousDouble(value: number): number {
  f64[0] = value;
  u64[0] = value > 0 ? u64[0]! - 1n : u64[0]! + 1n;
  return f64[0];
}

/**
 * Returns `b` such that, for every double x (NaN included), `x <= b` ⇔ `Math.fround(x) <= threshold`.
 * NaN thresholds stay NaN (nothing goes left), matching the float32 comparison.
 */
export function toRoutingThreshold(threshold: number): number {
  if (Number.isNaN(threshold) || threshold === Infinity) return threshold;
  const below = floatBelowOrEqual(threshold);
  if (below === -Infinity) return -FLOAT32_OVERFLOW;
  if (below === MAX_FLOAT32) return previousDouble(FLOAT32_OVERFLOW);
  // Doubles strictly between `below` and the midpoint round down to `below`; the midpoint itself rounds
  // to whichever neighbour has an even mantissa, which `fround` tells us directly.
  const midpoint = (below + nextFloat32Up(below)) / 2;
  return Math.fround(midpoint) === below ? midpoint : previousDouble(midpoint);
}
