import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { isVigilError } from '../../lib/errors.js';
import { alertStoreConformance, sampleAlert } from './alert-store.conformance.js';
import { openSqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-store-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});
let n = 0;
alertStoreConformance('sqlite', () => Promise.resolve(openSqliteStore(join(dir, `t${++n}`, 'vigil.db'))));

test('sqlite: alerts survive closing and reopening the file', async () => {
  const path = join(dir, 'reopen.db');
  const a = sampleAlert('alice', 1_700_000_000_000);
  const first = openSqliteStore(path);
  await first.putAlerts([a]);
  await first.close();
  const second = openSqliteStore(path);
  assert.deepEqual(await second.getAlert(a.id), a);
  await second.close();
});

test('sqlite: a file that is not a database gives STORE_FAILED with the path', () => {
  const path = join(dir, 'not-a-db');
  writeFileSync(path, 'hello, this is not SQLite'.repeat(100));
  assert.throws(
    () => openSqliteStore(path),
    (e: unknown) => isVigilError(e) && e.code === 'STORE_FAILED' && e.message.includes(path),
  );
});
