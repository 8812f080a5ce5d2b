import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as QRCode from 'qrcode';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { analyzeAttachments } from './index.js';
import { decodeQr, imageDimensions } from './image-qr.js';
import { codesOf, mailWith } from './test-fixtures.js';

/** Renders a QR code into RGBA pixels (4 pixels per module, with a quiet zone). */
function qrPixels(text: string): { data: Uint8Array; width: number; height: number } {
  const code = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const scale = 4;
  const margin = 4;
  const width = (code.modules.size + 2 * margin) * scale;
  const data = new Uint8Array(width * width * 4).fill(255);
  for (let y = 0; y < width; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const row = Math.floor(y / scale) - margin;
      const col = Math.floor(x / scale) - margin;
      const dark = row >= 0 && col >= 0 && row < code.modules.size && col < code.modules.size && code.modules.get(row, col) === 1;
      if (dark) data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
    }
  }
  return { data, width, height: width };
}

test('a QR code in a PNG (generated with qrcode) is decoded and its URL returned', async () => {
  const url = 'https://login.example-bad.test/m365/verify?u=alice';
  const png = new Uint8Array(await QRCode.toBuffer(url, { type: 'png', margin: 4, scale: 4 }));
  const findings = analyzeAttachments(mailWith([{ filename: 'scan-me.png', content: png, contentType: 'image/png' }]));
  assert.deepEqual(findings.urls, [url]);
  const reason = findings.reasons.find((r) => r.code === 'attachment.qr_code_url');
  assert.ok(reason !== undefined, codesOf(findings).join());
  assert.match(reason.summary, /login\.example-bad\.test/u);
  assert.ok(findings.observables.some((o) => o.type === 'url' && o.value === url));
});

test('a QR code in a JPEG is decoded too', () => {
  const url = 'https://pay.example-bad.test/invoice/77';
  const pixels = qrPixels(url);
  const encoded = jpeg.encode(pixels, 95);
  const outcome = decodeQr(new Uint8Array(encoded.data), 4_000_000);
  assert.deepEqual(outcome.kind === 'decoded' ? outcome.text : outcome.kind, url);
  assert.deepEqual(imageDimensions(new Uint8Array(encoded.data)), { width: pixels.width, height: pixels.height });
});

test('an image without a QR code gives no reason and no URL', () => {
  const png = new PNG({ width: 64, height: 64 });
  png.data.fill(200);
  const findings = analyzeAttachments(mailWith([{ filename: 'logo.png', content: new Uint8Array(PNG.sync.write(png)) }]));
  assert.deepEqual(findings.urls, []);
  assert.deepEqual(codesOf(findings), []);
});

test('a PNG that declares gigapixel dimensions is not decoded', () => {
  const png = new PNG({ width: 8, height: 8 });
  const bytes = new Uint8Array(PNG.sync.write(png));
  // Rewrite IHDR to claim 100000 × 100000 pixels (40 GB of RGBA).
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  view.setUint32(16, 100_000, false);
  view.setUint32(20, 100_000, false);
  const started = process.hrtime.bigint();
  const findings = analyzeAttachments(mailWith([{ filename: 'huge.png', content: bytes }]));
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  assert.ok(codesOf(findings).includes('attachment.image_not_scanned'), codesOf(findings).join());
  assert.ok(elapsedMs < 200, `took ${elapsedMs} ms`);
});

test('a corrupt image becomes a reason', () => {
  const bytes = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 16, 0, 0, 0, 16, 8, 6, 0, 0, 0, 1, 2, 3, 4]);
  const findings = analyzeAttachments(mailWith([{ filename: 'broken.png', content: bytes }]));
  assert.ok(codesOf(findings).includes('attachment.malformed_image'), codesOf(findings).join());
});
