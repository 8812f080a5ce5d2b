import { averagePathLength } from './average-path-length.js';
import { toRoutingThreshold } from './float32-threshold.js';

/**
 * The flat storage of an isolation forest, shaped for a branch-free scoring loop.
 *
 * Every tree is padded to a complete binary tree of `depth` levels in heap order (children of slot i are
 * 2i+1 and 2i+2): a leaf that sklearn ends early is stored as a chain of pass-through splits whose
 * descendants all carry that leaf's value. Scoring is then exactly `depth` steps per tree with no test for
 * "is this a leaf", and the padding costs at most twice the nodes of the unpadded tree, because
 * sklearn limits the depth to ceil(log2 ψ).
 *
 * Per tree t, internal slots live at `t * internalCount + i` (i < 2^depth − 1) and leaves at
 * `t * leafCount + j` (j < 2^depth).
 */
export interface ForestLayout {
  /** Levels every root-to-leaf path takes (0 when every tree is a single leaf). */
  readonly depth: number;
  readonly treeCount: number;
  /** Number of input columns a row must have. */
  readonly featureCount: number;
  /** 2^depth − 1. */
  readonly internalCount: number;
  /** 2^depth. */
  readonly leafCount: number;
  /** Column tested at each internal slot (0 for pass-through slots). */
  readonly splitFeature: Int32Array;
  /** `x <= routingThreshold` goes left, equivalent to sklearn's `float32(x) <= threshold` (+∞ for pass-through slots). */
  readonly routingThreshold: Float64Array;
  /** The split threshold as sklearn stores it (NaN for pass-through slots). */
  readonly threshold: Float64Array;
  /**
   * For a real split: the distinct training rows that reached it (> 0). For a pass-through slot: minus the
   * row count of the leaf it stands for, so an explanation can tell where the real path ended.
   */
  readonly nodeSamples: Int32Array;
  /** Path length credited to a row ending here: depth of the real leaf + c(rows in it). */
  readonly leafValue: Float64Array;
  /** Distinct training rows in the real leaf this slot belongs to. */
  readonly leafSamples: Int32Array;
}

/** Trees this deep would need more than 2^24 slots each; sklearn's own limit is ceil(log2 ψ). */
export const MAX_LAYOUT_DEPTH = 24;

/** Allocates an empty layout; every slot must then be written by `writeSplit` / `writeLeaf`. */
export function allocateLayout(treeCount: number, depth: number, featureCount: number): ForestLayout {
  if (!Number.isInteger(depth) || depth < 0 || depth > MAX_LAYOUT_DEPTH) {
    throw new RangeError(`tree depth ${depth} is outside [0, ${MAX_LAYOUT_DEPTH}]`);
  }
  const leafCount = 2 ** depth;
  const internalCount = leafCount - 1;
  return {
    depth,
    treeCount,
    featureCount,
    internalCount,
    leafCount,
    splitFeature: new Int32Array(treeCount * internalCount),
    routingThreshold: new Float64Array(treeCount * internalCount),
    threshold: new Float64Array(treeCount * internalCount),
    nodeSamples: new Int32Array(treeCount * internalCount),
    leafValue: new Float64Array(treeCount * leafCount),
    leafSamples: new Int32Array(treeCount * leafCount),
  };
}

/** Records a real split at heap slot `slot` (0-based inside tree `tree`). */
export function writeSplit(
  layout: ForestLayout,
  tree: number,
  slot: number,
  feature: number,
  threshold: number,
  samples: number,
): void {
  const at = tree * layout.internalCount + slot;
  layout.splitFeature[at] = feature;
  layout.threshold[at] = threshold;
  layout.routingThreshold[at] = toRoutingThreshold(threshold);
  layout.nodeSamples[at] = samples;
}

/**
 * Records a real leaf at heap slot `slot`, `level` edges below the root, holding `samples` distinct rows,
 * and pads the subtree under it so every path through it ends with the same value.
 */
export function writeLeaf(layout: ForestLayout, tree: number, slot: number, level: number, samples: number): void {
  // sklearn adds (nodes on the path + c(n)) − 1.0 per tree; the same operation order keeps the last bits equal.
  const value = level + 1 + averagePathLength(samples) - 1;
  let first = slot;
  let width = 1;
  for (let l = level; l < layout.depth; l++) {
    const base = tree * layout.internalCount;
    for (let s = first; s < first + width; s++) {
      layout.splitFeature[base + s] = 0;
      layout.threshold[base + s] = Number.NaN;
      layout.routingThreshold[base + s] = Infinity;
      layout.nodeSamples[base + s] = -samples;
    }
    first = 2 * first + 1;
    width *= 2;
  }
  const leafBase = tree * layout.leafCount - layout.internalCount;
  for (let s = first; s < first + width; s++) {
    layout.leafValue[leafBase + s] = value;
    layout.leafSamples[leafBase + s] = samples;
  }
}
