import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compressOvba, decompressOvba } from './ms-ovba.js';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

test('decompresses the MS-OVBA 3.2.1 "no compression" example', () => {
  const compressed = Uint8Array.from([
    0x01, 0x19, 0xb0, 0x00, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x00, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
    0x70, 0x00, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x2e,
  ]);
  const result = decompressOvba(compressed, 1000);
  assert.equal(result.problem, undefined);
  assert.equal(new TextDecoder().decode(result.bytes), 'abcdefghijklmnopqrstuv.');
  assert.deepEqual(compressOvba(text('abcdefghijklmnopqrstuv.')), compressed);
});

test('decompresses copy tokens: the MS-OVBA 3.2.2 "normal compression" example', () => {
  // "#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa" and its compressed form from the spec.
  const compressed = Uint8Array.from([
    0x01, 0x2f, 0xb0, 0x00, 0x23, 0x61, 0x61, 0x61, 0x62, 0x63, 0x64, 0x65, 0x82, 0x66, 0x00, 0x70, 0x61, 0x67, 0x68, 0x69,
    0x6a, 0x01, 0x38, 0x08, 0x61, 0x6b, 0x6c, 0x00, 0x30, 0x6d, 0x6e, 0x6f, 0x70, 0x06, 0x71, 0x02, 0x70, 0x04, 0x10, 0x72,
    0x73, 0x74, 0x75, 0x76, 0x10, 0x77, 0x78, 0x79, 0x7a, 0x00, 0x3c,
  ]);
  const result = decompressOvba(compressed, 1000);
  assert.equal(result.problem, undefined);
  assert.equal(new TextDecoder().decode(result.bytes), '#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa');
  // 3.2.3 "maximum compression": one literal and one overlapping copy token.
  const maximum = decompressOvba(Uint8Array.from([0x01, 0x03, 0xb0, 0x02, 0x61, 0x45, 0x00]), 1000);
  assert.equal(new TextDecoder().decode(maximum.bytes), 'a'.repeat(73));
});

test('round-trips text longer than one chunk, with repetition and without', () => {
  const repetitive = text(Array.from({ length: 600 }, (_, i) => `Line ${i % 7}: Set x = CreateObject("WScript.Shell")`).join('\r\n'));
  const noisy = Uint8Array.from({ length: 9000 }, (_, i) => (i * 7919 + (i >> 3) * 31) & 0xff);
  for (const input of [repetitive, noisy]) {
    const compressed = compressOvba(input);
    const result = decompressOvba(compressed, 1 << 20);
    assert.equal(result.problem, undefined);
    // A raw final chunk is padded to 4096 bytes, so compare the prefix.
    assert.deepEqual(result.bytes.subarray(0, input.length), input);
  }
  assert.ok(compressOvba(repetitive).length < repetitive.length / 5);
});

test('hostile containers stop at the output limit or report the problem', () => {
  const big = compressOvba(text('A'.repeat(50_000)));
  const limited = decompressOvba(big, 10_000);
  assert.equal(limited.problem, 'limit');
  assert.ok(limited.bytes.length <= 10_000);
  assert.equal(decompressOvba(Uint8Array.from([0x02, 0x00]), 100).problem, 'signature');
  assert.equal(decompressOvba(Uint8Array.from([0x01, 0x19]), 100).problem, 'truncated');
  assert.equal(decompressOvba(Uint8Array.from([0x01, 0x19, 0x00, 0x00]), 100).problem, 'bad_chunk');
  // A copy token at the very start of a chunk points before the chunk.
  assert.equal(decompressOvba(Uint8Array.from([0x01, 0x03, 0xb0, 0x01, 0x00, 0x00]), 100).problem, 'bad_copy');
});
