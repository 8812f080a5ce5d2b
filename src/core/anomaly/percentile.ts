/**
 * `numpy.percentile(values, q)` with numpy's default "linear" method (numpy 1.24), which sklearn uses to
 * turn `contamination` into the decision offset. Reproduces numpy's arithmetic: the virtual index
 * (n − 1)·(q / 100), and the two-sided lerp that interpolates from the nearer order statistic.
 * `values` is not modified; NaN values are not supported (sklearn scores are never NaN).
 */
export function percentileLinear(values: ArrayLike<number>, q: number): number {
  return percentileOfSorted(Float64Array.from(values).sort(), q);
}

/** `percentileLinear` of values already sorted ascending (sort once, ask for many percentiles). */
export function percentileOfSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of an empty array');
  if (!(q >= 0 && q <= 100)) throw new RangeError(`percentile q must be in [0, 100], got ${q}`);
  const n = sorted.length;
  const virtualIndex = (n - 1) * (q / 100);
  const previous = Math.min(Math.max(Math.floor(virtualIndex), 0), n - 1);
  const next = Math.min(previous + 1, n - 1);
  const gamma = virtualIndex - Math.floor(virtualIndex);
  const a = sorted[previous]!;
  const b = sorted[next]!;
  const difference = b - a;
  // numpy's _lerp: a + d·t, but b − d·(1 − t) when t ≥ 0.5, which is exact at t = 1 and monotone.
  return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma;
}
