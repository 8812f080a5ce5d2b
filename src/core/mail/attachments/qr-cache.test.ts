import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as QRCode from 'qrcode';
import { analyzeAttachments } from './index.js';
import type { QrOutcome } from './image-qr.js';
import { QrOutcomeCache } from './qr-cache.js';
import { mailWith } from './test-fixtures.js';

test('the cache computes an outcome once per content and limits, and keeps at most its capacity', () => {
  const cache = new QrOutcomeCache(2);
  let computed = 0;
  const compute = (pixels: number) => (): QrOutcome => {
    computed++;
    return { kind: 'none', pixels };
  };
  assert.deepEqual(cache.outcome('aa', 10, 5, compute(1)), { kind: 'none', pixels: 1 });
  assert.deepEqual(cache.outcome('aa', 10, 5, compute(2)), { kind: 'none', pixels: 1 });
  assert.equal(computed, 1);
  // Other limits are another key: the subsampling, and so the outcome, may differ.
  assert.deepEqual(cache.outcome('aa', 10, 4, compute(3)), { kind: 'none', pixels: 3 });
  assert.equal(computed, 2);
  cache.outcome('bb', 10, 5, compute(4));
  assert.equal(cache.size, 2);
  // 'aa' under (10, 5) was the oldest and was dropped.
  assert.deepEqual(cache.outcome('aa', 10, 5, compute(5)), { kind: 'none', pixels: 5 });
});

test('a QR code image seen again (same bytes, other message) gives the same findings', async () => {
  const url = 'https://again.example-bad.test/scan';
  const png = new Uint8Array(await QRCode.toBuffer(url, { type: 'png', margin: 4, scale: 4 }));
  const first = analyzeAttachments(mailWith([{ filename: 'a.png', content: png, contentType: 'image/png' }]));
  const second = analyzeAttachments(mailWith([{ filename: 'a.png', content: png, contentType: 'image/png' }]));
  assert.deepEqual(first.urls, [url]);
  assert.deepEqual(second, first);
  // Twice in one message: both are reported, and the pixel budget is charged for each.
  const twice = analyzeAttachments(mailWith([
    { filename: 'a.png', content: png, contentType: 'image/png' },
    { filename: 'b.png', content: png, contentType: 'image/png' },
  ]));
  assert.equal(twice.reasons.filter((r) => r.code === 'attachment.qr_code_url').length, 2);
});
