import { allocateLayout, MAX_LAYOUT_DEPTH, writeLeaf, writeSplit } from './forest-layout.js';
import { createIsolationForestModel, type IsolationForestModel } from './isolation-forest-model.js';

/**
 * One tree in scikit-learn's `tree_` array form (node 0 is the root; a leaf has children −1).
 * Feature and threshold values of leaves are ignored (sklearn writes −2).
 */
export interface ExportedTree {
  readonly childrenLeft: ArrayLike<number>;
  readonly childrenRight: ArrayLike<number>;
  /** Column index, relative to `featuresSubset` when that is given. */
  readonly feature: ArrayLike<number>;
  readonly threshold: ArrayLike<number>;
  /** Distinct training rows that reached each node (`tree_.n_node_samples`). */
  readonly nNodeSamples: ArrayLike<number>;
  /** sklearn's `estimators_features_[t]`: the columns this tree sees; identity when absent. */
  readonly featuresSubset?: ArrayLike<number>;
}

/** A whole forest in exported form: what `modelFromTrees` reads and `exportTrees` writes (JSON-friendly). */
export interface ExportedForest {
  readonly featureCount: number;
  /** sklearn's `max_samples_` (ψ). */
  readonly maxSamples: number;
  /** sklearn's `offset_`. */
  readonly offset: number;
  readonly trees: readonly ExportedTree[];
}

/**
 * Builds a model from exported trees (for instance sklearn's, to check scoring against sklearn exactly,
 * or a model saved with `exportTrees`). Throws RangeError when a tree is malformed.
 */
export function modelFromTrees(forest: ExportedForest): IsolationForestModel {
  const { featureCount, trees } = forest;
  if (!Number.isInteger(featureCount) || featureCount < 1) throw new RangeError(`featureCount must be a positive integer, got ${featureCount}`);
  let depth = 0;
  trees.forEach((tree, index) => {
    depth = Math.max(depth, checkTree(tree, index, featureCount));
  });
  const layout = allocateLayout(trees.length, depth, featureCount);
  trees.forEach((tree, index) => {
    // (node, heap slot, level) triples, walked depth-first.
    const stack: number[] = [0, 0, 0];
    while (stack.length > 0) {
      const level = stack.pop()!;
      const slot = stack.pop()!;
      const node = stack.pop()!;
      const samples = tree.nNodeSamples[node]!;
      const left = tree.childrenLeft[node]!;
      if (left === -1) {
        writeLeaf(layout, index, slot, level, samples);
        continue;
      }
      const local = tree.feature[node]!;
      const feature = tree.featuresSubset === undefined ? local : tree.featuresSubset[local]!;
      writeSplit(layout, index, slot, feature, tree.threshold[node]!, samples);
      stack.push(left, 2 * slot + 1, level + 1, tree.childrenRight[node]!, 2 * slot + 2, level + 1);
    }
  });
  return createIsolationForestModel(layout, forest.maxSamples, forest.offset);
}

/** Validates one tree's structure and returns its depth (edges on the longest root-to-leaf path). */
function checkTree(tree: ExportedTree, index: number, featureCount: number): number {
  const nodes = tree.childrenLeft.length;
  const fail = (why: string): never => {
    throw new RangeError(`tree ${index}: ${why}`);
  };
  if (nodes < 1) fail('has no nodes');
  for (const name of ['childrenRight', 'feature', 'threshold', 'nNodeSamples'] as const) {
    if (tree[name].length !== nodes) fail(`${name} has ${tree[name].length} entries, childrenLeft has ${nodes}`);
  }
  const seen = new Uint8Array(nodes);
  let depth = 0;
  const stack: number[] = [0, 0];
  while (stack.length > 0) {
    const level = stack.pop()!;
    const node = stack.pop()!;
    if (seen[node] === 1) fail(`node ${node} is reached twice`);
    seen[node] = 1;
    const samples = tree.nNodeSamples[node]!;
    if (!Number.isInteger(samples) || samples < 1) fail(`node ${node} has ${samples} samples`);
    const left = tree.childrenLeft[node]!;
    const right = tree.childrenRight[node]!;
    if (left === -1 || right === -1) {
      if (left !== right) fail(`node ${node} has only one child`);
      depth = Math.max(depth, level);
      continue;
    }
    for (const child of [left, right]) if (!Number.isInteger(child) || child <= 0 || child >= nodes) fail(`node ${node} has child ${child}`);
    const local = tree.feature[node]!;
    const width = tree.featuresSubset?.length ?? featureCount;
    const feature = tree.featuresSubset === undefined ? local : tree.featuresSubset[local];
    if (!Number.isInteger(local) || local < 0 || local >= width || feature === undefined || !(feature >= 0 && feature < featureCount)) {
      fail(`node ${node} splits on feature ${local}`);
    }
    if (level + 1 > MAX_LAYOUT_DEPTH) fail(`deeper than ${MAX_LAYOUT_DEPTH}`);
    stack.push(left, level + 1, right, level + 1);
  }
  return depth;
}

/**
 * Writes a model's trees in sklearn's array form (nodes numbered depth-first, left before right, as
 * sklearn's builder does; leaves with feature and threshold −2), so it can be stored and reloaded with
 * `modelFromTrees` to the same scores.
 */
export function exportTrees(model: IsolationForestModel): ExportedForest {
  const { layout } = model;
  const trees: ExportedTree[] = [];
  for (let tree = 0; tree < layout.treeCount; tree++) {
    const childrenLeft: number[] = [];
    const childrenRight: number[] = [];
    const feature: number[] = [];
    const threshold: number[] = [];
    const nNodeSamples: number[] = [];
    const visit = (slot: number): number => {
      const id = childrenLeft.length;
      const at = tree * layout.internalCount + slot;
      const isSplit = slot < layout.internalCount && layout.nodeSamples[at]! > 0;
      childrenLeft.push(-1);
      childrenRight.push(-1);
      feature.push(isSplit ? layout.splitFeature[at]! : -2);
      threshold.push(isSplit ? layout.threshold[at]! : -2);
      if (slot < layout.internalCount) nNodeSamples.push(Math.abs(layout.nodeSamples[at]!));
      else nNodeSamples.push(layout.leafSamples[tree * layout.leafCount + slot - layout.internalCount]!);
      if (isSplit) {
        childrenLeft[id] = visit(2 * slot + 1);
        childrenRight[id] = visit(2 * slot + 2);
      }
      return id;
    };
    visit(0);
    trees.push({ childrenLeft, childrenRight, feature, threshold, nNodeSamples });
  }
  return { featureCount: layout.featureCount, maxSamples: model.maxSamples, offset: model.offset, trees };
}
