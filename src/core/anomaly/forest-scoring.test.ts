import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom } from '../../lib/random.js';
import { compileForest, sumPathLengths, sumPathLengthsOfRow } from './forest-scoring.js';
import { gaussianRows } from './gaussian-rows.js';
import { fitIsolationForest, modelFromTrees, type ExportedTree } from './isolation-forest.js';

describe('sumPathLengths', () => {
  const model = fitIsolationForest(gaussianRows(createRandom(50), 1000, 3), 1000, 3, { seed: 50 });
  const forest = compileForest(model.layout)!;

  it('gives exactly the per-row walk for every row, across blocks and the unrolled remainder', () => {
    // 1,037 rows: several 256-row blocks, and a last block that is not a multiple of 8.
    const rows = 1037;
    const data = gaussianRows(createRandom(51), rows, 3);
    // Values right on split thresholds, infinities and NaN must route the same way in both walks.
    data[0] = model.layout.threshold[0]!;
    data[4] = Infinity;
    data[8] = -Infinity;
    data[9] = Number.NaN;
    data[10] = -0;
    const sums = new Float64Array(rows);
    sumPathLengths(forest, data, rows, sums);
    for (let row = 0; row < rows; row++) {
      assert.equal(sums[row], sumPathLengthsOfRow(model.layout, data.subarray(row * 3, row * 3 + 3)), `row ${row}`);
    }
  });

  it('accumulates into the output instead of overwriting it', () => {
    const data = Float64Array.of(0, 0, 0);
    const once = new Float64Array(1);
    sumPathLengths(forest, data, 1, once);
    const twice = Float64Array.of(once[0]!);
    sumPathLengths(forest, data, 1, twice);
    assert.ok(Math.abs(twice[0]! - 2 * once[0]!) < 1e-9);
  });

  it('ranks every split threshold among the sorted cuts of its column', () => {
    const { layout } = model;
    for (let i = 0; i < layout.treeCount * layout.internalCount; i++) {
      if (layout.nodeSamples[i]! <= 0) continue;
      const word = forest.nodes[i]!;
      const feature = word & ((1 << forest.featureBits) - 1);
      assert.equal(feature, layout.splitFeature[i]);
      assert.equal(forest.cuts[feature]![word >> forest.featureBits], layout.routingThreshold[i]);
    }
  });

  it('falls back to the row-by-row walk when a rank and a column cannot share 31 bits', () => {
    // 2^16 columns need 16 bits; 32,767 distinct cuts on the last column need 16 more.
    const cols = 2 ** 16;
    const depth = 15;
    const nodes = 2 ** (depth + 1) - 1;
    const tree = {
      childrenLeft: new Array<number>(nodes).fill(-1),
      childrenRight: new Array<number>(nodes).fill(-1),
      feature: new Array<number>(nodes).fill(-2),
      threshold: new Array<number>(nodes).fill(-2),
      nNodeSamples: new Array<number>(nodes).fill(1),
    } satisfies ExportedTree;
    // Heap-ordered complete tree; thresholds in in-order sequence make it a search tree over [0, 1).
    let next = 0;
    const number = (slot: number, level: number): void => {
      if (level === depth) return;
      tree.childrenLeft[slot] = 2 * slot + 1;
      tree.childrenRight[slot] = 2 * slot + 2;
      number(2 * slot + 1, level + 1);
      tree.feature[slot] = cols - 1;
      tree.threshold[slot] = next++ / 2 ** depth;
      number(2 * slot + 2, level + 1);
    };
    number(0, 0);
    const model = modelFromTrees({ featureCount: cols, maxSamples: 256, offset: -0.5, trees: [tree] });
    assert.equal(compileForest(model.layout), undefined);
    const rows = new Float64Array(3 * cols);
    rows[cols - 1] = 0.1;
    rows[2 * cols - 1] = 0.7;
    rows[3 * cols - 1] = 2;
    const batch = model.scoreSamples(rows);
    for (let row = 0; row < 3; row++) assert.equal(batch[row], model.scoreRow(rows.subarray(row * cols, (row + 1) * cols)));
  });
});
