import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom } from '../../lib/random.js';
import { gaussianRows } from './gaussian-rows.js';
import { exportTrees, fitIsolationForest } from './isolation-forest.js';

describe('growIsolationTree', () => {
  const rows = 600;
  const cols = 3;
  const data = gaussianRows(createRandom(60), rows, cols);
  const model = fitIsolationForest(data, rows, cols, { seed: 60, nEstimators: 20 });

  it('splits strictly inside the float32 range of the rows that reach a node, both sides non-empty', () => {
    // Re-route all training rows; every node must see rows on both sides of its threshold.
    for (const tree of exportTrees(model).trees) {
      const lowest = new Float64Array(tree.childrenLeft.length).fill(Infinity);
      const highest = new Float64Array(tree.childrenLeft.length).fill(-Infinity);
      for (let row = 0; row < rows; row++) {
        let node = 0;
        while (tree.childrenLeft[node] !== -1) {
          const value = Math.fround(data[row * cols + tree.feature[node]!]!);
          lowest[node] = Math.min(lowest[node]!, value);
          highest[node] = Math.max(highest[node]!, value);
          node = value <= tree.threshold[node]! ? tree.childrenLeft[node]! : tree.childrenRight[node]!;
        }
      }
      for (let node = 0; node < tree.childrenLeft.length; node++) {
        if (tree.childrenLeft[node] === -1) continue;
        assert.ok(lowest[node]! <= tree.threshold[node]! && tree.threshold[node]! < highest[node]!);
      }
    }
  });

  it('stops at depth ceil(log2 ψ) and isolates every sampled row before that when it can', () => {
    for (const tree of exportTrees(model).trees) {
      const depthOf = new Int32Array(tree.childrenLeft.length);
      for (let node = 0; node < tree.childrenLeft.length; node++) {
        const left = tree.childrenLeft[node]!;
        if (left === -1) {
          assert.ok(depthOf[node]! <= 8);
          // A leaf above the depth limit holds a single row (the data has no duplicates).
          if (depthOf[node]! < 8) assert.equal(tree.nNodeSamples[node], 1);
          continue;
        }
        depthOf[left] = depthOf[node]! + 1;
        depthOf[tree.childrenRight[node]!] = depthOf[node]! + 1;
      }
      assert.equal(tree.nNodeSamples[0], 256);
    }
  });
});
