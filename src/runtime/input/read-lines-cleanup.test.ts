import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { collectLines, openFdCount, withTempDir } from './fixtures.js';
import { readLines } from './index.js';

const lines = Array.from({ length: 20_000 }, (_v, i) => `line ${i} of a log used to check that inputs are closed\n`).join('');

async function consume(iterable: AsyncIterable<unknown>, stopAfter: number): Promise<void> {
  let seen = 0;
  for await (const item of iterable) {
    assert.ok(item !== undefined);
    if (++seen === stopAfter) break;
  }
}

describe('readLines closes its input', { skip: existsSync('/proc/self/fd') ? false : 'needs /proc/self/fd' }, () => {
  it('on every way out: end, early break, damage, abort', async () => {
    await withTempDir(async (_dir, file) => {
      const plain = await file('plain.log', lines);
      const gzip = await file('gz.log', gzipSync(lines));
      const truncated = await file('cut.gz', gzipSync(lines).subarray(0, 5000));
      // Counted right after each read: a leaked handle is closed by GC sooner or later, which would hide it.
      const expectClosed = async (what: string, read: () => Promise<unknown>): Promise<void> => {
        const before = await openFdCount();
        await read();
        assert.equal(await openFdCount(), before, what);
      };
      for (const highWaterMark of [1000, 1024 * 1024]) {
        for (const path of [plain, gzip]) {
          const name = `${path}, ${highWaterMark}`;
          await expectClosed(`${name}: read to the end`, () => collectLines(readLines(path, { highWaterMark })));
          await expectClosed(`${name}: break after 1`, () => consume(readLines(path, { highWaterMark }), 1));
          await expectClosed(`${name}: break after 2`, () => consume(readLines(path, { highWaterMark }), 2));
          const controller = new AbortController();
          const onProgress = (): void => {
            controller.abort();
          };
          await expectClosed(`${name}: abort`, () => assert.rejects(consume(readLines(path, { highWaterMark, signal: controller.signal, onProgress }), 5)));
        }
        await expectClosed(`truncated, ${highWaterMark}`, () => assert.rejects(collectLines(readLines(truncated, { highWaterMark })), { code: 'INPUT_CORRUPT' }));
      }
    });
  });
});
