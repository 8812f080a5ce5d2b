import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom } from '../../lib/random.js';
import { averagePathLength } from './average-path-length.js';
import { gaussianRows } from './gaussian-rows.js';
import { fitIsolationForest } from './isolation-forest.js';

describe('explain', () => {
  const rows = 2000;
  const data = gaussianRows(createRandom(30), rows, 4);
  const model = fitIsolationForest(data, rows, 4, { seed: 30 });
  const cPsi = averagePathLength(model.maxSamples);

  it('credits the feature that makes a row stand out', () => {
    for (let feature = 0; feature < 4; feature++) {
      const row = [0.1, -0.2, 0.05, 0.3];
      row[feature] = 7;
      const { fractions, score } = model.explain(row);
      const top = fractions.indexOf(Math.max(...fractions));
      assert.equal(top, feature);
      assert.ok(fractions[feature]! > 0.8, `fraction ${fractions[feature]}`);
      assert.ok(score < -0.5, `score ${score}`);
    }
  });

  it('splits the credit when two features are unusual', () => {
    const { fractions } = model.explain([6, 0, 0, -6]);
    assert.ok(fractions[0]! > 0.3 && fractions[3]! > 0.3, Array.from(fractions).join(', '));
    assert.ok(fractions[1]! + fractions[2]! < 0.2);
  });

  it('fractions sum to 1 and contributions account for the score exactly', () => {
    for (const row of [[0, 0, 0, 0], [3, 0, -1, 0.5], [-2, 5, 1, 1], [0.2, 0.1, 0.3, -0.1]]) {
      const explanation = model.explain(row);
      const sum = explanation.contributions.reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - (explanation.expectedPathLength - explanation.pathLength)) < 1e-9);
      // Without bootstrap every root holds ψ rows, so the expectation is c(ψ) and
      // score = −2^(−(c(ψ) − Σ contributions) / c(ψ)).
      assert.ok(Math.abs(explanation.expectedPathLength - cPsi) < 1e-12);
      assert.ok(Math.abs(explanation.score - -(2 ** -((cPsi - sum) / cPsi))) < 1e-12);
      assert.ok(Math.abs(explanation.score - model.scoreRow(row)) === 0);
      assert.equal(explanation.decision, explanation.score - model.offset);
      const total = explanation.fractions.reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(total - 1) < 1e-12 || total === 0);
      for (const fraction of explanation.fractions) assert.ok(fraction >= 0 && fraction <= 1);
    }
  });

  it('gives no shares to a row that nothing isolates', () => {
    const centre = model.explain([0, 0, 0, 0]);
    assert.ok(centre.contributions.every((value) => value < 0));
    assert.deepEqual(Array.from(centre.fractions), [0, 0, 0, 0]);
    assert.ok(centre.score > -0.5);
  });

  it('rejects rows of the wrong width', () => {
    assert.throws(() => model.explain([1, 2, 3]), RangeError);
  });
});
