import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alertSchema, type Alert } from '../../schema/alert.js';
import { defaultDetectionConfig, detectionConfigSchema } from '../../schema/config.js';
import type { EcsEvent } from '../../schema/event.js';
import { createAuthDetectors } from './auth-detectors.js';
import { createDispatcher } from './dispatch.js';
import { accepted, failed, other, T0 } from './test-events.js';

const MIN = 60_000;

function run(events: [number, EcsEvent][], config = defaultDetectionConfig()): Alert[] {
  const alerts: Alert[] = [];
  const detector = createDispatcher(createAuthDetectors(config, (a) => alerts.push(alertSchema.parse(a))));
  for (const [ts, e] of events) detector.observe(ts, e);
  detector.flush();
  return alerts;
}
const rules = (alerts: Alert[]): string[] => alerts.map((a) => a.rule.id).sort();

/** Benign daytime logins of several users from their usual addresses, to build baselines. */
function workdays(days: number): [number, EcsEvent][] {
  const out: [number, EcsEvent][] = [];
  for (let d = 0; d < days; d++) {
    for (let u = 0; u < 20; u++) {
      for (const h of [9, 11, 14, 16]) {
        const ts = T0 - 10 * 3_600_000 + d * 86_400_000 + h * 3_600_000 + u * MIN;
        out.push([ts, accepted(ts, { ip: `10.0.0.${u + 1}`, user: `user${u}` })]);
      }
    }
  }
  return out;
}

test('one source hammering one account gives exactly one brute-force alert with its evidence', () => {
  const events: [number, EcsEvent][] = [];
  for (let i = 0; i < 300; i++) events.push([T0 + i * 2000, failed(T0 + i * 2000, { ip: '203.0.113.5', user: 'root' })]);
  const alerts = run(events);
  assert.deepEqual(rules(alerts), ['vigil.auth.brute_force']);
  const [a] = alerts;
  assert.equal(a!.event.count, 300);
  assert.equal(a!.event.start, new Date(T0).toISOString());
  assert.equal(a!.event.end, new Date(T0 + 299 * 2000).toISOString());
  assert.equal(a!['@timestamp'], new Date(T0 + 9 * 2000).toISOString(), 'fires when the 10th failure arrives');
  assert.deepEqual(a!.related, { ip: ['203.0.113.5'], user: ['root'], hosts: ['bastion'] });
  assert.deepEqual(a!.threat.technique.id, ['T1110.001']);
  assert.equal(a!.evidence.total, 300);
  assert.equal(a!.evidence.lines.length, 30, 'first 20 and last 10 lines');
  assert.match(a!.message, /203\.0\.113\.5 failed to log in as "root" 300 times/);
});

test('failures below the threshold, or spread beyond the window, raise nothing', () => {
  const slow: [number, EcsEvent][] = [];
  for (let i = 0; i < 50; i++) slow.push([T0 + i * 2 * MIN, failed(T0 + i * 2 * MIN, { ip: '203.0.113.5', user: 'root' })]);
  assert.deepEqual(run(slow), []);
  const few: [number, EcsEvent][] = [];
  for (let i = 0; i < 9; i++) few.push([T0 + i * 1000, failed(T0 + i * 1000, { ip: '203.0.113.5', user: 'root' })]);
  assert.deepEqual(run(few), []);
});

test('thresholds come from configuration', () => {
  const config = detectionConfigSchema.parse({ bruteForce: { failures: 3, windowMinutes: 1 } });
  const events: [number, EcsEvent][] = [0, 1, 2].map((i) => [T0 + i * 1000, failed(T0 + i * 1000, { ip: '198.51.100.7', user: 'admin', invalid: true })]);
  assert.deepEqual(rules(run(events, config)), ['vigil.auth.brute_force']);
  assert.throws(() => detectionConfigSchema.parse({ bruteForce: { failures: 3, windowMinutez: 1 } }), /windowMinutez/);
});

