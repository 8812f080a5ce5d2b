import { averagePathLength } from './average-path-length.js';
import { attributePathLengths } from './explain.js';
import type { ForestLayout } from './forest-layout.js';
import { compileForest, sumPathLengths, sumPathLengthsOfRow, type CompiledForest } from './forest-scoring.js';

/** A scored row with the per-feature reasons behind its score. */
export interface IsolationForestExplanation {
  /** sklearn's `score_samples` for the row: in [−1, 0), lower is more abnormal. */
  readonly score: number;
  /** `score − offset`; negative means the row is an outlier. */
  readonly decision: number;
  /** Mean path length over trees. */
  readonly pathLength: number;
  /** Mean c(rows at the root) over trees; c(ψ) unless bootstrap drew duplicates. */
  readonly expectedPathLength: number;
  /** Per column, signed, in path-length units; sums to `expectedPathLength − pathLength` (see `attributePathLengths`). */
  readonly contributions: Float64Array;
  /** Per column, the share of the path shortening it caused; sums to 1 (all zeros if nothing shortened a path). */
  readonly fractions: Float64Array;
}

/**
 * A fitted isolation forest with scikit-learn's scoring semantics (sklearn 1.2.1 `IsolationForest`).
 * Batch methods take row-major data with `featureCount` columns; inputs should be finite (NaN goes right
 * at every split; sklearn would reject it).
 */
export interface IsolationForestModel {
  /** The flat trees; read-only by contract (for export and inspection). */
  readonly layout: ForestLayout;
  readonly featureCount: number;
  readonly treeCount: number;
  /** ψ, the rows drawn per tree (sklearn's `max_samples_`); scores are normalised by c(ψ). */
  readonly maxSamples: number;
  /** sklearn's `offset_`: −0.5 for contamination "auto", else the training-score percentile. */
  readonly offset: number;
  /** sklearn's `score_samples`: −2^(−E[h(x)] / c(ψ)), in [−1, 0), lower = more abnormal. */
  scoreSamples(data: Float64Array): Float64Array;
  /** `scoreSamples` for one row. */
  scoreRow(row: ArrayLike<number>): number;
  /** sklearn's `decision_function`: score − offset; negative = outlier. */
  decisionFunction(data: Float64Array): Float64Array;
  /** sklearn's `predict`: −1 for outliers (decision < 0, strictly), +1 otherwise. */
  predict(data: Float64Array): Int8Array;
  /** The row's score and which columns made it stand out. */
  explain(row: ArrayLike<number>): IsolationForestExplanation;
}

/** Wraps a filled layout as a model. `maxSamples` is ψ (≥ 1); `offset` is sklearn's `offset_`. */
export function createIsolationForestModel(layout: ForestLayout, maxSamples: number, offset: number): IsolationForestModel {
  return new FlatIsolationForest(layout, maxSamples, offset);
}

class FlatIsolationForest implements IsolationForestModel {
  readonly layout: ForestLayout;
  readonly maxSamples: number;
  readonly offset: number;
  /** sklearn's `len(estimators_) * c(max_samples_)`; zero when ψ = 1. */
  private readonly denominator: number;
  /** The branch-free batch form; undefined for the rare forests it cannot encode (rows are then walked one by one). */
  private readonly compiled: CompiledForest | undefined;

  constructor(layout: ForestLayout, maxSamples: number, offset: number) {
    if (!Number.isInteger(maxSamples) || maxSamples < 1) throw new RangeError(`maxSamples must be a positive integer, got ${maxSamples}`);
    if (layout.treeCount < 1) throw new RangeError('an isolation forest needs at least one tree');
    this.layout = layout;
    this.maxSamples = maxSamples;
    this.offset = offset;
    this.denominator = layout.treeCount * averagePathLength(maxSamples);
    this.compiled = compileForest(layout);
  }

  get featureCount(): number {
    return this.layout.featureCount;
  }

  get treeCount(): number {
    return this.layout.treeCount;
  }

  scoreSamples(data: Float64Array): Float64Array {
    const rows = this.rowCountOf(data);
    const scores = new Float64Array(rows);
    if (this.compiled === undefined) {
      const cols = this.layout.featureCount;
      for (let i = 0; i < rows; i++) scores[i] = sumPathLengthsOfRow(this.layout, data.subarray(i * cols, (i + 1) * cols));
    } else {
      sumPathLengths(this.compiled, data, rows, scores);
    }
    for (let i = 0; i < rows; i++) scores[i] = this.scoreFromSum(scores[i]!);
    return scores;
  }

  scoreRow(row: ArrayLike<number>): number {
    this.checkRow(row);
    return this.scoreFromSum(sumPathLengthsOfRow(this.layout, row));
  }

  decisionFunction(data: Float64Array): Float64Array {
    const scores = this.scoreSamples(data);
    for (let i = 0; i < scores.length; i++) scores[i] = scores[i]! - this.offset;
    return scores;
  }

  predict(data: Float64Array): Int8Array {
    const decisions = this.decisionFunction(data);
    const labels = new Int8Array(decisions.length);
    for (let i = 0; i < decisions.length; i++) labels[i] = decisions[i]! < 0 ? -1 : 1;
    return labels;
  }

  explain(row: ArrayLike<number>): IsolationForestExplanation {
    this.checkRow(row);
    const attribution = attributePathLengths(this.layout, row);
    const score = this.scoreRow(row);
    return { score, decision: score - this.offset, ...attribution };
  }

  private scoreFromSum(pathSum: number): number {
    // sklearn forces the exponent to −1 when c(ψ) = 0 (ψ = 1), so every score is −0.5.
    return this.denominator === 0 ? -0.5 : -(2 ** -(pathSum / this.denominator));
  }

  private rowCountOf(data: Float64Array): number {
    const cols = this.layout.featureCount;
    if (data.length % cols !== 0) throw new RangeError(`data length ${data.length} is not a multiple of ${cols} columns`);
    return data.length / cols;
  }

  private checkRow(row: ArrayLike<number>): void {
    if (row.length !== this.layout.featureCount) throw new RangeError(`row has ${row.length} values, the model expects ${this.layout.featureCount}`);
  }
}
