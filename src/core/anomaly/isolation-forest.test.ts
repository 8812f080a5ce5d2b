import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom } from '../../lib/random.js';
import { averagePathLength } from './average-path-length.js';
import { gaussianRows } from './gaussian-rows.js';
import { exportTrees, fitIsolationForest, type IsolationForestModel } from './isolation-forest.js';

function normalData(seed: number, rows: number, cols: number): Float64Array {
  return gaussianRows(createRandom(seed), rows, cols);
}

function assertAllClose(values: ArrayLike<number>, expected: number, tolerance = 1e-12): void {
  for (let i = 0; i < values.length; i++) assert.ok(Math.abs(values[i]! - expected) <= tolerance, `value ${i} = ${values[i]}`);
}

function countOutliers(model: IsolationForestModel, data: Float64Array): number {
  return model.predict(data).filter((label) => label === -1).length;
}

describe('fitIsolationForest: tiny and degenerate data', () => {
  it('n = 1: ψ = 1 and every score is −0.5', () => {
    const model = fitIsolationForest(Float64Array.of(3, 4), 1, 2, { seed: 0 });
    assert.equal(model.maxSamples, 1);
    assert.deepEqual(Array.from(model.scoreSamples(Float64Array.of(3, 4, 100, -100))), [-0.5, -0.5]);
    assert.deepEqual(Array.from(model.predict(Float64Array.of(100, -100))), [1]);
  });

  it('n = 2: every score is −0.5 (depth 1 + c(1) = c(2))', () => {
    for (const data of [Float64Array.of(0, 0, 1, 1), Float64Array.of(5, 5, 5, 5)]) {
      const model = fitIsolationForest(data, 2, 2, { seed: 1 });
      assert.equal(model.maxSamples, 2);
      assertAllClose(model.scoreSamples(Float64Array.of(0, 0, 1, 1, 9, -9)), -0.5);
    }
  });

  it('duplicate rows end in one leaf: no split ever separates identical rows', () => {
    const random = createRandom(2);
    const rows = 305;
    const data = new Float64Array(rows * 3).fill(1.5);
    for (let i = 300 * 3; i < rows * 3; i++) data[i] = random.nextFloat() * 10;
    const model = fitIsolationForest(data, rows, 3, { seed: 2 });
    for (const tree of exportTrees(model).trees) {
      const leaves = Array.from(tree.childrenLeft, (_, node) => node).filter((node) => tree.childrenLeft[node] === -1);
      // At most 5 distinct rows + 1 leaf holding every sampled copy of the duplicated row.
      assert.ok(leaves.length <= 6, `${leaves.length} leaves`);
      const largest = Math.max(...leaves.map((node) => tree.nNodeSamples[node]!));
      assert.ok(largest >= 240, `largest leaf holds ${largest} rows`);
    }
  });

  it('a feature range below 1e-7 (absolute) is constant: single-leaf trees, every score −0.5', () => {
    const rows = 100;
    const data = Float64Array.from({ length: rows }, (_, i) => i * 1e-10);
    const model = fitIsolationForest(data, rows, 1, { seed: 3 });
    for (const tree of exportTrees(model).trees) assert.equal(tree.childrenLeft.length, 1);
    assertAllClose(model.scoreSamples(Float64Array.of(0, 5e-9, 1e6)), -0.5);
  });

  it('a feature range just above 1e-7 is split', () => {
    const rows = 100;
    const data = Float64Array.from({ length: rows }, (_, i) => i * 1e-8);
    const model = fitIsolationForest(data, rows, 1, { seed: 3 });
    assert.ok(exportTrees(model).trees.every((tree) => tree.childrenLeft.length > 1));
  });

  it('only varying features are split on', () => {
    const random = createRandom(4);
    const rows = 500;
    const data = new Float64Array(rows * 3);
    for (let i = 0; i < rows; i++) data[i * 3 + 1] = random.nextFloat();
    const model = fitIsolationForest(data, rows, 3, { seed: 4 });
    for (const tree of exportTrees(model).trees) {
      Array.from(tree.feature).forEach((feature, node) => {
        if (tree.childrenLeft[node] !== -1) assert.equal(feature, 1);
      });
    }
  });
});

