import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { collectLines, expectedLines, withTempDir } from './fixtures.js';
import { LineFlag, readLines } from './index.js';

/** A real `gc()`, so that a memory check measures live data rather than garbage not yet collected. */
function forceGc(): () => void {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  assert.equal(typeof gc, 'function');
  return gc as () => void;
}

describe('readLines on hostile input', () => {
  it('reads random binary garbage without failing, with exact offsets and flags', async () => {
    await withTempDir(async (_dir, file) => {
      const garbage = randomBytes(2 * 1024 * 1024);
      const path = await file('garbage.bin', garbage);
      const source = readLines(path, { highWaterMark: 65536, maxLineBytes: 4096 });
      const { rows } = await collectLines(source);
      const bytes = await readFile(path);
      const newlines = bytes.reduce((n, b) => (b === 0x0a ? n + 1 : n), 0);
      const finished = newlines + (bytes.at(-1) === 0x0a ? 0 : 1);
      assert.equal(source.stats.lines + source.stats.longLines, finished);
      const expected = expectedLines(bytes).filter((line) => Buffer.byteLength(line.text) <= 4096 || line.text.includes('\uFFFD'));
      const byOffset = new Map(expected.map((line) => [line.offset, line.text]));
      for (const row of rows) assert.equal(row.text, byOffset.get(row.offset), `line at ${row.offset}`);
      assert.ok(source.stats.controlByteLines > rows.length / 2, 'random lines mostly hold control bytes');
      assert.ok(source.stats.invalidUtf8Lines > rows.length / 2, 'random lines are mostly invalid UTF-8');
    });
  });

  it('delivers lines holding NUL bytes, flagged', async () => {
    await withTempDir(async (_dir, file) => {
      const path = await file('nul.log', Buffer.from('ok\n\0\0\0\nsshd[1]: user\0root\nok\n'));
      const source = readLines(path);
      const { rows } = await collectLines(source);
      assert.deepEqual(rows.map((r) => [r.text, r.flags]), [
        ['ok', 0], ['\0\0\0', LineFlag.CONTROL_BYTES], ['sshd[1]: user\0root', LineFlag.CONTROL_BYTES], ['ok', 0],
      ]);
      assert.equal(source.stats.controlByteLines, 2);
    });
  });

  it('replaces invalid UTF-8 with U+FFFD and flags only those lines', async () => {
    await withTempDir(async (_dir, file) => {
      const bytes = Buffer.concat([
        Buffer.from('utf-8 ünïcödé\n'),
        Buffer.from('latin-1 caf'), Buffer.from([0xe9, 0x0a]),
        Buffer.from('overlong '), Buffer.from([0xc0, 0xaf, 0x0a]),
        Buffer.from('truncated '), Buffer.from([0xe2, 0x82, 0x0a]),
        Buffer.from('a real \uFFFD in valid text\n'),
      ]);
      const source = readLines(await file('mixed.log', bytes));
      const { rows } = await collectLines(source);
      assert.deepEqual(rows.map((r) => r.flags), [0, 1, 1, 1, 0].map((f) => f * LineFlag.INVALID_UTF8));
      assert.equal(rows[1]?.text, 'latin-1 caf\uFFFD');
      assert.equal(source.stats.invalidUtf8Lines, 3);
    });
  });

  it('skips a 10 MB line between normal lines without holding it in memory', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'long.log');
      const handle = await open(path, 'w');
      const piece = Buffer.alloc(1024 * 1024, 0x41);
      await handle.write('before 1\nbefore 2\n');
      for (let i = 0; i < 10; i++) await handle.write(piece);
      await handle.write('\nafter 1\nafter 2');
      await handle.close();

      const gc = forceGc();
      gc();
      const baseline = process.memoryUsage().arrayBuffers;
      let peak = 0;
      const source = readLines(path, {
        highWaterMark: 256 * 1024,
        onProgress: () => {
          gc();
          peak = Math.max(peak, process.memoryUsage().arrayBuffers - baseline);
        },
      });
      const { rows } = await collectLines(source);
      assert.deepEqual(rows.map((r) => [r.lineNumber, r.text]), [[1, 'before 1'], [2, 'before 2'], [4, 'after 1'], [5, 'after 2']]);
      assert.equal(rows[2]?.offset, 18 + 10 * 1024 * 1024 + 1);
      assert.equal(source.stats.longLines, 1);
      assert.equal(source.stats.missingFinalNewline, true);
      // The default 1 MiB limit plus a couple of 256 KiB chunks in flight; a buffered line would be 10 MB.
      assert.ok(peak < 4 * 1024 * 1024, `peak ${peak} bytes over baseline`);
    });
  });

  it('skips a gzip bomb of one endless line without running out of memory', async () => {
    await withTempDir(async (_dir, file) => {
      const bomb = Buffer.concat([gzipSync('head\n'), gzipSync(Buffer.alloc(32 * 1024 * 1024)), gzipSync('\ntail\n')]);
      const source = readLines(await file('bomb.gz', bomb), { maxLineBytes: 1024 });
      const { rows } = await collectLines(source);
      assert.deepEqual(rows.map((r) => [r.lineNumber, r.text]), [[1, 'head'], [3, 'tail']]);
      assert.equal(source.stats.longLines, 1);
      assert.equal(source.stats.bytes, 5 + 32 * 1024 * 1024 + 6);
    });
  });
});
