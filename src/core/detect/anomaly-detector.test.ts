import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitIsolationForest } from '../anomaly/isolation-forest.js';
import { alertSchema, type Alert } from '../../schema/alert.js';
import { defaultDetectionConfig } from '../../schema/config.js';
import type { EcsEvent } from '../../schema/event.js';
import { createAnomalyDetector, type FitForest } from './anomaly-detector.js';
import { accepted, failed, T0 } from './test-events.js';

const fit: FitForest = (data, rows, cols, seed, trees) => fitIsolationForest(data, rows, cols, { nEstimators: trees, seed });
const HOUR = 3_600_000;

/** Two weeks of office logins by 30 users, plus internet scanners making one to three attempts each. */
function benign(): [number, EcsEvent][] {
  const out: [number, EcsEvent][] = [];
  let scanner = 0;
  for (let d = 0; d < 14; d++) {
    for (let u = 0; u < 30; u++) {
      for (const h of [9 + (u % 3), 13, 16 - (u % 2)]) {
        const ts = T0 + d * 24 * HOUR + (h - 10) * HOUR + u * 60_000;
        out.push([ts, accepted(ts, { ip: `10.0.${u}.1`, user: `user${u}` })]);
      }
    }
    for (let k = 0; k < 20; k++) {
      const ip = `198.51.${scanner >> 8}.${scanner++ & 255}`;
      const ts = T0 + d * 24 * HOUR + k * HOUR;
      for (let j = 0; j < 1 + (k % 3); j++) out.push([ts + j * 5000, failed(ts + j * 5000, { ip, user: ['root', 'admin', 'test'][j]!, invalid: j > 0 })]);
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
}

function run(events: [number, EcsEvent][]): Alert[] {
  const alerts: Alert[] = [];
  const detector = createAnomalyDetector(defaultDetectionConfig().anomaly, fit, (a) => alerts.push(alertSchema.parse(a)));
  for (const [ts, e] of events) detector.observe(ts, e);
  detector.flush();
  return alerts;
}

test('ordinary activity yields no anomaly alerts: no fixed share of windows is flagged', () => {
  assert.deepEqual(run(benign()), []);
});

test('a source making hundreds of attempts stands out, and the alert names why', () => {
  const events = benign();
  const start = T0 + 5 * 24 * HOUR + 2 * HOUR;
  for (let i = 0; i < 400; i++) events.push([start + i * 4000, failed(start + i * 4000, { ip: '203.0.113.66', user: `u${i % 40}` })]);
  events.sort((a, b) => a[0] - b[0]);
  const alerts = run(events);
  const source = alerts.filter((a) => a.rule.id === 'vigil.anomaly.source_behaviour');
  assert.equal(source.length, 1, JSON.stringify(alerts.map((a) => a.message)));
  const [a] = source;
  assert.deepEqual(a!.related.ip, ['203.0.113.66']);
  assert.deepEqual(a!.threat.technique.id, ['T1110']);
  assert.ok(Number(a!.explanation.score) >= defaultDetectionConfig().anomaly.minScore);
  const drivers = a!.explanation.drivers as { name: string }[];
  assert.ok(drivers.some((d) => d.name === 'failures' || d.name === 'distinct_users'), JSON.stringify(drivers));
  assert.match(a!.message, /Source 203\.0\.113\.66 behaved unlike/);
  assert.ok(a!.evidence.lines.length > 0);
});
