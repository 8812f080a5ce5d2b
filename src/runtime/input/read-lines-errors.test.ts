import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { constants, gzipSync, gunzipSync } from 'node:zlib';
import { isVigilError, type VigilError } from '../../lib/errors.js';
import { collectLines, expectedLines, unpackBatch, withTempDir, type CollectedLine } from './fixtures.js';
import { readLines } from './index.js';

function numberedLines(count: number): string {
  let text = '';
  for (let i = 1; i <= count; i++) text += `line ${i} of a log that will be cut off somewhere in the middle ${i * 7919}\n`;
  return text;
}

/** Reads until the source fails; returns what was delivered and the error. */
async function readUntilError(path: string, highWaterMark?: number): Promise<{ rows: CollectedLine[]; error: VigilError }> {
  const rows: CollectedLine[] = [];
  try {
    for await (const batch of readLines(path, { highWaterMark })) rows.push(...unpackBatch(batch));
  } catch (error) {
    assert.ok(isVigilError(error), `expected a VigilError, got ${String(error)}`);
    return { rows, error };
  }
  assert.fail('reading should have failed');
}

describe('readLines errors', () => {
  it('fails with INPUT_NOT_FOUND naming the path', async () => {
    const path = '/nonexistent/vigil/auth.log';
    const { rows, error } = await readUntilError(path);
    assert.equal(rows.length, 0);
    assert.equal(error.code, 'INPUT_NOT_FOUND');
    assert.match(error.message, /\/nonexistent\/vigil\/auth\.log/);
    assert.equal(error.location?.file, path);
  });

  it('fails with INPUT_UNREADABLE for a directory', async () => {
    await withTempDir(async (dir) => {
      const sub = join(dir, 'logs');
      await mkdir(sub);
      const { error } = await readUntilError(sub);
      assert.equal(error.code, 'INPUT_UNREADABLE');
      assert.match(error.message, /directory/);
    });
  });

  it('fails with INPUT_UNREADABLE without read permission', async () => {
    await withTempDir(async (dir, file) => {
      const path = await file('secret.log', 'x\n');
      await chmod(path, 0o000);
      if (process.getuid?.() !== 0) {
        const { error } = await readUntilError(path);
        assert.equal(error.code, 'INPUT_UNREADABLE');
        assert.match(error.message, /permission/);
        return;
      }
      // Root reads anything, so read as the unprivileged user "nobody" in a child process.
      await chmod(dir, 0o755);
      const reader = new URL('./index.js', import.meta.url).href;
      const script = `import { readLines } from ${JSON.stringify(reader)};
        try { for await (const _ of readLines(${JSON.stringify(path)})) {} console.log('{}'); }
        catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }`;
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { uid: 65534, gid: 65534, encoding: 'utf8' });
      assert.equal(child.status, 0, child.stderr);
      const result = JSON.parse(child.stdout) as { code?: string; message?: string };
      assert.equal(result.code, 'INPUT_UNREADABLE');
      assert.match(result.message ?? '', /permission/);
    });
  });

  it('delivers every complete line before a truncation, then fails with INPUT_CORRUPT saying how far it got', async () => {
    await withTempDir(async (_dir, file) => {
      const compressed = gzipSync(numberedLines(20_000));
      for (const fraction of [0.1, 0.5, 0.97]) {
        const cut = compressed.subarray(0, Math.floor(compressed.length * fraction));
        // What the damaged stream honestly decodes to: complete lines only.
        const decodable = gunzipSync(cut, { finishFlush: constants.Z_SYNC_FLUSH });
        const complete = expectedLines(decodable.subarray(0, decodable.lastIndexOf(0x0a) + 1));
        for (const highWaterMark of [undefined, 4096]) {
          const { rows, error } = await readUntilError(await file('cut.gz', cut), highWaterMark);
          assert.equal(error.code, 'INPUT_CORRUPT');
          assert.deepEqual(rows.map((r) => ({ text: r.text, offset: r.offset })), complete, `fraction ${fraction}`);
          assert.equal(error.location?.line, complete.length + 1);
          assert.match(error.message, new RegExp(`lines 1-${complete.length} \\(${complete.length} delivered\\)`));
          assert.match(error.message, /dropped/);
        }
      }
    });
  });

  it('fails with INPUT_CORRUPT for damaged gzip data, after delivering the lines before the damage', async () => {
    await withTempDir(async (_dir, file) => {
      const original = numberedLines(20_000);
      const compressed = Buffer.from(gzipSync(original));
      const damageAt = compressed.length >> 1;
      compressed.fill(0x55, damageAt, damageAt + 64);
      // Lines that lie wholly in the compressed bytes before the damage must come out intact.
      const intact = gunzipSync(compressed.subarray(0, damageAt), { finishFlush: constants.Z_SYNC_FLUSH });
      const intactLines = intact.subarray(0, intact.lastIndexOf(0x0a)).toString().split('\n');
      const { rows, error } = await readUntilError(await file('bad.gz', compressed));
      assert.equal(error.code, 'INPUT_CORRUPT');
      assert.ok(rows.length >= intactLines.length && rows.length < 20_000, `${rows.length} lines`);
      assert.deepEqual(rows.slice(0, intactLines.length).map((r) => r.text), intactLines);
      // Deflate cannot tell garbage from data until a later code or the CRC fails, so what comes
      // after may be damaged; the error still points past everything delivered.
      assert.ok((error.location?.line ?? 0) > rows.length);
    });
  });

  it('fails with INPUT_CORRUPT for gzip magic followed by garbage', async () => {
    await withTempDir(async (_dir, file) => {
      const { rows, error } = await readUntilError(await file('fake.gz', Buffer.from([0x1f, 0x8b, 0x00, 0x01, 0x02, 0x0a, 0x41])));
      assert.equal(rows.length, 0);
      assert.equal(error.code, 'INPUT_CORRUPT');
      assert.equal(error.location?.line, 1);
    });
  });

  it('fails with INPUT_CORRUPT for garbage after the last gzip member, after a clean prefix', async () => {
    await withTempDir(async (_dir, file) => {
      const original = numberedLines(20_000);
      const path = await file('trailing.gz', Buffer.concat([gzipSync(original), Buffer.from('not gzip\n')]));
      const { rows, error } = await readUntilError(path);
      assert.equal(error.code, 'INPUT_CORRUPT');
      assert.equal(error.location?.line, rows.length + 1);
      // Known limit: zlib drops the output of the call that meets the garbage, so the member's last
      // lines (up to one 256 KiB output chunk) may be missing; the error says how many came through.
      assert.deepEqual(rows.map((r) => r.text), original.split('\n').slice(0, rows.length));
    });
  });

  it('rejects with the abort reason when the signal fires mid-read, and reads no further', async () => {
    await withTempDir(async (_dir, file) => {
      const path = await file('auth.log', numberedLines(5000));
      const controller = new AbortController();
      const source = readLines(path, { signal: controller.signal, highWaterMark: 1024 });
      let batches = 0;
      await assert.rejects(
        (async () => {
          for await (const batch of source) {
            assert.ok(batch.count > 0);
            if (++batches === 2) controller.abort();
          }
        })(),
        { name: 'AbortError' },
      );
      assert.equal(batches, 2);
      assert.ok(source.stats.bytes < 5000 * 60);
    });
  });

  it('stops a gzip read on abort too', async () => {
    await withTempDir(async (_dir, file) => {
      const path = await file('auth.gz', gzipSync(numberedLines(20_000)));
      const controller = new AbortController();
      const source = readLines(path, { signal: controller.signal, highWaterMark: 4096 });
      let batches = 0;
      await assert.rejects(
        (async () => {
          for await (const batch of source) {
            assert.ok(batch.count > 0);
            if (++batches === 3) controller.abort(new Error('user cancelled'));
          }
        })(),
        { message: 'user cancelled' },
      );
      assert.equal(batches, 3);
      assert.ok(source.stats.lines < 20_000);
    });
  });

  it('does not open anything when the signal has already fired', async () => {
    const source = readLines('/nonexistent/vigil/auth.log', { signal: AbortSignal.abort() });
    await assert.rejects(collectLines(source), { name: 'AbortError' });
  });

  it('rejects invalid options with INVALID_ARGUMENT', () => {
    assert.throws(() => readLines('x', { maxLineBytes: 0 }), { code: 'INVALID_ARGUMENT' });
    assert.throws(() => readLines('x', { highWaterMark: 1.5 }), { code: 'INVALID_ARGUMENT' });
    assert.throws(() => readLines('x', { maxLineBytes: 2 ** 40 }), { code: 'INVALID_ARGUMENT' });
  });
});
