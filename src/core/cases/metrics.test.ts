import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarizeAlert } from './alert-summary.js';
import type { CaseEvent } from './case-event.js';
import { foldCaseEvents, type CaseState } from './case-state.js';
import { durationStats } from './duration-stats.js';
import { computeCaseMetrics } from './metrics.js';
import { testAlert } from './test-alerts.js';

const T0 = Date.parse('2026-11-28T10:00:00.000Z');
const at = (min: number): string => new Date(T0 + min * 60_000).toISOString();

/** A case opened at `openMin` with one alert of `rule` whose evidence started `mttdMin` before it fired. */
function makeCase(n: number, spec: { openMin: number; rule: string; severity: 'high' | 'critical'; mttdMin: number; ackMin?: number; resolveMin?: number; extraRuleAtMin?: number }): CaseState {
  const start = Date.parse('2026-11-02T05:00:00Z') + n * 86_400_000;
  const alert = testAlert({ rule: spec.rule, severity: spec.severity, ips: [`203.0.113.${n}`], start: new Date(start).toISOString(), at: new Date(start + spec.mttdMin * 60_000).toISOString() });
  const events: CaseEvent[] = [
    { type: 'created', at: at(spec.openMin), actor: 'vigil', title: 't' },
    { type: 'alert_added', at: at(spec.openMin), actor: 'vigil', alert: summarizeAlert(alert), detected_at: at(spec.openMin) },
  ];
  if (spec.extraRuleAtMin !== undefined) {
    const extra = testAlert({ rule: 'r.late', severity: 'high', ips: [`203.0.113.${n}`], start: new Date(start).toISOString(), at: new Date(start + 60_000).toISOString() });
    events.push({ type: 'alert_added', at: at(spec.extraRuleAtMin), actor: 'vigil', alert: summarizeAlert(extra), detected_at: at(spec.extraRuleAtMin) });
  }
  if (spec.ackMin !== undefined) events.push({ type: 'acknowledged', at: at(spec.ackMin), actor: 'ana' });
  if (spec.resolveMin !== undefined) events.push({ type: 'status_changed', at: at(spec.resolveMin), actor: 'ana', from: 'new', to: 'resolved', resolution: 'true_positive' });
  return foldCaseEvents(`case-00000000000${n}`, events);
}

test('durations: count, mean and median (even and odd counts), nothing when empty', () => {
  assert.deepEqual(durationStats([]), { count: 0, mean_seconds: null, median_seconds: null });
  assert.deepEqual(durationStats([3000, 1000, 2000]), { count: 3, mean_seconds: 2, median_seconds: 2 });
  assert.deepEqual(durationStats([1000, 2000, 4000, 9000]), { count: 4, mean_seconds: 4, median_seconds: 3 });
});

test('MTTD in event time, MTTA and MTTR from when Vigil saw the alert, per severity and per rule', () => {
  const cases = [
    makeCase(1, { openMin: 0, rule: 'r.brute', severity: 'high', mttdMin: 5, ackMin: 10, resolveMin: 60 }),
    makeCase(2, { openMin: 0, rule: 'r.brute', severity: 'high', mttdMin: 15, ackMin: 30, resolveMin: 120 }),
    makeCase(3, { openMin: 0, rule: 'r.success', severity: 'critical', mttdMin: 1, ackMin: 2, extraRuleAtMin: 50 }),
  ];
  const m = computeCaseMetrics(cases);
  assert.equal(m.overall.cases, 3);
  assert.deepEqual(m.overall.mttd, { count: 3, mean_seconds: 420, median_seconds: 300 });
  assert.deepEqual(m.overall.mtta, { count: 3, mean_seconds: 840, median_seconds: 600 });
  assert.deepEqual(m.overall.mttr, { count: 2, mean_seconds: 5400, median_seconds: 5400 });
  assert.equal(m.by_severity.high.cases, 2);
  assert.deepEqual(m.by_severity.high.mttr, { count: 2, mean_seconds: 5400, median_seconds: 5400 });
  assert.equal(m.by_severity.critical.mttr.count, 0, 'an unresolved case has no MTTR');
  assert.deepEqual(m.by_rule['r.brute']!.mtta, { count: 2, mean_seconds: 1200, median_seconds: 1200 });
  assert.equal(m.by_rule['r.late']!.cases, 1);
  assert.equal(m.by_rule['r.late']!.mtta.count, 0, 'an alert that arrived after the acknowledgement adds no MTTA sample');
  assert.deepEqual(Object.keys(m.by_rule), ['r.brute', 'r.late', 'r.success']);
});

test('the period selects cases by when they were opened: [since, until)', () => {
  const cases = [makeCase(1, { openMin: 0, rule: 'r', severity: 'high', mttdMin: 1 }), makeCase(2, { openMin: 120, rule: 'r', severity: 'high', mttdMin: 1 })];
  assert.equal(computeCaseMetrics(cases, { since: at(60) }).overall.cases, 1);
  assert.equal(computeCaseMetrics(cases, { until: at(120) }).overall.cases, 1);
  assert.equal(computeCaseMetrics(cases, { since: at(0), until: at(121) }).overall.cases, 2);
  assert.deepEqual(computeCaseMetrics(cases, { since: at(0) }).period, { since: at(0), until: null });
});
