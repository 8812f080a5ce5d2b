import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EntityWindow, EvidenceStore, EVIDENCE_PER_WINDOW } from './entity-window.js';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 10, 2, 8);
const store = new EvidenceStore();

test('a window counts events, distinct peers and hosts, and remembers its last time', () => {
  const w = new EntityWindow('source', '203.0.113.5', START, true, undefined, store);
  assert.equal(w.end, START);
  assert.equal(w.peerCount, 0);
  w.record(START + 1000, false, true, false, 'root', 'bastion', undefined);
  w.record(START + 2000, false, false, false, 'root', 'bastion', undefined);
  assert.equal(w.peerCount, 1);
  assert.deepEqual([...w.peers()], ['root']);
  w.record(START + 3000, true, false, true, 'admin', 'web1', undefined);
  w.record(START + 4000, false, true, false, 'root', undefined, undefined);
  assert.deepEqual([w.count, w.failures, w.successes, w.invalidFailures, w.newSources], [4, 3, 1, 2, 1]);
  assert.deepEqual([...w.peers()].sort(), ['admin', 'root']);
  assert.deepEqual([...w.hosts()].sort(), ['bastion', 'web1']);
  assert.equal(w.hostCount, 2);
  assert.equal(w.end, START + 4000);
});

test('a window keeps its first evidence lines with their paths, also when the paths differ', () => {
  const w = new EntityWindow('user', 'root', START, false, undefined, store);
  for (let i = 0; i < EVIDENCE_PER_WINDOW + 2; i++) {
    w.record(START + i, false, false, false, '198.51.100.7', 'h', { path: i === 2 ? 'b.log' : 'a.log', line: 10 + i });
  }
  assert.deepEqual(w.evidence(), [
    { path: 'a.log', line: 10 },
    { path: 'a.log', line: 11 },
    { path: 'b.log', line: 12 },
    { path: 'a.log', line: 13 },
    { path: 'a.log', line: 14 },
  ]);
  const same = new EntityWindow('user', 'root', START, false, undefined, store);
  same.record(START, false, false, false, 'x', undefined, { path: 'a.log', line: 1 });
  same.record(START, false, false, false, 'x', undefined, { path: 'a.log', line: 2 });
  assert.deepEqual(same.evidence(), [
    { path: 'a.log', line: 1 },
    { path: 'a.log', line: 2 },
  ]);
});

test('windows share one evidence store, which grows past its first size', () => {
  const shared = new EvidenceStore();
  const windows = Array.from({ length: 300 }, (_, i) => new EntityWindow('source', `192.0.2.${i % 250}`, START, false, undefined, shared));
  for (const [i, w] of windows.entries()) w.record(START, false, false, false, 'u', undefined, { path: `f${i % 3}.log`, line: i });
  for (const [i, w] of windows.entries()) assert.deepEqual(w.evidence(), [{ path: `f${i % 3}.log`, line: i }]);
});

test('numbers past the small-integer range are kept exactly (30-day windows, huge files)', () => {
  const w = new EntityWindow('user', 'root', START, false, undefined, store);
  const late = START + 29 * 24 * HOUR;
  w.record(late, false, false, false, 'x', undefined, { path: 'big.log', line: 5_000_000_000 });
  assert.equal(w.end, late);
  assert.deepEqual(w.evidence(), [{ path: 'big.log', line: 5_000_000_000 }]);
});
