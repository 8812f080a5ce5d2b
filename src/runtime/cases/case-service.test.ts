import assert from 'node:assert/strict';
import { test } from 'node:test';
import { casesConfigSchema } from '../../core/cases/index.js';
import { testAlert } from '../../core/cases/test-alerts.js';
import { createCaseService } from './case-service.js';
import { openCaseStores } from './open-case-stores.js';
import { openSqliteCaseStore } from './sqlite-case-store.js';

const config = casesConfigSchema.parse({});
const T0 = '2026-11-28T10:00:00.000Z';
const at = (min: number): string => new Date(Date.parse(T0) + min * 60_000).toISOString();
const brute = testAlert({ rule: 'r.brute', ips: ['203.0.113.5'], users: ['root'], start: '2026-11-02T05:00:00Z', end: '2026-11-02T05:20:00Z' });
const success = testAlert({ rule: 'r.success', ips: ['203.0.113.5'], users: ['root'], start: '2026-11-02T05:21:00Z', severity: 'critical' });
const other = testAlert({ rule: 'r.spray', ips: ['198.51.100.9'], users: ['alice'], start: '2026-11-02T05:00:00Z', severity: 'high' });

test('ingesting returns domain events and groups across batches; the same batch again only counts occurrences', async () => {
  const store = openSqliteCaseStore(':memory:');
  const service = createCaseService(store);
  const first = await service.ingestAlerts([brute, other], { now: T0, config });
  assert.deepEqual(first.events.map((e) => e.type), ['case.created', 'case.created']);
  assert.equal(first.casesCreated, 2);
  const second = await service.ingestAlerts([success], { now: at(5), config });
  assert.deepEqual(second.events.map((e) => (e.type === 'case.updated' ? e.change : e.type)), ['alert_added']);
  const updated = second.events[0]!;
  assert.equal(updated.case.severity, 'critical');
  assert.equal(updated.case.alerts.length, 2);
  const again = await service.ingestAlerts([brute, success], { now: at(6), config });
  assert.equal(again.alertsRepeated, 2);
  assert.equal(again.casesCreated, 0);
  const cases = await store.listCases();
  assert.equal(cases.length, 2);
  assert.deepEqual(cases.find((c) => c.severity === 'critical')!.alerts.map((a) => a.occurrences), [2, 2]);
  await store.close();
});

test('ingesting records missed service levels of the cases it touches, once, as sla.breached events', async () => {
  const store = openSqliteCaseStore(':memory:');
  const service = createCaseService(store);
  await service.ingestAlerts([brute], { now: T0, config });
  const late = await service.ingestAlerts([success], { now: at(20), config });
  assert.deepEqual(late.events.map((e) => e.type), ['case.updated', 'sla.breached']);
  const breach = late.events[1]!;
  assert.ok(breach.type === 'sla.breached' && breach.breach.target === 'acknowledge' && breach.breach.limit_minutes === 15);
  assert.deepEqual(await service.evaluateServiceLevels({ now: at(30), config }), [], 'already recorded');
  const later = await service.evaluateServiceLevels({ now: at(5 * 60), config });
  assert.deepEqual(later.map((e) => (e.type === 'sla.breached' ? e.breach.target : e.type)), ['resolve']);
  await store.close();
});

test('updates: refusals are values, changes are case.updated events, and MTTR follows the times given', async () => {
  const store = openSqliteCaseStore(':memory:');
  const service = createCaseService(store);
  const { events } = await service.ingestAlerts([brute], { now: T0, config });
  const id = events[0]!.caseId;
  const missing = await service.updateCase('case-000000000000', { comment: 'x' }, { now: at(1), config });
  assert.equal(missing.ok ? 'ok' : missing.error.reason, 'not_found');
  const refused = await service.updateCase(id, { status: 'resolved' }, { now: at(1), config });
  assert.equal(refused.ok ? 'ok' : refused.error.reason, 'resolution_required');
  const ack = await service.updateCase(id, { acknowledge: true }, { now: at(10), config, actor: 'ana' });
  assert.ok(ack.ok);
  assert.deepEqual(ack.value.events.map((e) => (e.type === 'case.updated' ? e.change : e.type)), ['acknowledged']);
  const done = await service.updateCase(id, { status: 'resolved', resolution: 'true_positive' }, { now: at(90), config, actor: 'ana' });
  assert.ok(done.ok);
  assert.deepEqual(done.value.events.map((e) => (e.type === 'case.updated' ? e.change : e.type)), ['status_changed'], 'resolved within the medium targets');
  const m = await service.metrics({});
  assert.deepEqual(m.overall.mtta, { count: 1, mean_seconds: 600, median_seconds: 600 });
  assert.deepEqual(m.overall.mttr, { count: 1, mean_seconds: 5400, median_seconds: 5400 });
  assert.deepEqual(m.overall.mttd, { count: 1, mean_seconds: 0, median_seconds: 0 });
  assert.equal((await service.metrics({ since: at(1) })).overall.cases, 0);
  await store.close();
});

test('building from the alert store groups only the alerts in no case yet', async () => {
  const stores = openCaseStores(':memory:');
  await stores.alerts.putAlerts([brute, other]);
  const first = await stores.service.ingestStoredAlerts(stores.alerts, { now: T0, config });
  assert.equal(first.alertsConsidered, 2);
  assert.equal(first.casesCreated, 2);
  await stores.alerts.putAlerts([success]);
  const second = await stores.service.ingestStoredAlerts(stores.alerts, { now: at(1), config });
  assert.equal(second.alertsConsidered, 1);
  assert.equal(second.alertsAdded, 1);
  assert.equal(second.alertsRepeated, 0);
  assert.equal((await stores.cases.listCases()).length, 2);
  await stores.close();
});

test('a writer that lost the race re-plans on the fresh state instead of failing or overwriting', async () => {
  const stores = openCaseStores(':memory:');
  const { events } = await stores.service.ingestAlerts([brute], { now: T0, config });
  const id = events[0]!.caseId;
  // Interleave: a commit lands between this service's read and its write.
  const racing = createCaseService({
    ...stores.cases,
    commit: async (commits) => {
      if (!raced) {
        raced = true;
        await stores.service.updateCase(id, { comment: 'first' }, { now: at(1), config, actor: 'bob' });
      }
      return stores.cases.commit(commits);
    },
  });
  let raced = false;
  const r = await racing.updateCase(id, { comment: 'second' }, { now: at(2), config, actor: 'ana' });
  assert.ok(r.ok);
  const history = await stores.cases.getHistory(id);
  assert.deepEqual(history!.events.flatMap((e) => (e.type === 'comment' ? [e.text] : [])), ['first', 'second']);
  await stores.close();
});
