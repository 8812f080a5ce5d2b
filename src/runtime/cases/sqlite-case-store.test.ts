import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { isVigilError } from '../../lib/errors.js';
import { testAlert } from '../../core/cases/test-alerts.js';
import { openSqliteDatabase } from '../store/sqlite-database.js';
import { alertStoreOn } from '../store/sqlite-store.js';
import { caseStoreConformance, commitsFor } from './case-store.conformance.js';
import { openCaseStores } from './open-case-stores.js';
import { caseStoreOn, openSqliteCaseStore } from './sqlite-case-store.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-cases-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});
let n = 0;
caseStoreConformance('sqlite', () => Promise.resolve(openSqliteCaseStore(join(dir, `t${++n}`, 'vigil.db'))));

test('sqlite: cases survive reopening, and share one file with the alert store', async () => {
  const path = join(dir, 'shared.db');
  const alert = testAlert({ ips: ['203.0.113.5'], start: '2026-11-02T05:00:00Z' });
  const first = openCaseStores(path);
  await first.alerts.putAlerts([alert]);
  const commits = commitsFor([alert]);
  await first.cases.commit(commits);
  await first.close();
  const db = openSqliteDatabase(path);
  const alerts = alertStoreOn(db, { closeDatabase: false });
  const cases = caseStoreOn(db, { closeDatabase: false });
  assert.deepEqual(await alerts.getAlert(alert.id), alert);
  assert.deepEqual(await cases.getCase(commits[0]!.caseId), commits[0]!.state);
  const tables = db.prepare("SELECT component FROM schema_migrations ORDER BY component").all();
  assert.deepEqual(tables, [{ component: 'alerts' }, { component: 'cases' }]);
  db.close();
});

test('sqlite: a tampered event row is refused on read, not folded', async () => {
  const path = join(dir, 'tampered.db');
  const store = openSqliteCaseStore(path);
  const commits = commitsFor([testAlert({ ips: ['203.0.113.5'], start: '2026-11-02T05:00:00Z' })]);
  await store.commit(commits);
  await store.close();
  const db = openSqliteDatabase(path);
  db.prepare("UPDATE case_events SET doc = '{\"type\":\"status_changed\",\"to\":\"gone\"}' WHERE seq = 2").run();
  db.close();
  const again = openSqliteCaseStore(path);
  await assert.rejects(() => again.getCase(commits[0]!.caseId), (e: unknown) => isVigilError(e) && e.code === 'STORE_FAILED');
  await again.close();
});
