/** Count, mean and median of a set of durations, in seconds (null when there are none). */
export interface DurationStats {
  readonly count: number;
  readonly mean_seconds: number | null;
  readonly median_seconds: number | null;
}

/** Summarises durations given in milliseconds. */
export function durationStats(samplesMs: readonly number[]): DurationStats {
  const n = samplesMs.length;
  if (n === 0) return { count: 0, mean_seconds: null, median_seconds: null };
  const sorted = [...samplesMs].sort((a, b) => a - b);
  let sum = 0;
  for (const x of sorted) sum += x;
  const mid = n >> 1;
  const median = n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { count: n, mean_seconds: round(sum / n / 1000), median_seconds: round(median / 1000) };
}

// Millisecond precision is all the inputs have; rounding keeps JSON free of float noise.
const round = (seconds: number): number => Math.round(seconds * 1000) / 1000;