test('one source against many existing accounts is a password spray; against unknown ones, credential stuffing', () => {
  const spray: [number, EcsEvent][] = [];
  for (let i = 0; i < 30; i++) spray.push([T0 + i * MIN, failed(T0 + i * MIN, { ip: '192.0.2.10', user: `user${i}` })]);
  const sprayAlerts = run(spray);
  assert.deepEqual(rules(sprayAlerts), ['vigil.auth.password_spray']);
  assert.equal(sprayAlerts[0]!.related.user.length, 30);
  assert.deepEqual(sprayAlerts[0]!.threat.technique.id, ['T1110.003']);

  const stuffing: [number, EcsEvent][] = [];
  for (let i = 0; i < 40; i++) stuffing.push([T0 + i * 3000, failed(T0 + i * 3000, { ip: '192.0.2.11', user: `guest${i}`, invalid: true })]);
  const stuffingAlerts = run(stuffing);
  assert.deepEqual(rules(stuffingAlerts), ['vigil.auth.credential_stuffing']);
  assert.deepEqual(stuffingAlerts[0]!.threat.technique.id, ['T1110.004']);
});

test('many sources against one account is a distributed brute force naming every source', () => {
  const events: [number, EcsEvent][] = [];
  for (let i = 0; i < 40; i++) {
    for (let j = 0; j < 3; j++) events.push([T0 + i * 30_000 + j * 3000, failed(T0 + i * 30_000 + j * 3000, { ip: `198.51.100.${i + 1}`, user: 'root' })]);
  }
  const alerts = run(events);
  assert.deepEqual(rules(alerts), ['vigil.auth.distributed_brute_force']);
  assert.equal(alerts[0]!.related.ip.length, 40);
  assert.equal(alerts[0]!.event.count, 120);
});

test('a success after a burst of failures from the same source is critical; a typo then success is not', () => {
  const events: [number, EcsEvent][] = [];
  for (let i = 0; i < 8; i++) events.push([T0 + i * 3000, failed(T0 + i * 3000, { ip: '203.0.113.9', user: 'carol' })]);
  const success = T0 + 60_000;
  events.push([success, accepted(success, { ip: '203.0.113.9', user: 'carol', method: 'password' })]);
  const alerts = run(events).filter((a) => a.rule.id === 'vigil.auth.success_after_failures');
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0]!.severity, 'critical');
  assert.deepEqual(alerts[0]!.threat.technique.id, ['T1078']);
  assert.equal(alerts[0]!.event.count, 9);
  assert.match(alerts[0]!.message, /after 8 failed attempts/);

  const typo: [number, EcsEvent][] = [[T0, failed(T0, { ip: '10.1.1.1', user: 'dave' })], [T0 + 5000, accepted(T0 + 5000, { ip: '10.1.1.1', user: 'dave' })]];
  assert.deepEqual(run(typo), []);
});

test('a login from a new source at an hour nobody works alerts; a new source in office hours does not', () => {
  const history = workdays(3);
  const night = T0 - 10 * 3_600_000 + 3 * 86_400_000 + 3 * 3_600_000; // 03:00 on day 4
  const noon = night + 9 * 3_600_000;
  const events: [number, EcsEvent][] = [
    ...history,
    [noon, accepted(noon, { ip: '198.51.100.77', user: 'user3' })],
    [night + 86_400_000, accepted(night + 86_400_000, { ip: '198.51.100.66', user: 'user2' })],
  ];
  const alerts = run(events);
  assert.deepEqual(rules(alerts), ['vigil.auth.new_source_unusual_hour']);
  assert.deepEqual(alerts[0]!.related.user, ['user2']);
  assert.equal(alerts[0]!.explanation.hour_utc, 3);
  // The same night login from the user's known address is not an alert.
  const known = night + 86_400_000;
  assert.deepEqual(run([...history, [known, accepted(known, { ip: '10.0.0.3', user: 'user2' })]]), []);
});

