import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRandom } from '../../lib/random.js';
import { distinctRows, scoreByDistinctRows } from './distinct-rows.js';
import { fitIsolationForest } from './isolation-forest.js';

test('distinct rows keep first occurrences in order and map every row to its copy', () => {
  // rows: [1,2] [3,4] [1,2] [0,-0] [3,4] [NaN,1] [NaN,1] [0,0]
  const data = Float64Array.from([1, 2, 3, 4, 1, 2, 0, -0, 3, 4, NaN, 1, NaN, 1, 0, 0]);
  const d = distinctRows(data, 8, 2);
  assert.equal(d.rows, 5);
  assert.deepEqual([...d.indexOf], [0, 1, 0, 2, 1, 3, 3, 4]);
  assert.deepEqual([...d.data], [1, 2, 3, 4, 0, -0, NaN, 1, 0, 0]);
  assert.ok(Object.is(d.data[5], -0), '-0 is kept apart from 0');
});

test('scoring distinct rows gives exactly the scores of scoring every row', () => {
  const random = createRandom(7);
  const rows = 5000;
  const cols = 3;
  const data = new Float64Array(rows * cols);
  // Few distinct values per column, so rows repeat often, as engineered count features do.
  for (let i = 0; i < data.length; i++) data[i] = Math.log1p(random.nextInt(i % cols === 2 ? 24 : 4));
  const model = fitIsolationForest(data, rows, cols, { seed: 3, nEstimators: 50 });
  const expected = model.scoreSamples(data);
  let scored = 0;
  const actual = scoreByDistinctRows(data, rows, cols, (distinct) => {
    scored = distinct.length / cols;
    return model.scoreSamples(distinct);
  });
  assert.ok(scored < rows / 10, `only ${scored} distinct rows are scored`);
  assert.deepEqual(actual, expected);
});
