import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sampleAlert } from '../store/alert-store.conformance.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import { indicatorStoreConformance, sampleIndicator } from './indicator-store.conformance.js';
import { openSqliteIndicatorStore } from './sqlite-indicator-store.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-intel-store-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});
let n = 0;
indicatorStoreConformance('sqlite', () => Promise.resolve(openSqliteIndicatorStore(join(dir, `t${++n}`, 'vigil.db'))));

test('sqlite: indicators share the alerts database file and survive reopening', async () => {
  const path = join(dir, 'shared.db');
  const alerts = openSqliteStore(path);
  await alerts.putAlerts([sampleAlert('alice', 1_700_000_000_000)]);
  await alerts.close();
  const first = openSqliteIndicatorStore(path);
  await first.putIndicators([sampleIndicator('192.0.2.1')]);
  await first.close();
  const second = openSqliteIndicatorStore(path);
  assert.equal((await second.listIndicators()).length, 1);
  await second.close();
  const again = openSqliteStore(path);
  assert.equal(await again.countAlerts(), 1);
  await again.close();
});
