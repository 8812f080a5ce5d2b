import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caseIdFor, casesConfigSchema, groupAlerts, type CaseEvent } from '../../core/cases/index.js';
import { testAlert } from '../../core/cases/test-alerts.js';
import type { Alert } from '../../schema/alert.js';
import type { CaseCommit, CaseHistoryRecord, CaseStore } from './case-store.js';

const NOW = '2026-11-28T10:00:00.000Z';
const config = casesConfigSchema.parse({});

/** The commits that group `alerts` on top of `cases` (what the service would write). */
export function commitsFor(alerts: readonly Alert[], cases: readonly CaseHistoryRecord[] = [], now = NOW): CaseCommit[] {
  return [...groupAlerts({ alerts, cases, now, actor: 'vigil', config, newCaseId: (a) => caseIdFor(a.id) }).changes];
}

const brute = testAlert({ rule: 'r.brute', ips: ['203.0.113.5'], users: ['root'], hosts: ['bastion'], start: '2026-11-02T05:00:00Z' });
const spray = testAlert({ rule: 'r.spray', ips: ['198.51.100.9'], users: ['alice', 'bob'], hosts: ['bastion'], start: '2026-11-02T07:00:00Z', severity: 'high' });

/** The behaviour every CaseStore must show; run it against each implementation with a fresh store. */
export function caseStoreConformance(name: string, open: () => Promise<CaseStore>): void {
  test(`${name}: commits cases and reads back the same events and folded state`, async () => {
    const store = await open();
    const commits = commitsFor([brute, spray]);
    assert.deepEqual(await store.commit(commits), { ok: true, value: undefined });
    for (const c of commits) {
      assert.deepEqual((await store.getHistory(c.caseId))?.events, c.events);
      assert.deepEqual(await store.getCase(c.caseId), c.state);
    }
    assert.equal(await store.getCase('case-000000000000'), undefined);
    assert.equal(await store.getHistory('case-000000000000'), undefined);
    await store.close();
  });

  test(`${name}: appends only at the expected version, all commits or none`, async () => {
    const store = await open();
    const [first] = commitsFor([brute]);
    await store.commit([first!]);
    const history = (await store.getHistory(first!.caseId))!;
    const comment: CaseEvent = { type: 'comment', at: NOW, actor: 'ana', text: 'mine' };
    const ok = { ...first!, expectedVersion: history.events.length, events: [comment], alerts: [] };
    const stale = { ...first!, expectedVersion: 1, events: [comment], alerts: [] };
    const fresh = commitsFor([spray])[0]!;
    const conflict = await store.commit([fresh, stale]);
    assert.deepEqual(conflict, { ok: false, error: { caseId: first!.caseId, expectedVersion: 1, actualVersion: 2 } });
    assert.equal(await store.getCase(fresh.caseId), undefined, 'the other commit of the batch was rolled back');
    assert.equal((await store.commit([ok])).ok, true);
    assert.equal((await store.getHistory(first!.caseId))!.events.length, 3);
    await store.close();
  });

  test(`${name}: lists by status and opening time, newest first`, async () => {
    const store = await open();
    await store.commit(commitsFor([brute], [], '2026-11-28T10:00:00.000Z'));
    await store.commit(commitsFor([spray], [], '2026-11-28T11:00:00.000Z'));
    const all = await store.listCases();
    assert.deepEqual(all.map((c) => c.alerts[0]!.rule.id), ['r.spray', 'r.brute']);
    const id = all[1]!.id;
    const resolve: CaseEvent = { type: 'status_changed', at: NOW, actor: 'ana', from: 'new', to: 'resolved', resolution: 'benign' };
    const state = all[1]!;
    await store.commit([{ caseId: id, expectedVersion: state.version, events: [resolve], state: { ...state, status: 'resolved' }, alerts: [] }]);
    assert.deepEqual((await store.listCases({ status: 'resolved' })).map((c) => c.id), [id]);
    assert.deepEqual((await store.listCases({ status: 'new' })).map((c) => c.alerts[0]!.rule.id), ['r.spray']);
    assert.equal((await store.listCases({ openedSince: '2026-11-28T10:30:00.000Z' })).length, 1);
    assert.equal((await store.listCases({ openedUntil: '2026-11-28T10:30:00.000Z' })).length, 1);
    assert.equal((await store.listCases({ limit: 1 })).length, 1);
    await store.close();
  });

  test(`${name}: finds open candidate cases by entity and cases by alert id`, async () => {
    const store = await open();
    const commits = commitsFor([brute, spray]);
    await store.commit(commits);
    const byIp = await store.findCandidates({ ips: ['203.0.113.5'], users: [], hosts: [], alertIds: [] });
    assert.deepEqual(byIp.map((h) => h.events.length), [2]);
    const byUser = await store.findCandidates({ ips: [], users: ['bob'], hosts: [], alertIds: [] });
    assert.equal(byUser[0]?.id, commits.find((c) => c.alerts.some((a) => a.id === spray.id))!.caseId);
    assert.equal((await store.findCandidates({ ips: [], users: [], hosts: ['bastion'], alertIds: [] })).length, 2);
    assert.deepEqual(await store.findCandidates({ ips: ['192.0.2.1'], users: [], hosts: [], alertIds: [] }), []);
    const during = { ips: ['203.0.113.5'], users: [], hosts: [], alertIds: [] };
    assert.equal((await store.findCandidates({ ...during, activeFrom: '2026-11-02T04:00:00.000Z', activeUntil: '2026-11-02T05:00:00.000Z' })).length, 1);
    assert.deepEqual(await store.findCandidates({ ...during, activeFrom: '2026-11-02T05:00:01.000Z' }), [], 'activity ended before the window');
    assert.deepEqual(await store.findCandidates({ ...during, activeUntil: '2026-11-02T04:59:59.000Z' }), [], 'activity starts after the window');
    const byAlert = await store.findCandidates({ ips: [], users: [], hosts: [], alertIds: [brute.id], activeFrom: '2030-01-01T00:00:00.000Z' });
    assert.equal(byAlert.length, 1);
    const placed = await store.casesOfAlerts([brute.id, spray.id, '0'.repeat(32)]);
    assert.equal(placed.size, 2);
    assert.equal(placed.get(brute.id), byIp[0]!.id);
    await store.close();
  });
}
