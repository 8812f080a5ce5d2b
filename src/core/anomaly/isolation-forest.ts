import { createRandom, sampleDistinct, type RandomSource } from '../../lib/random.js';
import { allocateLayout, MAX_LAYOUT_DEPTH } from './forest-layout.js';
import { createIsolationForestModel, type IsolationForestModel } from './isolation-forest-model.js';
import { growIsolationTree } from './isolation-tree.js';
import { percentileLinear } from './percentile.js';

export type { IsolationForestExplanation, IsolationForestModel } from './isolation-forest-model.js';
export { exportTrees, modelFromTrees, type ExportedForest, type ExportedTree } from './sklearn-trees.js';

/**
 * Rows per tree. sklearn tells an int from a float by type (1 means one row, 1.0 all rows); JavaScript
 * cannot, so the two cases are spelled out. A count above the row count is clipped to it, as sklearn does.
 */
export type MaxSamples = 'auto' | { readonly count: number } | { readonly fraction: number };

/** Columns per tree, drawn once per tree: `count` in [1, cols], or `max(1, floor(fraction · cols))`. */
export type MaxFeatures = { readonly count: number } | { readonly fraction: number };

/** sklearn `IsolationForest` parameters (same defaults), plus the seed the pure core needs. */
export interface IsolationForestOptions {
  /** Trees; default 100. */
  readonly nEstimators?: number;
  /** Default 'auto' = min(256, rows). */
  readonly maxSamples?: MaxSamples;
  /** Default { fraction: 1 } = every column. */
  readonly maxFeatures?: MaxFeatures;
  /** Draw rows with replacement; default false. */
  readonly bootstrap?: boolean;
  /** 'auto' (offset −0.5, default) or the expected outlier share in (0, 0.5]. */
  readonly contamination?: 'auto' | number;
  /** Every random choice derives from this safe integer, so a seed and data always give the same model. */
  readonly seed: number;
}

/**
 * Fits an isolation forest to `rows` × `cols` row-major data with scikit-learn 1.2.1's semantics
 * (shared/notes/isolation-forest.md): the same parameters, tree-growing rules, float32 rounding, path
 * lengths, scores and contamination offset. Forests are statistically, not bitwise, equal to sklearn's:
 * the random streams differ. Throws RangeError on invalid options or non-finite data.
 */
export function fitIsolationForest(
  data: Float64Array,
  rows: number,
  cols: number,
  options: IsolationForestOptions,
): IsolationForestModel {
  const nEstimators = options.nEstimators ?? 100;
  const contamination = options.contamination ?? 'auto';
  const bootstrap = options.bootstrap ?? false;
  checkShape(data, rows, cols);
  if (!Number.isInteger(nEstimators) || nEstimators < 1) throw new RangeError(`nEstimators must be a positive integer, got ${nEstimators}`);
  if (contamination !== 'auto' && !(contamination > 0 && contamination <= 0.5)) {
    throw new RangeError(`contamination must be 'auto' or in (0, 0.5], got ${contamination}`);
  }
  const psi = resolveMaxSamples(options.maxSamples ?? 'auto', rows);
  const featureCount = resolveMaxFeatures(options.maxFeatures ?? { fraction: 1 }, cols);
  // sklearn: max_depth = ceil(log2(max(ψ, 2))), i.e. the smallest d with 2^d ≥ ψ.
  let depth = 1;
  while (2 ** depth < psi) depth++;
  if (depth > MAX_LAYOUT_DEPTH) throw new RangeError(`maxSamples ${psi} is too large (at most 2^${MAX_LAYOUT_DEPTH} rows per tree)`);

  const random = createRandom(options.seed);
  const layout = allocateLayout(nEstimators, depth, cols);
  const drawn = new Int32Array(psi);
  const features = new Int32Array(featureCount);
  const allFeatures = Int32Array.from({ length: cols }, (_, i) => i);
  const candidates = new Int32Array(featureCount);
  for (let tree = 0; tree < nEstimators; tree++) {
    if (featureCount === cols) features.set(allFeatures);
    else sampleDistinct(random, cols, featureCount, features);
    const rowCount = bootstrap ? drawDistinctWithReplacement(random, rows, psi, drawn) : sampleDistinct(random, rows, psi, drawn).length;
    growIsolationTree({ layout, tree, data, cols, rows: drawn, rowCount, features, candidates, random });
  }

  const model = createIsolationForestModel(layout, psi, -0.5);
  if (contamination === 'auto') return model;
  // sklearn scores the whole training set once more and cuts at its contamination percentile.
  const offset = percentileLinear(model.scoreSamples(data.subarray(0, rows * cols)), 100 * contamination);
  return createIsolationForestModel(layout, psi, offset);
}

function checkShape(data: Float64Array, rows: number, cols: number): void {
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`rows must be a positive integer, got ${rows}`);
  if (!Number.isInteger(cols) || cols < 1) throw new RangeError(`cols must be a positive integer, got ${cols}`);
  if (data.length < rows * cols) throw new RangeError(`data holds ${data.length} values, fewer than ${rows} × ${cols}`);
  for (let i = 0; i < rows * cols; i++) {
    // A NaN would silently poison the min/max of every node it reaches; sklearn rejects it too.
    if (!Number.isFinite(data[i]!)) throw new RangeError(`data[${i}] (row ${Math.floor(i / cols)}) is not finite`);
  }
}

function resolveMaxSamples(maxSamples: MaxSamples, rows: number): number {
  if (maxSamples === 'auto') return Math.min(256, rows);
  if ('count' in maxSamples) {
    if (!Number.isInteger(maxSamples.count) || maxSamples.count < 1) throw new RangeError(`maxSamples.count must be a positive integer, got ${maxSamples.count}`);
    return Math.min(maxSamples.count, rows);
  }
  const { fraction } = maxSamples;
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`maxSamples.fraction must be in (0, 1], got ${fraction}`);
  const psi = Math.floor(fraction * rows);
  if (psi < 1) throw new RangeError(`maxSamples.fraction ${fraction} of ${rows} rows selects no row`);
  return psi;
}

function resolveMaxFeatures(maxFeatures: MaxFeatures, cols: number): number {
  if ('count' in maxFeatures) {
    const { count } = maxFeatures;
    if (!Number.isInteger(count) || count < 1 || count > cols) throw new RangeError(`maxFeatures.count must be an integer in [1, ${cols}], got ${count}`);
    return count;
  }
  const { fraction } = maxFeatures;
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`maxFeatures.fraction must be in (0, 1], got ${fraction}`);
  return Math.max(1, Math.floor(fraction * cols));
}

/**
 * Bootstrap: `draws` rows with replacement. sklearn gives a row drawn k times weight k but stores it once,
 * and weights never change an isolation tree, so only the distinct rows matter (and `n_node_samples`
 * counts them). Writes them sorted into `out` and returns how many there are.
 */
function drawDistinctWithReplacement(random: RandomSource, rows: number, draws: number, out: Int32Array): number {
  for (let i = 0; i < draws; i++) out[i] = random.nextInt(rows);
  out.subarray(0, draws).sort();
  let distinct = 0;
  for (let i = 0; i < draws; i++) {
    if (i === 0 || out[i] !== out[distinct - 1]) out[distinct++] = out[i]!;
  }
  return distinct;
}
