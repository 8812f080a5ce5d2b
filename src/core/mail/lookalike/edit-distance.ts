/**
 * Damerau-Levenshtein distance (optimal string alignment: insertions, deletions, substitutions and
 * transpositions of adjacent characters), bounded: returns `max + 1` as soon as the distance must
 * exceed `max`. Two rows of a small reusable buffer; O(len(a) · len(b)) at worst, labels are ≤ 63.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0 || m === 0) return Math.max(n, m);
  if (m + 1 > ROW) return max + 1;
  for (let j = 0; j <= m; j++) prev2[j] = prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    prev2.set(prev.subarray(0, m + 1));
    prev.set(cur.subarray(0, m + 1));
  }
  return Math.min(prev[m]!, max + 1);
}

const ROW = 256;
const prev2 = new Uint16Array(ROW);
const prev = new Uint16Array(ROW);
const cur = new Uint16Array(ROW);
