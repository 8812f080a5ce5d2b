import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarizeAlert } from './alert-summary.js';
import type { CaseEvent } from './case-event.js';
import { foldCaseEvents } from './case-state.js';
import { casesConfigSchema } from './cases-config.js';
import { newServiceLevelBreaches, serviceLevelStatus } from './service-levels.js';
import { testAlert } from './test-alerts.js';

const T0 = Date.parse('2026-11-28T10:00:00.000Z');
const at = (min: number): string => new Date(T0 + min * 60_000).toISOString();
const config = casesConfigSchema.parse({ serviceLevels: { critical: { acknowledgeMinutes: 15, resolveMinutes: 120 } } });
const opened = (severity: 'critical' | 'low'): CaseEvent[] => [
  { type: 'created', at: at(0), actor: 'vigil', title: 't' },
  { type: 'alert_added', at: at(0), actor: 'vigil', alert: summarizeAlert(testAlert({ ips: ['203.0.113.5'], start: '2026-11-02T05:00:00Z', severity })), detected_at: at(0) },
];

test('an unacknowledged critical case breaches its acknowledge target after 15 minutes, once', () => {
  const events = opened('critical');
  const state = foldCaseEvents('case-000000000001', events);
  assert.deepEqual(newServiceLevelBreaches(state, T0 + 15 * 60_000, config, 'vigil'), [], 'at the deadline it is not yet missed');
  const breaches = newServiceLevelBreaches(state, T0 + 16 * 60_000, config, 'vigil');
  assert.deepEqual(breaches.map((b) => [b.target, b.deadline, b.limit_minutes]), [['acknowledge', at(15), 15]]);
  const after = foldCaseEvents(state.id, [...events, ...breaches]);
  assert.deepEqual(newServiceLevelBreaches(after, T0 + 60 * 60_000, config, 'vigil'), [], 'recorded once');
  assert.deepEqual(newServiceLevelBreaches(after, T0 + 121 * 60_000, config, 'vigil').map((b) => b.target), ['resolve']);
});

test('targets met in time are not breaches; met late they are, even when evaluated afterwards', () => {
  const inTime = foldCaseEvents('case-000000000001', [...opened('critical'), { type: 'acknowledged', at: at(10), actor: 'ana' }]);
  assert.deepEqual(newServiceLevelBreaches(inTime, T0 + 60 * 60_000, config, 'vigil'), []);
  const late = foldCaseEvents('case-000000000001', [...opened('critical'), { type: 'acknowledged', at: at(20), actor: 'ana' }]);
  assert.deepEqual(newServiceLevelBreaches(late, T0 + 21 * 60_000, config, 'vigil').map((b) => b.target), ['acknowledge']);
  const status = serviceLevelStatus(late, T0 + 21 * 60_000, config);
  assert.equal(status[0]!.metAt, at(20));
  assert.equal(status[1]!.remainingMs, 99 * 60_000);
});

test('the targets follow the case severity (low: a day to acknowledge by default)', () => {
  const state = foldCaseEvents('case-000000000001', opened('low'));
  assert.deepEqual(newServiceLevelBreaches(state, T0 + 23 * 3600_000, config, 'vigil'), []);
  assert.deepEqual(newServiceLevelBreaches(state, T0 + 25 * 3600_000, config, 'vigil').map((b) => b.severity), ['low']);
});
