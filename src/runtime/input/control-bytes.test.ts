import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { firstControlByte } from './control-bytes.js';

/** The obvious byte-by-byte definition the fast version must agree with. */
function reference(buf: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const b = buf[i]!;
    if (b === 0x7f) return i;
    if (b >= 0x20 || b === 0x09 || b === 0x0a) continue;
    if (b === 0x0d && buf[i + 1] === 0x0a) continue;
    return i;
  }
  return -1;
}

describe('firstControlByte', () => {
  it('agrees with the byte-by-byte definition on random text with rare control bytes', () => {
    const alphabet = Buffer.from('abc xyz\t\n\r\n0123é€');
    const rare = [0x00, 0x01, 0x08, 0x0b, 0x0c, 0x0d, 0x1b, 0x1f, 0x7f, 0x80, 0xff, 0x20, 0x7e];
    const noise = randomBytes(200_000);
    for (let trial = 0; trial < 400; trial++) {
      const length = 1 + (noise[trial]! % 200);
      const buf = Buffer.alloc(length + 8);
      for (let i = 0; i < buf.length; i++) {
        const r = noise[(trial * 251 + i * 7) % noise.length]!;
        buf[i] = r < 4 ? rare[r % rare.length]! : alphabet[r % alphabet.length]!;
      }
      for (const from of [0, 1, 2, 3]) {
        const to = buf.length - (trial % 4);
        assert.equal(firstControlByte(buf, from, to), reference(buf, from, to), `trial ${trial} from ${from}`);
      }
    }
  });

  it('finds every lone control byte value in every lane and ignores every other value', () => {
    for (let value = 0; value < 256; value++) {
      for (let at = 0; at < 40; at++) {
        const buf = Buffer.alloc(48, 0x61);
        buf[at] = value;
        assert.equal(firstControlByte(buf, 0, 48), reference(buf, 0, 48), `byte ${value} at ${at}`);
        assert.equal(firstControlByte(buf.subarray(1), 0, 47), reference(buf.subarray(1), 0, 47), `byte ${value} at ${at}, unaligned`);
      }
    }
  });

  it('treats CR before LF as a line ending, not a control byte', () => {
    const buf = Buffer.from('a line that ends the windows way\r\nand another one of them\r\n');
    assert.equal(firstControlByte(buf, 0, buf.length), -1);
    // The LF may lie just past `to` (the caller stops at the last LF): it still makes the CR an ending.
    assert.equal(firstControlByte(buf, 0, buf.length - 1), -1);
    const bare = Buffer.from('a line that ends in a lone carriage return, no LF\r');
    assert.equal(firstControlByte(bare, 0, bare.length), bare.length - 1);
  });
});
