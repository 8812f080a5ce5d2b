import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expectedLines, unpackBatch, type CollectedLine } from './fixtures.js';
import { LineSplitter } from './line-splitter.js';
import { emptyReadStats, LineFlag, type ReadStats } from './types.js';

function split(chunks: readonly Buffer[], maxLineBytes = 1024): { rows: CollectedLine[]; stats: ReadStats } {
  const stats = emptyReadStats();
  const splitter = new LineSplitter(maxLineBytes, stats);
  const rows: CollectedLine[] = [];
  for (const chunk of chunks) {
    const batch = splitter.push(chunk);
    if (batch !== undefined) rows.push(...unpackBatch(batch));
  }
  const last = splitter.finish();
  if (last !== undefined) rows.push(...unpackBatch(last));
  return { rows, stats };
}

function chunksOf(bytes: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}

describe('LineSplitter', () => {
  it('numbers lines from 1 and gives the byte offset of each line start', () => {
    const { rows, stats } = split([Buffer.from('alpha\nbeta\n\ngamma\n')]);
    assert.deepEqual(rows, [
      { text: 'alpha', lineNumber: 1, offset: 0, flags: 0 },
      { text: 'beta', lineNumber: 2, offset: 6, flags: 0 },
      { text: '', lineNumber: 3, offset: 11, flags: 0 },
      { text: 'gamma', lineNumber: 4, offset: 12, flags: 0 },
    ]);
    assert.equal(stats.lines, 4);
    assert.equal(stats.bytes, 18);
    assert.equal(stats.missingFinalNewline, false);
  });

  it('yields nothing for empty input', () => {
    const { rows, stats } = split([Buffer.alloc(0)]);
    assert.deepEqual(rows, []);
    assert.equal(stats.lines, 0);
    assert.equal(stats.missingFinalNewline, false);
  });

  it('strips the CR of CRLF but flags a bare CR inside a line', () => {
    const { rows } = split([Buffer.from('one\r\ntwo\rfake\r\nthree\r')]);
    assert.deepEqual(rows.map((r) => [r.text, r.flags]), [
      ['one', 0],
      ['two\rfake', LineFlag.CONTROL_BYTES],
      ['three', 0],
    ]);
  });

  it('delivers an unterminated last line and records it', () => {
    const { rows, stats } = split([Buffer.from('a\nlast')]);
    assert.deepEqual(rows.map((r) => r.text), ['a', 'last']);
    assert.equal(rows[1]?.offset, 2);
    assert.equal(stats.missingFinalNewline, true);
  });

  it('gives the same lines whatever the chunk boundaries (multi-byte UTF-8, CRLF, empty lines)', () => {
    const text = Buffer.from('héllo wörld\r\n\n日本語のログ\r\nsshd[42]: ok 🔐\nend\r\n');
    const whole = split([text]).rows;
    assert.deepEqual(whole.map((r) => ({ text: r.text, offset: r.offset })), expectedLines(text));
    for (let size = 1; size <= text.length; size++) {
      assert.deepEqual(split(chunksOf(text, size)).rows, whole, `chunk size ${size}`);
    }
    for (let cut = 0; cut <= text.length; cut++) {
      assert.deepEqual(split([text.subarray(0, cut), text.subarray(cut)]).rows, whole, `cut at ${cut}`);
    }
  });

  it('skips lines longer than the limit, keeps their numbers, and never buffers more than the limit', () => {
    const long = Buffer.alloc(10 * 1024 * 1024, 0x61);
    const bytes = Buffer.concat([Buffer.from('before\n'), long, Buffer.from('\nafter\n')]);
    const stats = emptyReadStats();
    const splitter = new LineSplitter(1024, stats);
    const rows: CollectedLine[] = [];
    let maxBuffered = 0;
    for (const chunk of chunksOf(bytes, 64 * 1024)) {
      const batch = splitter.push(chunk);
      if (batch !== undefined) rows.push(...unpackBatch(batch));
      maxBuffered = Math.max(maxBuffered, splitter.bufferedBytes);
    }
    assert.equal(splitter.finish(), undefined);
    assert.deepEqual(rows.map((r) => [r.text, r.lineNumber, r.offset]), [
      ['before', 1, 0],
      ['after', 3, 7 + long.length + 1],
    ]);
    assert.equal(stats.longLines, 1);
    assert.equal(stats.lines, 2);
    assert.ok(maxBuffered <= 1025, `buffered ${maxBuffered} bytes`);
  });

  it('applies the limit to the line without its line ending, at every chunk size', () => {
    const bytes = Buffer.from('12345\r\n123456\n1234\r\n12345');
    for (let size = 1; size <= bytes.length; size++) {
      const { rows, stats } = split(chunksOf(bytes, size), 5);
      assert.deepEqual(rows.map((r) => [r.text, r.lineNumber]), [['12345', 1], ['1234', 3], ['12345', 4]], `chunk size ${size}`);
      assert.equal(stats.longLines, 1);
    }
  });

  it('counts an unterminated over-long last line as long', () => {
    const { rows, stats } = split(chunksOf(Buffer.from('ok\n' + 'x'.repeat(50)), 7), 10);
    assert.deepEqual(rows.map((r) => r.text), ['ok']);
    assert.equal(stats.longLines, 1);
    assert.equal(stats.missingFinalNewline, true);
  });

  it('flags invalid UTF-8 but not a genuine U+FFFD', () => {
    const bytes = Buffer.concat([
      Buffer.from('valid \uFFFD replacement char\n'),
      Buffer.from([0x62, 0x61, 0x64, 0x20, 0xc3, 0x28, 0x0a]),
      Buffer.from('latin1 caf'), Buffer.from([0xe9, 0x0a]),
      Buffer.from('fine\n'),
    ]);
    for (const size of [1, 3, bytes.length]) {
      const { rows, stats } = split(chunksOf(bytes, size));
      assert.deepEqual(rows.map((r) => [r.text, r.flags]), [
        ['valid \uFFFD replacement char', 0],
        ['bad \uFFFD(', LineFlag.INVALID_UTF8],
        ['latin1 caf\uFFFD', LineFlag.INVALID_UTF8],
        ['fine', 0],
      ]);
      assert.equal(stats.invalidUtf8Lines, 2);
    }
  });

  it('flags NUL, ESC and DEL but not tab', () => {
    const bytes = Buffer.from('tab\there\nnul\0byte\nansi \x1b[31mred\nbell\x07\ndel\x7f\nplain\n');
    for (const size of [2, bytes.length]) {
      const { rows, stats } = split(chunksOf(bytes, size));
      assert.deepEqual(rows.map((r) => r.flags), [0, 2, 2, 2, 2, 0].map((f) => f & LineFlag.CONTROL_BYTES));
      assert.equal(stats.controlByteLines, 4);
    }
  });
});
