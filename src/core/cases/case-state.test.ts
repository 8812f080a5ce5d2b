import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarizeAlert } from './alert-summary.js';
import { caseEventSchema, type CaseEvent } from './case-event.js';
import { foldCaseEvents } from './case-state.js';
import { planCaseUpdate } from './case-update.js';
import { testAlert } from './test-alerts.js';

const T0 = '2026-11-28T10:00:00.000Z';
const at = (min: number): string => new Date(Date.parse(T0) + min * 60_000).toISOString();
const alert = testAlert({
  ips: ['203.0.113.5'],
  users: ['mallory@example.org', 'root'],
  start: '2026-11-02T05:00:00Z',
  indicator: { type: 'url', url: { full: 'http://evil.example/x', domain: 'evil.example' }, file: { hash: { sha256: 'a'.repeat(64) } } },
});
const opened: CaseEvent[] = [
  { type: 'created', at: T0, actor: 'vigil', title: 'Brute force' },
  { type: 'alert_added', at: T0, actor: 'vigil', alert: summarizeAlert(alert), detected_at: T0 },
];

test('state is a fold of the events: status, resolution, assignee, tags, acknowledgement', () => {
  const events: CaseEvent[] = [
    ...opened,
    { type: 'assigned', at: at(5), actor: 'ana', assignee: 'bob' },
    { type: 'acknowledged', at: at(5), actor: 'ana' },
    { type: 'tagged', at: at(6), actor: 'ana', tag: 'ssh' },
    { type: 'status_changed', at: at(7), actor: 'ana', from: 'new', to: 'in_progress' },
    { type: 'acknowledged', at: at(9), actor: 'bob' },
    { type: 'status_changed', at: at(30), actor: 'bob', from: 'in_progress', to: 'resolved', resolution: 'true_positive' },
  ];
  for (const e of events) caseEventSchema.parse(e);
  const s = foldCaseEvents('case-000000000001', events);
  assert.equal(s.version, events.length);
  assert.equal(s.status, 'resolved');
  assert.equal(s.resolution, 'true_positive');
  assert.equal(s.assignee, 'bob');
  assert.deepEqual(s.tags, ['ssh']);
  assert.equal(s.acknowledgedAt, at(5), 'the first acknowledgement counts');
  assert.equal(s.resolvedAt, at(30));
  assert.equal(s.openedAt, T0);
  const reopened = foldCaseEvents('case-000000000001', [...events, { type: 'status_changed', at: at(40), actor: 'bob', from: 'resolved', to: 'in_progress' }]);
  assert.equal(reopened.resolution, null);
  assert.equal(reopened.resolvedAt, null);
});

test('observables are typed and come from the alerts and from observable_added events', () => {
  const s = foldCaseEvents('case-000000000001', [...opened, { type: 'observable_added', at: at(1), actor: 'pb', observable: { type: 'domain', value: 'c2.example' } }]);
  const has = (type: string, value: string) => s.observables.some((o) => o.type === type && o.value === value);
  assert.ok(has('ip', '203.0.113.5'));
  assert.ok(has('user', 'root'));
  assert.ok(has('email', 'mallory@example.org'));
  assert.ok(has('host', 'bastion'));
  assert.ok(has('url', 'http://evil.example/x'));
  assert.ok(has('domain', 'evil.example'));
  assert.ok(has('hash', 'a'.repeat(64)));
  assert.ok(has('domain', 'c2.example'));
});

test('a history that does not start with created is refused', () => {
  assert.throws(() => foldCaseEvents('case-000000000001', opened.slice(1)));
  assert.throws(() => foldCaseEvents('case-000000000001', [opened[0]!, opened[0]!]));
});

test('stored events are validated: unknown types, bad statuses and oversized comments are rejected', () => {
  assert.equal(caseEventSchema.safeParse({ type: 'deleted', at: T0, actor: 'x' }).success, false);
  assert.equal(caseEventSchema.safeParse({ type: 'status_changed', at: T0, actor: 'x', from: 'new', to: 'closed' }).success, false);
  assert.equal(caseEventSchema.safeParse({ type: 'comment', at: T0, actor: 'x', text: 'y'.repeat(10_001) }).success, false);
  assert.equal(caseEventSchema.safeParse({ type: 'comment', at: T0, actor: 'x', text: 'ok', extra: 1 }).success, false);
});

test('updates: resolving needs a resolution, leaving new acknowledges, repeating an update changes nothing', () => {
  const s = foldCaseEvents('case-000000000001', opened);
  const missing = planCaseUpdate(s, { status: 'resolved' }, at(1), 'ana');
  assert.equal(missing.ok ? 'ok' : missing.error.reason, 'resolution_required');
  const stray = planCaseUpdate(s, { status: 'contained', resolution: 'benign' }, at(1), 'ana');
  assert.equal(stray.ok ? 'ok' : stray.error.reason, 'resolution_without_resolved');
  const r = planCaseUpdate(s, { resolution: 'false_positive', tags: ['noise', 'noise'] }, at(2), 'ana');
  assert.ok(r.ok);
  assert.deepEqual(r.value.map((e) => e.type), ['acknowledged', 'tagged', 'status_changed']);
  const after = foldCaseEvents(s.id, [...opened, ...r.value]);
  assert.equal(after.status, 'resolved');
  assert.equal(after.resolution, 'false_positive');
  const tooLong = planCaseUpdate(s, { tags: ['t'.repeat(101)] }, at(2), 'ana');
  assert.equal(tooLong.ok ? 'ok' : tooLong.error.reason, 'invalid');
  const twice = planCaseUpdate(s, { observables: [{ type: 'domain', value: 'c2.example' }, { type: 'domain', value: 'c2.example' }, { type: 'ip', value: '203.0.113.5' }] }, at(2), 'pb');
  assert.deepEqual(twice.ok ? twice.value.map((e) => e.type) : 'refused', ['observable_added'], 'new observables only, once');
  const again = planCaseUpdate(after, { resolution: 'false_positive', tags: ['noise'] }, at(3), 'ana');
  assert.deepEqual(again.ok ? again.value : 'refused', []);
});