describe('fitIsolationForest: parameters', () => {
  const data = normalData(10, 1000, 3);

  it('resolves maxSamples like sklearn (auto = min(256, n), counts clipped to n, fractions floored)', () => {
    assert.equal(fitIsolationForest(data, 1000, 3, { seed: 0, nEstimators: 2 }).maxSamples, 256);
    assert.equal(fitIsolationForest(data, 100, 3, { seed: 0, nEstimators: 2 }).maxSamples, 100);
    assert.equal(fitIsolationForest(data, 1000, 3, { seed: 0, nEstimators: 2, maxSamples: { count: 5000 } }).maxSamples, 1000);
    assert.equal(fitIsolationForest(data, 1000, 3, { seed: 0, nEstimators: 2, maxSamples: { fraction: 0.3337 } }).maxSamples, 333);
  });

  it('limits depth to ceil(log2 ψ)', () => {
    assert.equal(fitIsolationForest(data, 1000, 3, { seed: 0, nEstimators: 2 }).layout.depth, 8);
    assert.equal(fitIsolationForest(data, 1000, 3, { seed: 0, nEstimators: 2, maxSamples: { count: 257 } }).layout.depth, 9);
    assert.equal(fitIsolationForest(data, 1000, 3, { seed: 0, nEstimators: 2, maxSamples: { count: 3 } }).layout.depth, 2);
  });

  it('maxFeatures draws a feature subset per tree', () => {
    const model = fitIsolationForest(data, 1000, 3, { seed: 5, maxFeatures: { count: 1 } });
    const used = new Set<number>();
    for (const tree of exportTrees(model).trees) {
      const features = new Set(Array.from(tree.feature).filter((_, node) => tree.childrenLeft[node] !== -1));
      assert.equal(features.size, 1);
      for (const feature of features) used.add(feature);
    }
    assert.equal(used.size, 3, 'over 100 trees every column is drawn');
    assert.equal(fitIsolationForest(data, 1000, 3, { seed: 5, nEstimators: 1, maxFeatures: { fraction: 0.1 } }).treeCount, 1);
  });

  it('bootstrap counts distinct rows in n_node_samples but normalises by ψ', () => {
    const model = fitIsolationForest(data, 1000, 3, { seed: 6, bootstrap: true });
    assert.equal(model.maxSamples, 256);
    const roots = exportTrees(model).trees.map((tree) => tree.nNodeSamples[0]!);
    assert.ok(roots.every((n) => n <= 256) && roots.some((n) => n < 256));
    // Expected distinct rows in 256 draws from 1000: 1000·(1 − (999/1000)^256) ≈ 226.
    const mean = roots.reduce((a, b) => a + b, 0) / roots.length;
    assert.ok(Math.abs(mean - 226) < 5, `mean distinct ${mean}`);
  });

  it('rejects invalid options and data', () => {
    const bad: ReadonlyArray<() => unknown> = [
      () => fitIsolationForest(data, 1000, 3, { seed: 0, nEstimators: 0 }),
      () => fitIsolationForest(data, 1000, 3, { seed: 0, contamination: 0.6 }),
      () => fitIsolationForest(data, 1000, 3, { seed: 0, contamination: 0 }),
      () => fitIsolationForest(data, 1000, 3, { seed: 0, maxSamples: { fraction: 0.0001 } }),
      () => fitIsolationForest(data, 1000, 3, { seed: 0, maxSamples: { count: 0 } }),
      () => fitIsolationForest(data, 1000, 3, { seed: 0, maxFeatures: { count: 4 } }),
      () => fitIsolationForest(data, 1001, 3, { seed: 0 }),
      () => fitIsolationForest(data, 0, 3, { seed: 0 }),
      () => fitIsolationForest(Float64Array.of(1, Number.NaN), 1, 2, { seed: 0 }),
      () => fitIsolationForest(data, 1000, 3, { seed: 0.5 }),
    ];
    bad.forEach((fit, i) => {
      assert.throws(fit, RangeError, `case ${i}`);
    });
    const model = fitIsolationForest(data, 1000, 3, { seed: 0, nEstimators: 1 });
    assert.throws(() => model.scoreSamples(new Float64Array(4)), RangeError);
    assert.throws(() => model.scoreRow([1, 2]), RangeError);
  });
});

describe('fitIsolationForest: scores and thresholds', () => {
  const rows = 1000;
  const data = normalData(20, rows, 3);

  it('is deterministic for a seed and differs between seeds', () => {
    const a = fitIsolationForest(data, rows, 3, { seed: 42 }).scoreSamples(data);
    const b = fitIsolationForest(data, rows, 3, { seed: 42 }).scoreSamples(data);
    const c = fitIsolationForest(data, rows, 3, { seed: 43 }).scoreSamples(data);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  });

  it('scores lie in [−1, 0) and an obvious outlier scores lowest', () => {
    const model = fitIsolationForest(data, rows, 3, { seed: 7 });
    const scores = model.scoreSamples(data);
    for (const score of scores) assert.ok(score >= -1 && score < 0);
    const outlier = model.scoreRow([8, -8, 8]);
    assert.ok(outlier < Math.min(...scores), `${outlier}`);
    assert.ok(outlier < -0.65, `${outlier}`);
    assert.equal(model.offset, -0.5);
    assert.equal(model.predict(Float64Array.of(8, -8, 8))[0], -1);
  });

  it('contamination = 0.1 flags exactly 10 % of continuous training data', () => {
    const model = fitIsolationForest(data, rows, 3, { seed: 8, contamination: 0.1 });
    assert.equal(countOutliers(model, data), 100);
    assert.ok(model.offset < -0.4 && model.offset > -0.6, `${model.offset}`);
  });

  it('rows tied at the contamination threshold are not flagged (strict < 0)', () => {
    // 950 copies of one point and 50 scattered ones: the 10th percentile falls inside the tied block.
    const random = createRandom(9);
    const tied = new Float64Array(1000 * 2);
    for (let i = 950 * 2; i < tied.length; i++) tied[i] = random.nextFloat() * 20 - 10;
    const model = fitIsolationForest(tied, 1000, 2, { seed: 9, contamination: 0.1 });
    const decisions = model.decisionFunction(tied);
    for (let i = 0; i < 950; i++) assert.equal(decisions[i], 0);
    const labels = model.predict(tied);
    assert.ok(labels.subarray(0, 950).every((label) => label === 1));
    assert.ok(countOutliers(model, tied) <= 50);
  });

  it('the mean path length of an average row is close to c(ψ)', () => {
    const model = fitIsolationForest(data, rows, 3, { seed: 10 });
    const scores = model.scoreSamples(data);
    const meanScore = scores.reduce((a, b) => a + b, 0) / scores.length;
    // −2^(−1) is the score of a row whose path is exactly c(ψ); training rows sit just above it.
    assert.ok(meanScore > -0.5 && meanScore < -0.4, `${meanScore}`);
    assert.ok(Math.abs(averagePathLength(model.maxSamples) - 10.244770920119917) < 1e-12);
  });
});
