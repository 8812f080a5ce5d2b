import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { sharedDataPath } from '../../lib/shared-data.js';
import { averagePathLength } from './average-path-length.js';
import { modelFromTrees, type IsolationForestModel } from './isolation-forest.js';
import { percentileLinear } from './percentile.js';

/** The fixture exported from scikit-learn 1.2.1 (100 trees, 1,020 training rows, 102 queries), validated here at the boundary. */
const Row = z.array(z.number()).length(3);
const Tree = z.strictObject({
  features_subset: z.array(z.number().int().nonnegative()),
  children_left: z.array(z.number().int()),
  children_right: z.array(z.number().int()),
  feature: z.array(z.number().int()),
  threshold: z.array(z.number()),
  n_node_samples: z.array(z.number().int().positive()),
});
const Fixture = z.strictObject({
  generator: z.string(),
  rule: z.string(),
  max_samples_: z.number().int().positive(),
  c_max_samples: z.number(),
  offset_: z.number(),
  X_train: z.array(Row).min(1),
  X_query: z.array(Row).min(1),
  expected_score_samples_train: z.array(z.number()),
  expected_score_samples_query: z.array(z.number()),
  expected_predict_query: z.array(z.union([z.literal(-1), z.literal(1)])),
  c_table: z.record(z.string().regex(/^\d+$/), z.number()),
  trees: z.array(Tree).min(1),
});
type Fixture = z.infer<typeof Fixture>;

async function loadFixture(): Promise<Fixture> {
  // One 400 KB JSON document: it has to be whole to be parsed.
  const text = await readFile(sharedDataPath('anomaly', 'iforest', 'iforest_fixture_sklearn121.json'), 'utf8');
  return Fixture.parse(JSON.parse(text));
}

function toModel(fixture: Fixture): IsolationForestModel {
  return modelFromTrees({
    featureCount: 3,
    maxSamples: fixture.max_samples_,
    offset: fixture.offset_,
    trees: fixture.trees.map((tree) => ({
      childrenLeft: tree.children_left,
      childrenRight: tree.children_right,
      feature: tree.feature,
      threshold: tree.threshold,
      nNodeSamples: tree.n_node_samples,
      featuresSubset: tree.features_subset,
    })),
  });
}

function maxAbsError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  assert.equal(actual.length, expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  return worst;
}

describe('scoring sklearn 1.2.1 trees (shared fixture)', async () => {
  const fixture = await loadFixture();
  const model = toModel(fixture);
  const train = Float64Array.from(fixture.X_train.flat());
  const query = Float64Array.from(fixture.X_query.flat());

  it('reproduces score_samples on the training and query rows to 1e-12', () => {
    assert.ok(maxAbsError(model.scoreSamples(train), fixture.expected_score_samples_train) <= 1e-12);
    assert.ok(maxAbsError(model.scoreSamples(query), fixture.expected_score_samples_query) <= 1e-12);
  });

  it('gives the same score one row at a time and in a batch', () => {
    const batch = model.scoreSamples(query);
    fixture.X_query.forEach((row, i) => {
      assert.ok(Math.abs(model.scoreRow(row) - batch[i]!) <= 1e-15, `row ${i}`);
    });
  });

  it('reproduces predict exactly, with the fixture offset', () => {
    assert.deepEqual(Array.from(model.predict(query)), fixture.expected_predict_query);
    const decisions = model.decisionFunction(query);
    const scores = model.scoreSamples(query);
    for (let i = 0; i < decisions.length; i++) assert.equal(decisions[i], scores[i]! - fixture.offset_);
  });

  it('recomputes offset_ as the 10th percentile of the training scores (contamination = 0.1)', () => {
    const offset = percentileLinear(model.scoreSamples(train), 100 * 0.1);
    assert.ok(Math.abs(offset - fixture.offset_) <= 1e-12, `${offset} vs ${fixture.offset_}`);
  });

  it('matches the c(n) table and c(max_samples_)', () => {
    for (const [n, c] of Object.entries(fixture.c_table)) {
      assert.ok(Math.abs(averagePathLength(Number(n)) - c) <= 1e-12, `c(${n})`);
    }
    assert.ok(Math.abs(averagePathLength(fixture.max_samples_) - fixture.c_max_samples) <= 1e-12);
  });

  it('explains every query row consistently with its score', () => {
    fixture.X_query.forEach((row, i) => {
      const explanation = model.explain(row);
      assert.ok(Math.abs(explanation.score - fixture.expected_score_samples_query[i]!) <= 1e-12);
      const total = explanation.contributions.reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(total - (explanation.expectedPathLength - explanation.pathLength)) <= 1e-9);
    });
  });
});
