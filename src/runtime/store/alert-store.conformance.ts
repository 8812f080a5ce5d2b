import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildAlert } from '../../core/detect/alert-factory.js';
import { BRUTE_FORCE_RULE, PASSWORD_SPRAY_RULE } from '../../core/detect/auth-thresholds.js';
import { Episode } from '../../core/detect/episode.js';
import type { Alert } from '../../schema/alert.js';
import type { AlertStore } from './alert-store.js';

/** A small valid alert for store tests. */
export function sampleAlert(key: string, start: number, spray = false): Alert {
  const episode = new Episode(start, start + 1000);
  episode.add(start, {
    '@timestamp': new Date(start).toISOString(),
    event: { kind: 'event', action: 'ssh_login', outcome: 'failure', original: 'line', sequence: 7 },
    source: { ip: '203.0.113.5' },
    user: { name: key },
    host: { name: 'bastion' },
    log: { file: { path: '/var/log/auth.log' }, offset: 100 },
  });
  return buildAlert({ rule: spray ? PASSWORD_SPRAY_RULE : BRUTE_FORCE_RULE, key, episode, message: `test ${key}`, explanation: { key } });
}

/** The behaviour every AlertStore must show; run it against each implementation with a fresh store. */
export function alertStoreConformance(name: string, open: () => Promise<AlertStore>): void {
  test(`${name}: stores and reads back alerts unchanged`, async () => {
    const store = await open();
    const a = sampleAlert('alice', Date.UTC(2026, 10, 2, 8));
    assert.deepEqual(await store.putAlerts([a]), { inserted: 1, updated: 0 });
    assert.deepEqual(await store.getAlert(a.id), a);
    assert.equal(await store.getAlert('0'.repeat(32)), undefined);
    await store.close();
  });

  test(`${name}: storing the same alerts again never duplicates them`, async () => {
    const store = await open();
    const alerts = [sampleAlert('alice', 1_700_000_000_000), sampleAlert('bob', 1_700_000_000_000)];
    await store.putAlerts(alerts);
    assert.deepEqual(await store.putAlerts(alerts), { inserted: 0, updated: 2 });
    assert.equal(await store.countAlerts(), 2);
    await store.close();
  });

  test(`${name}: filters by severity, rule and time, ordered by time`, async () => {
    const store = await open();
    const early = sampleAlert('alice', Date.UTC(2026, 10, 2, 8));
    const late = sampleAlert('bob', Date.UTC(2026, 10, 3, 8), true);
    await store.putAlerts([late, early]);
    assert.deepEqual((await store.listAlerts()).map((a) => a.id), [early.id, late.id]);
    assert.deepEqual((await store.listAlerts({ minSeverity: 'high' })).map((a) => a.id), [late.id]);
    assert.deepEqual((await store.listAlerts({ ruleId: early.rule.id })).map((a) => a.id), [early.id]);
    assert.deepEqual((await store.listAlerts({ since: '2026-11-03T00:00:00.000Z' })).map((a) => a.id), [late.id]);
    assert.equal((await store.listAlerts({ limit: 1 })).length, 1);
    await store.close();
  });

  test(`${name}: records analysis runs`, async () => {
    const store = await open();
    const run = { id: 'run-1', startedAt: '2026-11-02T08:00:00.000Z', finishedAt: '2026-11-02T08:00:01.000Z', inputs: ['a.log'], stats: { lines: 3 } };
    await store.recordRun(run);
    assert.deepEqual(await store.listRuns(), [run]);
    await store.close();
  });
}
