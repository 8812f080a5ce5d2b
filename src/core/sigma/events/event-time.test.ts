import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEventTime } from './event-time.js';

test('reads the timestamp forms of the data: python-evtx without zone (UTC), evtx_dump with Z, ECS with an offset', () => {
  assert.equal(parseEventTime('2019-04-27 15:57:25.868864'), Date.UTC(2019, 3, 27, 15, 57, 25, 868));
  assert.equal(parseEventTime('2019-04-27 15:57:25'), Date.UTC(2019, 3, 27, 15, 57, 25));
  assert.equal(parseEventTime('2025-12-06T21:11:02.649150Z'), Date.UTC(2025, 11, 6, 21, 11, 2, 649));
  assert.equal(parseEventTime('2024-01-02T03:04:05.000+01:00'), Date.UTC(2024, 0, 2, 2, 4, 5));
  assert.equal(parseEventTime('2024-01-02T03:04:05-0230'), Date.UTC(2024, 0, 2, 5, 34, 5));
  assert.equal(parseEventTime('2024-01-02T03:04:05.1z'), Date.UTC(2024, 0, 2, 3, 4, 5, 100));
});

test('anything else is NaN, never a guess', () => {
  for (const bad of ['', 'yesterday', '2019-02-29 00:00:00', '2019-13-01 00:00:00', '2019-01-01T24:00:00Z', '2019-01-01T00:00:00.Z', '2019-01-01T00:00:00+25:00', '2019-01-01T00:00:00 UTC', 1556380645868, null, {}]) {
    assert.ok(Number.isNaN(parseEventTime(bad)), JSON.stringify(bad));
  }
  assert.equal(parseEventTime('2020-02-29 00:00:00'), Date.UTC(2020, 1, 29));
});
