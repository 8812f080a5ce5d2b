import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { averagePathLength } from './average-path-length.js';
import { allocateLayout, MAX_LAYOUT_DEPTH, writeLeaf, writeSplit } from './forest-layout.js';

describe('forest layout', () => {
  it('pads a shallow leaf so every path below it ends with its value', () => {
    // Depth 3, tree 1 of 2: the root splits, its left child is a leaf of 5 rows, the right one splits into two leaves.
    const layout = allocateLayout(2, 3, 2);
    writeSplit(layout, 1, 0, 1, 0.25, 9);
    writeLeaf(layout, 1, 1, 1, 5);
    writeSplit(layout, 1, 2, 0, -1.5, 4);
    writeLeaf(layout, 1, 5, 2, 3);
    writeLeaf(layout, 1, 6, 2, 1);
    const internal = (slot: number): number => layout.internalCount + slot;
    assert.deepEqual(Array.from(layout.nodeSamples.subarray(internal(0), internal(7))), [9, -5, 4, -5, -5, -3, -1]);
    assert.deepEqual(Array.from(layout.routingThreshold.subarray(internal(3), internal(5))), [Infinity, Infinity]);
    const leaves = Array.from(layout.leafValue.subarray(layout.leafCount, 2 * layout.leafCount));
    // sklearn's operation order, (nodes on the path + c(n)) − 1, which can differ from depth + c(n) in the last bit.
    const value = (depth: number, rows: number): number => depth + 1 + averagePathLength(rows) - 1;
    const shallow = value(1, 5);
    assert.deepEqual(leaves, [shallow, shallow, shallow, shallow, value(2, 3), value(2, 3), 2, 2]);
    assert.deepEqual(Array.from(layout.leafSamples.subarray(layout.leafCount)), [5, 5, 5, 5, 3, 3, 1, 1]);
    assert.equal(layout.threshold[internal(0)], 0.25);
    assert.ok(Number.isNaN(layout.threshold[internal(1)]));
  });

  it('stores a single-leaf tree at depth 0', () => {
    const layout = allocateLayout(1, 0, 1);
    writeLeaf(layout, 0, 0, 0, 7);
    assert.equal(layout.internalCount, 0);
    assert.deepEqual(Array.from(layout.leafValue), [1 + averagePathLength(7) - 1]);
  });

  it('refuses depths it cannot address', () => {
    assert.throws(() => allocateLayout(1, MAX_LAYOUT_DEPTH + 1, 1), RangeError);
    assert.throws(() => allocateLayout(1, -1, 1), RangeError);
  });
});
