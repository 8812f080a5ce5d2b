import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { collectLines, expectedLines, withTempDir } from './fixtures.js';
import { fileModifiedTime, readLines, STDIN_PATH } from './index.js';

/** A few thousand syslog-like lines with some multi-byte text, so that lines cross chunk boundaries. */
function sampleLog(lines = 3000, ending = '\n'): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    out.push(`Nov  2 00:00:${String(i % 60).padStart(2, '0')} web-${i % 20} sshd[${1000 + i}]: Accepted password for usér${i % 7} from 10.0.${i % 256}.1 port ${40000 + i}${ending}`);
  }
  return out.join('');
}

describe('readLines', () => {
  it('reads a plain file with exact line numbers and byte offsets', async () => {
    await withTempDir(async (_dir, file) => {
      const content = sampleLog();
      const path = await file('auth.log', content);
      const source = readLines(path);
      const { rows } = await collectLines(source);
      const bytes = await readFile(path);
      assert.equal(rows.length, 3000);
      assert.deepEqual(rows.map((r) => r.lineNumber), rows.map((_r, i) => i + 1));
      assert.deepEqual(rows.map((r) => ({ text: r.text, offset: r.offset })), expectedLines(bytes));
      for (const row of rows) {
        const end = bytes.indexOf(0x0a, row.offset);
        assert.equal(bytes.toString('utf8', row.offset, end), row.text, `line ${row.lineNumber}`);
      }
      assert.deepEqual(source.stats, {
        lines: 3000, bytes: bytes.length, rawBytes: bytes.length, gzip: false,
        longLines: 0, invalidUtf8Lines: 0, controlByteLines: 0, missingFinalNewline: false,
      });
    });
  });

  it('gives the same lines for every chunk size, so lines split across chunks come out whole', async () => {
    await withTempDir(async (_dir, file) => {
      for (const [lines, sizes] of [[20, [1, 2, 3]], [120, [7, 64, 1000, 4096]]] as const) {
        const content = sampleLog(lines, '\r\n');
        const plain = await file('a.log', content);
        const gzip = await file('a.log.gz', gzipSync(content));
        const expected = (await collectLines(readLines(plain))).rows;
        assert.equal(expected.length, lines);
        for (const highWaterMark of sizes) {
          assert.deepEqual((await collectLines(readLines(plain, { highWaterMark }))).rows, expected, `plain, ${highWaterMark}`);
          assert.deepEqual((await collectLines(readLines(gzip, { highWaterMark }))).rows, expected, `gzip, ${highWaterMark}`);
        }
      }
    });
  });

  it('detects gzip by its magic bytes, not by the file name', async () => {
    await withTempDir(async (_dir, file) => {
      const content = sampleLog();
      const compressed = await file('auth.log.1', gzipSync(content));
      const plainNamedGz = await file('auth.log.gz', content);
      const zipped = readLines(compressed);
      const fromGzip = await collectLines(zipped);
      const fromPlain = await collectLines(readLines(plainNamedGz));
      assert.deepEqual(fromGzip.rows, fromPlain.rows);
      assert.equal(zipped.stats.gzip, true);
      assert.equal(zipped.stats.bytes, Buffer.byteLength(content));
      assert.equal(zipped.stats.rawBytes, gzipSync(content).length);
    });
  });

  it('reads concatenated gzip members as one stream', async () => {
    await withTempDir(async (_dir, file) => {
      const parts = ['first member line 1\nfirst member line 2\n', 'second member\n', 'third, unterminated'];
      const path = await file('multi.gz', Buffer.concat(parts.map((part) => gzipSync(part))));
      const source = readLines(path);
      const { rows } = await collectLines(source);
      assert.deepEqual(rows.map((r) => [r.lineNumber, r.text, r.offset]), [
        [1, 'first member line 1', 0],
        [2, 'first member line 2', 20],
        [3, 'second member', 40],
        [4, 'third, unterminated', 54],
      ]);
      assert.equal(source.stats.missingFinalNewline, true);
    });
  });

  it('strips CR from CRLF lines', async () => {
    await withTempDir(async (_dir, file) => {
      const path = await file('crlf.log', 'one\r\ntwo\r\n\r\nfour\r\n');
      assert.deepEqual((await collectLines(readLines(path))).rows.map((r) => r.text), ['one', 'two', '', 'four']);
    });
  });

  it('delivers a last line without a trailing newline and says so', async () => {
    await withTempDir(async (_dir, file) => {
      const path = await file('open.log', 'first\nsecond');
      const source = readLines(path);
      const { rows } = await collectLines(source);
      assert.deepEqual(rows.map((r) => [r.text, r.offset]), [['first', 0], ['second', 6]]);
      assert.equal(source.stats.missingFinalNewline, true);
    });
  });

  it('yields no lines and no error for an empty file, plain or gzip', async () => {
    await withTempDir(async (_dir, file) => {
      for (const path of [await file('empty.log', ''), await file('empty.gz', gzipSync(''))]) {
        const source = readLines(path);
        const { rows, batches } = await collectLines(source);
        assert.equal(rows.length, 0);
        assert.equal(batches, 0);
        assert.equal(source.stats.lines, 0);
        assert.equal(source.stats.missingFinalNewline, false);
      }
    });
  });

  it('reads a one-byte file', async () => {
    await withTempDir(async (_dir, file) => {
      assert.deepEqual((await collectLines(readLines(await file('one', 'x')))).rows.map((r) => r.text), ['x']);
      assert.deepEqual((await collectLines(readLines(await file('nl', '\n')))).rows.map((r) => r.text), ['']);
    });
  });

  it('reads a named pipe and a character device, which have no size', async () => {
    await withTempDir(async (dir) => {
      const fifo = join(dir, 'pipe');
      execFileSync('mkfifo', [fifo]);
      const totals: (number | undefined)[] = [];
      const [result] = await Promise.all([
        collectLines(readLines(fifo, { onProgress: (_read, total) => totals.push(total) })),
        writeFile(fifo, gzipSync('through\na pipe\n')),
      ]);
      assert.deepEqual(result.rows.map((r) => r.text), ['through', 'a pipe']);
      assert.ok(totals.every((total) => total === undefined));
      assert.equal((await collectLines(readLines('/dev/null'))).rows.length, 0);
    });
  });

  it('reports progress in raw bytes against the file size', async () => {
    await withTempDir(async (_dir, file) => {
      const compressed = gzipSync(sampleLog());
      const path = await file('auth.gz', compressed);
      const calls: [number, number | undefined][] = [];
      await collectLines(readLines(path, { highWaterMark: 4096, onProgress: (read, total) => calls.push([read, total]) }));
      assert.ok(calls.length > 1);
      assert.deepEqual(calls.at(-1), [compressed.length, compressed.length]);
      for (let i = 1; i < calls.length; i++) assert.ok(calls[i]![0] >= calls[i - 1]![0]);
    });
  });

  it('closes the input when the consumer stops early', async () => {
    await withTempDir(async (_dir, file) => {
      const path = await file('auth.log', sampleLog());
      const source = readLines(path, { highWaterMark: 1024 });
      for await (const batch of source) {
        assert.ok(batch.count > 0);
        break;
      }
      assert.ok(source.stats.bytes < Buffer.byteLength(sampleLog()));
    });
  });

  it('closes a gzip input cleanly when the consumer stops early', async () => {
    await withTempDir(async (_dir, file) => {
      const path = await file('auth.gz', gzipSync(sampleLog()));
      for (const highWaterMark of [256, 1024 * 1024]) {
        const source = readLines(path, { highWaterMark });
        for await (const batch of source) {
          assert.ok(batch.count > 0);
          break;
        }
        assert.equal(source.stats.gzip, true);
      }
      // Give a late zlib or stream error the chance to surface as an uncaught exception.
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
  });

  it('refuses to be iterated twice', async () => {
    await withTempDir(async (_dir, file) => {
      const source = readLines(await file('a.log', 'a\n'));
      await collectLines(source);
      assert.throws(() => source[Symbol.asyncIterator](), /only once/);
    });
  });
});

describe('fileModifiedTime', () => {
  it('returns the mtime in milliseconds', async () => {
    await withTempDir(async (_dir, file) => {
      const path = await file('auth.log', 'x\n');
      const when = new Date('2023-06-15T12:34:56.000Z');
      await utimes(path, when, when);
      assert.equal(await fileModifiedTime(path), when.getTime());
    });
  });

  it('is undefined for stdin', async () => {
    assert.equal(await fileModifiedTime(STDIN_PATH), undefined);
  });

  it('fails with INPUT_NOT_FOUND for a missing file', async () => {
    await assert.rejects(fileModifiedTime('/nonexistent/vigil/auth.log'), { code: 'INPUT_NOT_FOUND' });
  });
});
