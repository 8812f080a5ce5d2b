import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom } from '../../lib/random.js';
import { gaussianRows } from './gaussian-rows.js';
import { exportTrees, fitIsolationForest, modelFromTrees, type ExportedForest, type ExportedTree } from './isolation-forest.js';

/** A stump on local feature 0: ≤ 0.5 goes to a leaf of 3 rows, otherwise to a leaf of 1 row. */
const stump: ExportedTree = {
  childrenLeft: [1, -1, -1],
  childrenRight: [2, -1, -1],
  feature: [0, -2, -2],
  threshold: [0.5, -2, -2],
  nNodeSamples: [4, 3, 1],
};

function forestOf(...trees: ExportedTree[]): ExportedForest {
  return { featureCount: 3, maxSamples: 4, offset: -0.5, trees };
}

describe('modelFromTrees / exportTrees', () => {
  it('round-trips a fitted model through JSON to identical scores', () => {
    const rows = 700;
    const data = gaussianRows(createRandom(40), rows, 3);
    const model = fitIsolationForest(data, rows, 3, { seed: 40, contamination: 0.05, bootstrap: true });
    const reloaded = modelFromTrees(JSON.parse(JSON.stringify(exportTrees(model))) as ExportedForest);
    assert.equal(reloaded.offset, model.offset);
    assert.equal(reloaded.maxSamples, model.maxSamples);
    assert.deepEqual(reloaded.scoreSamples(data), model.scoreSamples(data));
    assert.deepEqual(reloaded.explain([3, 0, 0]), model.explain([3, 0, 0]));
  });

  it('numbers nodes depth-first like sklearn and keeps n_node_samples consistent', () => {
    const data = gaussianRows(createRandom(41), 300, 2);
    for (const tree of exportTrees(fitIsolationForest(data, 300, 2, { seed: 41, nEstimators: 5 })).trees) {
      for (let node = 0; node < tree.childrenLeft.length; node++) {
        const left = tree.childrenLeft[node]!;
        if (left === -1) continue;
        assert.equal(left, node + 1, 'the left child follows its parent');
        assert.equal(tree.nNodeSamples[node], tree.nNodeSamples[left]! + tree.nNodeSamples[tree.childrenRight[node]!]!);
      }
    }
  });

  it('maps tree-local features through featuresSubset', () => {
    const model = modelFromTrees(forestOf({ ...stump, featuresSubset: [2] }));
    // Column 2 decides: depth 1 + c(3) for the left leaf, depth 1 + c(1) = 1 for the right one.
    assert.ok(model.scoreRow([9, 9, 0]) > model.scoreRow([0, 0, 9]));
    assert.equal(model.scoreRow([0, 0, 9]), -(2 ** -(1 / (2 * (Math.log(3) + 0.5772156649015329) - 1.5))));
  });

  it('routes float32(x) <= threshold, as sklearn does', () => {
    const model = modelFromTrees(forestOf(stump));
    // 0.50000001 rounds to 0.5 in float32, so it goes left like 0.5 itself; 0.5000001 does not.
    assert.equal(model.scoreRow([0.50000001, 0, 0]), model.scoreRow([0.5, 0, 0]));
    assert.notEqual(model.scoreRow([0.5000001, 0, 0]), model.scoreRow([0.5, 0, 0]));
  });

  it('rejects malformed trees', () => {
    const broken: ExportedTree[] = [
      { ...stump, childrenLeft: [1, -1, -1], childrenRight: [-1, -1, -1] },
      { ...stump, childrenLeft: [1, 0, -1] , childrenRight: [2, 0, -1] },
      { ...stump, childrenLeft: [5, -1, -1] },
      { ...stump, feature: [3, -2, -2] },
      { ...stump, featuresSubset: [7] },
      { ...stump, nNodeSamples: [4, 0, 1] },
      { ...stump, threshold: [0.5, -2] },
      { childrenLeft: [], childrenRight: [], feature: [], threshold: [], nNodeSamples: [] },
    ];
    broken.forEach((tree, i) => {
      assert.throws(() => modelFromTrees(forestOf(tree)), RangeError, `case ${i}`);
    });
    assert.throws(() => modelFromTrees(forestOf()), RangeError, 'no trees');
  });
});
