import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IsoFormatter } from './iso-formatter.js';

test('IsoFormatter agrees with Date#toISOString across seconds, repeats and pre-1970 times', () => {
  const formatter = new IsoFormatter();
  const times = [Date.UTC(2026, 10, 2, 8, 38, 24), Date.UTC(2026, 10, 2, 8, 38, 24, 123), Date.UTC(2026, 10, 2, 8, 38, 24, 123), Date.UTC(2026, 10, 2, 8, 38, 25, 999), 0, -1, Date.UTC(1969, 11, 31, 23, 59, 59, 1)];
  for (const ms of times) assert.equal(formatter.format(ms), new Date(ms).toISOString());
});

test('IsoFormatter agrees with Date#toISOString over a sweep of days, seconds and milliseconds', () => {
  const formatter = new IsoFormatter();
  const start = Date.UTC(2024, 1, 27, 22, 0, 0); // across a leap day and several midnights
  for (let ms = start; ms < start + 5 * 86_400_000; ms += 997_331) assert.equal(formatter.format(ms), new Date(ms).toISOString());
  assert.equal(formatter.format(Date.UTC(9999, 11, 31, 23, 59, 59, 999)), '9999-12-31T23:59:59.999Z');
  assert.equal(formatter.format(Date.UTC(1000, 0, 1)), '1000-01-01T00:00:00.000Z');
});
