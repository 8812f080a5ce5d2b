import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Alert } from '../../schema/alert.js';
import { caseIdFor } from './alert-summary.js';
import { foldCaseEvents, type CaseState } from './case-state.js';
import { casesConfigSchema, type CasesConfig } from './cases-config.js';
import { groupAlerts, type CaseHistory } from './grouping.js';
import { testAlert } from './test-alerts.js';

const NOW = '2026-11-28T10:00:00.000Z';
const config = (over: Partial<CasesConfig> = {}): CasesConfig => casesConfigSchema.parse(over);

function group(alerts: readonly Alert[], cases: readonly CaseHistory[] = [], cfg = config()) {
  return groupAlerts({ alerts, cases, now: NOW, actor: 'vigil', config: cfg, newCaseId: (a) => caseIdFor(a.id) });
}
const states = (r: ReturnType<typeof group>): CaseState[] => r.changes.map((c) => c.state);
const membership = (r: ReturnType<typeof group>, alerts: readonly Alert[]): number[] => {
  const ids = r.changes.map((c) => c.caseId);
  return alerts.map((a) => ids.indexOf(r.changes.find((c) => c.alerts.some((x) => x.id === a.id))!.caseId));
};

test('alerts sharing a source IP within the window join one case; far apart in time they do not', () => {
  const a = testAlert({ rule: 'r.brute', ips: ['203.0.113.5'], users: ['root'], start: '2026-11-02T05:00:00Z', end: '2026-11-02T05:20:00Z' });
  const b = testAlert({ rule: 'r.success', ips: ['203.0.113.5'], users: ['root'], start: '2026-11-02T05:50:00Z', severity: 'critical' });
  const c = testAlert({ rule: 'r.brute', ips: ['203.0.113.5'], users: ['admin'], start: '2026-11-02T09:00:00Z' });
  const r = group([a, b, c]);
  assert.deepEqual(membership(r, [a, b, c]), [0, 0, 1]);
  assert.equal(states(r)[0]!.severity, 'critical', 'a case is as severe as its worst alert');
  assert.deepEqual(r.domainEvents.map((e) => e.type), ['case.created', 'case.updated', 'case.created']);
});

test('one account reached from two unrelated sources is two incidents; an alert naming no source joins by user', () => {
  const brute = testAlert({ rule: 'r.brute', ips: ['198.51.100.7'], users: ['carol'], start: '2026-11-03T03:50:00Z', end: '2026-11-03T03:59:00Z' });
  const other = testAlert({ rule: 'r.unusual', ips: ['192.0.2.99'], users: ['carol'], start: '2026-11-03T04:10:00Z' });
  const sudo = testAlert({ rule: 'r.sudo', users: ['carol'], start: '2026-11-03T04:00:00Z' });
  const r = group([brute, other, sudo]);
  const m = membership(r, [brute, other, sudo]);
  assert.notEqual(m[0], m[1]);
  assert.ok(m[2] === m[0] || m[2] === m[1], 'the sudo alert joins a carol case');
  assert.equal(r.changes.length, 2);
});

test('a host that every alert names links nothing by default, and links when configured', () => {
  const x = testAlert({ rule: 'r.account', users: ['alice', 'svc'], hosts: ['db-01'], start: '2026-11-03T19:12:00Z' });
  const y = testAlert({ rule: 'r.sudo', users: ['bob'], hosts: ['db-01'], start: '2026-11-03T19:20:00Z' });
  assert.equal(group([x, y]).changes.length, 2);
  assert.equal(group([x, y], [], config({ linkBy: ['ip', 'user', 'host'] })).changes.length, 1);
});

test('values listed in neverLink (loopback) link nothing', () => {
  const x = testAlert({ rule: 'r.a', ips: ['127.0.0.1'], users: ['u1'], start: '2026-11-03T10:00:00Z' });
  const y = testAlert({ rule: 'r.b', ips: ['127.0.0.1'], users: ['u2'], start: '2026-11-03T10:01:00Z' });
  assert.equal(group([x, y]).changes.length, 2);
  assert.equal(group([x, y], [], config({ neverLink: [] })).changes.length, 1);
});

test('the same alert seen again (same id, or same fingerprint within the window) counts an occurrence', () => {
  const first = testAlert({ ips: ['203.0.113.5'], users: ['root'], start: '2026-11-02T05:00:00Z', end: '2026-11-02T05:10:00Z' });
  const again = testAlert({ ips: ['203.0.113.5'], users: ['root'], start: '2026-11-02T05:30:00Z', end: '2026-11-02T05:40:00Z' });
  assert.notEqual(first.id, again.id);
  const r = group([first, again, first]);
  assert.equal(r.changes.length, 1);
  const state = states(r)[0]!;
  assert.equal(state.alerts.length, 1);
  assert.equal(state.alerts[0]!.occurrences, 3);
  assert.deepEqual(state.alerts[0]!.ids, [first.id, again.id]);
  assert.deepEqual(r.domainEvents.map((e) => (e.type === 'case.updated' ? e.change : e.type)), ['case.created', 'alert_repeated', 'alert_repeated']);
});

test('a later batch joins the open case from the store; a resolved case takes no new alerts', () => {
  const a = testAlert({ ips: ['203.0.113.5'], users: ['root'], start: '2026-11-02T05:00:00Z' });
  const first = group([a]);
  const history: CaseHistory = { id: first.changes[0]!.caseId, events: first.changes[0]!.events };
  const b = testAlert({ rule: 'r.other', ips: ['203.0.113.5'], start: '2026-11-02T05:20:00Z' });
  const second = group([b], [history]);
  assert.equal(second.changes.length, 1);
  assert.equal(second.changes[0]!.caseId, history.id);
  assert.equal(second.changes[0]!.expectedVersion, 2);

  const resolved: CaseHistory = {
    id: history.id,
    events: [...history.events, { type: 'status_changed', at: NOW, actor: 'ana', from: 'new', to: 'resolved', resolution: 'benign' }],
  };
  const third = group([b], [resolved]);
  assert.notEqual(third.changes[0]!.caseId, history.id);
  // the same alert id again goes to its case even when resolved (it is not a new incident)
  const repeat = group([a], [resolved]);
  assert.equal(repeat.changes[0]!.caseId, history.id);
  assert.equal(foldCaseEvents(history.id, [...resolved.events, ...repeat.changes[0]!.events]).alerts[0]!.occurrences, 2);
});

test('grouping is deterministic whatever the input order', () => {
  const alerts = [
    testAlert({ rule: 'r.a', ips: ['203.0.113.5'], start: '2026-11-02T05:00:00Z' }),
    testAlert({ rule: 'r.b', ips: ['203.0.113.5'], users: ['x'], start: '2026-11-02T05:10:00Z' }),
    testAlert({ rule: 'r.c', users: ['x'], start: '2026-11-02T05:20:00Z' }),
    testAlert({ rule: 'r.d', ips: ['198.51.100.1'], start: '2026-11-02T05:20:00Z' }),
  ];
  const one = group(alerts);
  const two = group([...alerts].reverse());
  assert.deepEqual(two.changes.map((c) => c.state), one.changes.map((c) => c.state));
  assert.equal(one.changes.length, 2);
});
