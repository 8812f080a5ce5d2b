import { test } from 'node:test';
import assert from 'node:assert/strict';
import { thousands } from './thousands.js';

test('integers get thousands separators exactly as en-US locale formatting writes them', () => {
  for (const x of [0, 7, 999, 1000, 12_345, 671_277, 1_000_000, 123_456_789_012, -4_200, Number.MAX_SAFE_INTEGER, 1e21, Infinity, Number.NaN]) {
    assert.equal(thousands(x), x.toLocaleString('en-US', { maximumFractionDigits: 0 }), String(x));
  }
  assert.equal(thousands(1234.6), '1,235');
});
