import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBase64Lines, joinChunks, originalMethod, speedupsInstalled } from './postal-mime-speedups.js';
import { parseEml } from './parse-eml.js';

/** What postal-mime's own join gives: the chunks through a Blob. */
async function blobJoin(chunks: readonly (ArrayBuffer | Uint8Array | string)[]): Promise<Uint8Array> {
  return new Uint8Array(await new Blob(chunks.map((c) => (typeof c === 'string' ? c : new Uint8Array(c)))).arrayBuffer());
}

test('the installed postal-mime has every speed-up applied (a new version that changed a decoder would show here)', () => {
  assert.deepEqual([...speedupsInstalled()].sort(), [
    'base64-decoder.js#finalize',
    'base64-decoder.js#update',
    'pass-through-decoder.js#finalize',
    'qp-decoder.js#finalize',
  ]);
});

type Decoder = { update: (line: Uint8Array) => void; finalize: () => Promise<ArrayBuffer> };

/** postal-mime's Base64Decoder class (its prototype now carries the replaced methods). */
async function base64DecoderClass(): Promise<new () => Decoder> {
  const loaded = (await import(new URL('./base64-decoder.js', import.meta.resolve('postal-mime')).href)) as { default: new () => Decoder };
  return loaded.default;
}

/** A deterministic pseudo-random generator (xorshift32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

test('base64 lines decode to the same bytes as the decoder postal-mime ships, junk, padding and all', async () => {
  const Base64Decoder = await base64DecoderClass();
  const originalUpdate = originalMethod('base64-decoder.js', 'update');
  const originalFinalize = originalMethod('base64-decoder.js', 'finalize');
  assert.ok(originalUpdate !== undefined && originalFinalize !== undefined);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const next = random(0x5eed);
  const sameAsOriginal = async (lines: Uint8Array[]): Promise<void> => {
    const reference = new Base64Decoder();
    for (const line of lines) originalUpdate.call(reference as never, line as never);
    const expected = new Uint8Array((await originalFinalize.call(reference as never)) as ArrayBuffer);
    const fast = new Base64Decoder();
    for (const line of lines) fast.update(line);
    assert.deepEqual(new Uint8Array(await fast.finalize()), expected);
    // Tiny batches: units and 4-character groups cut across batches.
    for (const batch of [1, 5, 64]) assert.deepEqual(new Uint8Array(decodeBase64Lines(lines, batch)), expected);
  };
  await sameAsOriginal([]);
  await sameAsOriginal([Buffer.from(Buffer.from('Hello, world').toString('base64'))]);
  // Every line padded (some mailers do it), a lone trailing character, junk and non-ASCII bytes.
  await sameAsOriginal(['SGk=', 'dGhlcmU=', 'QUJDR', '', '=QQ', 'QU*JD\u00e9', 'A==B'].map((l) => Buffer.from(l, 'latin1')));
  for (let round = 0; round < 300; round++) {
    const lines: Uint8Array[] = [];
    const count = Math.floor(next() * 12);
    for (let l = 0; l < count; l++) {
      const line: number[] = [];
      const length = Math.floor(next() * 90);
      for (let i = 0; i < length; i++) {
        const pick = next();
        if (pick < 0.8) line.push(alphabet.charCodeAt(Math.floor(next() * 64)));
        else if (pick < 0.88) line.push(0x3d);
        else line.push(Math.floor(next() * 256));
      }
      lines.push(Uint8Array.from(line));
    }
    await sameAsOriginal(lines);
  }
  // A part larger than postal-mime's 100 kB chunk size.
  const large = Buffer.from(new Uint8Array(250_000).map((_, i) => (i * 31) & 0xff)).toString('base64');
  await sameAsOriginal(large.match(/.{1,76}/g)!.map((l) => Buffer.from(l)));
});

test('joinChunks gives the same bytes as a Blob: buffers, views, newlines, UTF-8 and lone surrogates', async () => {
  const backing = new Uint8Array([9, 9, 1, 2, 3, 9]);
  const cases: (ArrayBuffer | Uint8Array | string)[][] = [
    [],
    [new Uint8Array([0x68, 0x69]), '\n', new Uint8Array([0xff, 0x00]), '\n'],
    [new Uint8Array([1, 2]).buffer, backing.subarray(2, 5), 'Café ✓ 😀', '\uD800 lone', '', '\n'],
  ];
  for (const chunks of cases) {
    const joined = joinChunks(chunks);
    assert.ok(joined instanceof ArrayBuffer);
    assert.deepEqual(new Uint8Array(joined), await blobJoin(chunks));
  }
});

test('base64, quoted-printable and 8bit parts decode to the exact bytes written', async () => {
  const binary = new Uint8Array(300).map((_, i) => (i * 37) & 0xff);
  const base64 = Buffer.from(binary).toString('base64').replace(/(.{76})/g, '$1\r\n');
  const raw = [
    'From: a@example.com',
    'Subject: parts',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Caf=C3=A9 soft=',
    'break',
    '--b',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    '<p>Grüße</p>',
    '--b',
    'Content-Type: application/octet-stream; name="data.bin"',
    'Content-Disposition: attachment; filename="data.bin"',
    'Content-Transfer-Encoding: base64',
    '',
    base64,
    '--b--',
    '',
  ].join('\r\n');
  const mail = await parseEml(Buffer.from(raw, 'utf8'));
  // In multipart/mixed, postal-mime appends the HTML part's text to the text body.
  assert.match(mail.text, /^Café softbreak\n[\s\S]*Grüße/u);
  assert.match(mail.html, /<p>Grüße<\/p>/u);
  assert.equal(mail.attachments.length, 1);
  assert.deepEqual(new Uint8Array(mail.attachments[0]!.content), binary);
});