test('a backdoor account names the account, the actor and the actor\'s login source', () => {
  const t = T0;
  const events: [number, EcsEvent][] = [
    [t, accepted(t, { ip: '10.9.9.9', user: 'alice', host: 'db-01' })],
    [t + 1000, other(t + 1000, 'sudo_command', 'db-01', { user: { name: 'alice' }, system: { auth: { sudo: { command: '/usr/sbin/useradd -m sysadm', user: 'root' } } } })],
    [t + 2000, other(t + 2000, 'user_created', 'db-01', { user: { target: { name: 'sysadm' } } })],
    [t + 9000, other(t + 9000, 'group_member_added', 'db-01', { user: { target: { name: 'sysadm' } }, group: { name: 'sudo' } })],
    [t + 9100, other(t + 9100, 'group_member_added', 'db-01', { user: { target: { name: 'sysadm' } }, group: { name: 'sudo' } })],
    [t + 9200, other(t + 9200, 'group_member_added', 'db-01', { user: { target: { name: 'bob' } }, group: { name: 'video' } })],
  ];
  const alerts = run(events);
  assert.deepEqual(rules(alerts), ['vigil.account.added_to_privileged_group', 'vigil.account.local_account_created']);
  for (const a of alerts) {
    assert.deepEqual(a.related.user, ['alice', 'sysadm']);
    assert.deepEqual(a.related.ip, ['10.9.9.9']);
    assert.match(a.message, /by "alice" via sudo/);
  }
  assert.equal(alerts.find((a) => a.rule.id === 'vigil.account.added_to_privileged_group')!.event.count, 2);
});

test('sudo refusals alert with the session source; a single wrong password does not', () => {
  const t = T0;
  const events: [number, EcsEvent][] = [
    [t, accepted(t, { ip: '203.0.113.50', user: 'carol' })],
    [t + 1000, other(t + 1000, 'sudo_auth_failure', 'bastion', { user: { name: 'dave' }, system: { auth: { sudo: { error: '1 incorrect password attempt' } } } })],
    [t + 2000, other(t + 2000, 'sudo_refused', 'bastion', { user: { name: 'carol' }, system: { auth: { sudo: { error: 'user NOT in sudoers', command: '/bin/bash' } } } })],
  ];
  const alerts = run(events);
  assert.deepEqual(rules(alerts), ['vigil.privilege.sudo_refused']);
  assert.deepEqual(alerts[0]!.related.ip, ['203.0.113.50']);
  assert.deepEqual(alerts[0]!.threat.technique.id, ['T1548.003']);
});

test('alert ids are deterministic and differ between episodes', () => {
  const events: [number, EcsEvent][] = [];
  for (const offset of [0, 3_600_000]) {
    for (let i = 0; i < 20; i++) events.push([T0 + offset + i * 1000, failed(T0 + offset + i * 1000, { ip: '203.0.113.5', user: 'root' })]);
  }
  const first = run(events).map((a) => a.id);
  const second = run(events).map((a) => a.id);
  assert.equal(first.length, 2);
  assert.notEqual(first[0], first[1]);
  assert.deepEqual(first, second);
});

test('a flagged night login does not teach the baseline: a second one soon after alerts too', () => {
  const history = workdays(3);
  const night = T0 - 10 * 3_600_000 + 3 * 86_400_000 + 3 * 3_600_000;
  const events: [number, EcsEvent][] = [
    ...history,
    [night, accepted(night, { ip: '198.51.100.1', user: 'user2', method: 'password' })],
    [night + 20 * MIN, accepted(night + 20 * MIN, { ip: '198.51.100.2', user: 'user2' })],
  ];
  const alerts = run(events).filter((a) => a.rule.id === 'vigil.auth.new_source_unusual_hour');
  assert.deepEqual(alerts.map((a) => a.related.ip[0]), ['198.51.100.1', '198.51.100.2']);
});
