import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rocAuc } from './roc-auc.js';

describe('rocAuc', () => {
  it('matches sklearn.metrics.roc_auc_score, ties included', () => {
    // Printed by /usr/bin/python3 with scikit-learn 1.2.1 (which integrates the ROC curve by trapezoids,
    // hence the last-bit tolerance).
    const scores = [0.3, -0.1, 0.7, 0.7, 0.2, 1.5, -2.0, 0.05, 0.3, 0.9];
    assert.ok(Math.abs(rocAuc([0, 0, 1, 1, 0, 1, 0, 0, 1, 0], scores) - 0.8541666666666667) < 1e-12);
    assert.ok(Math.abs(rocAuc([1, 0, 1, 0, 0, 0], [0.5, 0.5, 0.9, 0.1, 0.5, 0.2]) - 0.875) < 1e-12);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one and 0.5 for constant scores', () => {
    assert.equal(rocAuc([0, 0, 1, 1], [1, 2, 3, 4]), 1);
    assert.equal(rocAuc([1, 1, 0, 0], [1, 2, 3, 4]), 0);
    assert.equal(rocAuc([1, 0, 1, 0], [7, 7, 7, 7]), 0.5);
  });

  it('needs both classes and matching lengths', () => {
    assert.throws(() => rocAuc([1, 1], [1, 2]), RangeError);
    assert.throws(() => rocAuc([0, 1], [1]), RangeError);
  });
});
