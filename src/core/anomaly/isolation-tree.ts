import type { RandomSource } from '../../lib/random.js';
import { writeLeaf, writeSplit, type ForestLayout } from './forest-layout.js';

/**
 * sklearn's `FEATURE_THRESHOLD = 1e-7`, declared as float32 in the Cython splitter, so the comparison
 * `max <= min + 1e-7` is carried out in float32 too.
 */
const FEATURE_THRESHOLD = Math.fround(1e-7);

/** What growing one tree needs; the buffers are reused across trees to avoid per-tree allocation. */
export interface TreeGrowth {
  readonly layout: ForestLayout;
  readonly tree: number;
  /** Row-major training data (float64; values are rounded to float32 as sklearn does). */
  readonly data: Float64Array;
  readonly cols: number;
  /** The distinct rows drawn for this tree in `rows[0 … rowCount)`; reordered in place. */
  readonly rows: Int32Array;
  readonly rowCount: number;
  /** The columns this tree may split on. */
  readonly features: Int32Array;
  /** Scratch of at least `features.length` entries. */
  readonly candidates: Int32Array;
  readonly random: RandomSource;
}

/**
 * Grows one isolation tree into `growth.layout`, following sklearn 1.2.1's ExtraTreeRegressor with
 * max_features=1 (see shared/notes/isolation-forest.md §2): a node becomes a leaf at the depth limit,
 * with fewer than two rows, or when no feature varies in it; otherwise a feature is drawn uniformly among
 * the candidates (a constant one is discarded and another drawn), and the threshold uniformly in
 * [min, max) of its float32 values, with sklearn's `thr == max → thr = min` guard against rounding.
 */
export function growIsolationTree(growth: TreeGrowth): void {
  growNode(growth, 0, 0, 0, growth.rowCount);
}

function growNode(growth: TreeGrowth, slot: number, level: number, start: number, end: number): void {
  const { layout, tree, data, cols, rows, features, candidates, random } = growth;
  const count = end - start;
  if (level >= layout.depth || count < 2) {
    writeLeaf(layout, tree, slot, level, count);
    return;
  }
  candidates.set(features);
  let remaining = features.length;
  while (remaining > 0) {
    const pick = random.nextInt(remaining);
    const feature = candidates[pick]!;
    let min = Infinity;
    let max = -Infinity;
    for (let i = start; i < end; i++) {
      const value = Math.fround(data[rows[i]! * cols + feature]!);
      if (value < min) min = value;
      if (value > max) max = value;
    }
    if (max <= Math.fround(min + FEATURE_THRESHOLD)) {
      // Constant in this node: rejection sampling makes the final choice uniform over the varying features.
      candidates[pick] = candidates[remaining - 1]!;
      remaining--;
      continue;
    }
    let threshold = min + (max - min) * random.nextFloat();
    if (threshold === max) threshold = min;
    const middle = partition(data, cols, rows, start, end, feature, threshold);
    writeSplit(layout, tree, slot, feature, threshold, count);
    growNode(growth, 2 * slot + 1, level + 1, start, middle);
    growNode(growth, 2 * slot + 2, level + 1, middle, end);
    return;
  }
  // Every row in the node is the same point (within the tolerance): nothing can separate them.
  writeLeaf(layout, tree, slot, level, count);
}

/** Moves rows with float32(value) <= threshold to the front of [start, end); returns where the right side begins. */
function partition(
  data: Float64Array,
  cols: number,
  rows: Int32Array,
  start: number,
  end: number,
  feature: number,
  threshold: number,
): number {
  let i = start;
  let j = end - 1;
  while (i <= j) {
    const row = rows[i]!;
    if (Math.fround(data[row * cols + feature]!) <= threshold) {
      i++;
    } else {
      rows[i] = rows[j]!;
      rows[j] = row;
      j--;
    }
  }
  return i;
}
