import { averagePathLength } from './average-path-length.js';
import type { ForestLayout } from './forest-layout.js';

/** Why a row scored as it did, feature by feature. */
export interface PathAttribution {
  /** Mean over trees of the row's path length h_t(x) (what sklearn's score is built from). */
  readonly pathLength: number;
  /** Mean over trees of c(rows at the root), the path length expected for an unremarkable row. */
  readonly expectedPathLength: number;
  /**
   * Per column, in path-length units, averaged over trees: how much the splits on that column shortened
   * the path compared with what was expected. Sums exactly to `expectedPathLength − pathLength`.
   * Positive = the column helped isolate the row; negative = splits on it kept the row with the crowd.
   */
  readonly contributions: Float64Array;
  /**
   * The positive contributions normalised to sum to 1 (all zeros when no column shortened any path):
   * the share of "what made this row stand out" each column carries.
   */
  readonly fractions: Float64Array;
}

/**
 * Attributes a row's path lengths to the split features along its paths.
 *
 * A node holding n rows expects a row to need c(n) more edges to be isolated. A split that sends the row to
 * a child holding m rows changes that expectation to 1 + c(m), so the split earned c(n) − 1 − c(m): large
 * when the row lands in a small child, about −1 when it stays with nearly everyone. Summed along a path
 * these telescope to c(n_root) − h_t(x), so the attribution accounts for the score exactly (in the
 * exponent: score = −2^(−(expected − Σ contributions) / c(ψ))).
 */
export function attributePathLengths(layout: ForestLayout, row: ArrayLike<number>): PathAttribution {
  const { depth, treeCount, internalCount, featureCount } = layout;
  const contributions = new Float64Array(featureCount);
  let pathSum = 0;
  let expectedSum = 0;
  for (let tree = 0; tree < treeCount; tree++) {
    const nodeBase = tree * internalCount;
    let slot = 0;
    let level = 0;
    let expected = rowsAt(layout, tree, 0);
    expectedSum += averagePathLength(expected);
    while (level < depth && layout.nodeSamples[nodeBase + slot]! > 0) {
      const at = nodeBase + slot;
      const feature = layout.splitFeature[at]!;
      slot = 2 * slot + 2 - (row[feature]! <= layout.routingThreshold[at]! ? 1 : 0);
      level++;
      const childRows = rowsAt(layout, tree, slot);
      contributions[feature]! += averagePathLength(expected) - 1 - averagePathLength(childRows);
      expected = childRows;
    }
    // Same operation order as the stored leaf values, so `pathLength` equals what scoring averages.
    pathSum += level + 1 + averagePathLength(expected) - 1;
  }
  for (let f = 0; f < featureCount; f++) contributions[f]! /= treeCount;
  return {
    pathLength: pathSum / treeCount,
    expectedPathLength: expectedSum / treeCount,
    contributions,
    fractions: positiveShares(contributions),
  };
}

/** Distinct training rows at heap slot `slot` of a tree, whether it is a split, a pass-through or a leaf. */
function rowsAt(layout: ForestLayout, tree: number, slot: number): number {
  if (slot < layout.internalCount) return Math.abs(layout.nodeSamples[tree * layout.internalCount + slot]!);
  return layout.leafSamples[tree * layout.leafCount + slot - layout.internalCount]!;
}

function positiveShares(contributions: Float64Array): Float64Array {
  const shares = new Float64Array(contributions.length);
  let total = 0;
  for (const value of contributions) if (value > 0) total += value;
  if (total === 0) return shares;
  for (let f = 0; f < contributions.length; f++) shares[f] = Math.max(0, contributions[f]!) / total;
  return shares;
}
