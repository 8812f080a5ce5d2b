import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accepted, failed, T0 } from '../detect/test-events.js';
import { AuthWindowFeatures, historyBefore, USER_FEATURES } from './auth-window-features.js';

const HOUR = 3_600_000;

/** root: 3 failures from A, then a success from A, then 5 failures from two new sources, one hour apart. */
function features(): AuthWindowFeatures {
  const f = new AuthWindowFeatures(HOUR);
  for (let i = 0; i < 3; i++) f.observe(T0 + i, failed(T0 + i, { ip: '198.51.100.1', user: 'root' }));
  f.observe(T0 + HOUR, accepted(T0 + HOUR, { ip: '198.51.100.1', user: 'root' }));
  for (let i = 0; i < 5; i++) f.observe(T0 + 2 * HOUR + i, failed(T0 + 2 * HOUR + i, { ip: `203.0.113.${i % 2}`, user: 'root', invalid: i === 0 }));
  return f;
}

test('windows become rows in time order, counts as log1p and the rest as they are', () => {
  const m = features().matrix('user');
  assert.equal(m.rows, 3);
  assert.deepEqual(m.names, USER_FEATURES);
  const hour = (T0 / HOUR) % 24;
  assert.deepEqual(Array.from(m.raw), [3, 0, 1, 1, hour, 0, 0, 1, 1, 1, hour + 1, 0, 5, 0, 2, 1, hour + 2, 0]);
  assert.deepEqual(Array.from(m.data), Array.from(m.raw, (v, i) => (i % m.cols === 4 ? v : Math.log1p(v))));
});

test("a window's history covers exactly the entity's earlier windows", () => {
  const m = features().matrix('user');
  const hour = (T0 / HOUR) % 24;
  assert.deepEqual(historyBefore(m.windows[0]!), { windows: 0, max: [0, 0, 0, 0, 0, 0] });
  assert.deepEqual(historyBefore(m.windows[1]!), { windows: 1, max: [3, 0, 1, 1, hour, 0] });
  assert.deepEqual(historyBefore(m.windows[2]!), { windows: 2, max: [3, 1, 1, 1, hour + 1, 0] });
});

test('a source is first seen only in its first window; the invalid-user ratio is per window', () => {
  const m = features().matrix('source');
  const rows = m.windows.map((w, r) => ({ entity: w.entity, row: Array.from(m.raw.subarray(r * m.cols, (r + 1) * m.cols)) }));
  const hour = (T0 / HOUR) % 24;
  assert.deepEqual(rows, [
    { entity: '198.51.100.1', row: [3, 0, 1, 0, 1, hour, 1] },
    { entity: '198.51.100.1', row: [0, 1, 1, 0, 1, hour + 1, 0] },
    { entity: '203.0.113.0', row: [3, 0, 1, 1 / 3, 1, hour + 2, 1] },
    { entity: '203.0.113.1', row: [2, 0, 1, 0, 1, hour + 2, 1] },
  ]);
});
