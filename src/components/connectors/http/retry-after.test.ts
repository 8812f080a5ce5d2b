import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from './retry-after.js';

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 10, 28, 3, 0, 0);
  it('reads delay-seconds', () => {
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
  });
  it('reads an HTTP date relative to now, never negative', () => {
    assert.equal(parseRetryAfter('Sat, 28 Nov 2026 03:00:45 GMT', now), 45_000);
    assert.equal(parseRetryAfter('Sat, 28 Nov 2026 02:00:00 GMT', now), 0);
  });
  it('caps long waits and ignores junk', () => {
    assert.equal(parseRetryAfter('999999999', now), MAX_RETRY_AFTER_MS);
    assert.equal(parseRetryAfter('-5', now), undefined);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter('1.5', now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });
});
