/**
 * Area under the ROC curve of `scores` (higher = more likely positive) for binary `labels` (1 = positive,
 * anything else negative), computed as the Mann–Whitney U statistic with tied scores given their average
 * rank, which is what `sklearn.metrics.roc_auc_score` returns. Throws when one class is missing.
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = labels.length;
  if (scores.length !== n) throw new RangeError(`${n} labels but ${scores.length} scores`);
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && scores[order[end]!] === scores[order[start]!]) end++;
    // Ranks start..end−1 (0-based) are tied: each gets their average, 1-based.
    const averageRank = (start + end + 1) / 2;
    for (let i = start; i < end; i++) {
      if (labels[order[i]!] === 1) {
        positives++;
        positiveRankSum += averageRank;
      }
    }
    start = end;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) throw new RangeError('ROC-AUC needs both positive and negative labels');
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
