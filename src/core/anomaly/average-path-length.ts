/**
 * c(n): the average path length of an unsuccessful search in a binary search tree of n nodes, used by the
 * Isolation Forest to normalise path lengths and to credit the rows left in a leaf. This is scikit-learn's
 * `_average_path_length`, which approximates the harmonic number H(n−1) by ln(n−1) + γ for every n > 2
 * (no exact harmonic numbers), so scores match sklearn to the last bits.
 */

/** The Euler–Mascheroni constant as numpy spells it (`np.euler_gamma`). */
export const EULER_GAMMA = 0.5772156649015329;

/** c(n) = 0 for n ≤ 1, 1 for n = 2, 2·(ln(n−1) + γ) − 2·(n−1)/n otherwise. */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}
