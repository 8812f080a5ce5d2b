import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';

const READER = new URL('./index.js', import.meta.url).href;

/** A child that reads `-` with the compiled reader and prints what it got as JSON. */
const CHILD = `
import { readLines } from ${JSON.stringify(READER)};
const controller = new AbortController();
const abortAfterFirst = process.argv.includes('--abort-after-first');
const breakAfterFirst = process.argv.includes('--break-after-first');
const source = readLines('-', { signal: controller.signal });
const rows = [];
try {
  for await (const batch of source) {
    for (let i = 0; i < batch.count; i++) rows.push([batch.lineNumber[i], batch.offset[i], batch.line(i)]);
    if (abortAfterFirst) controller.abort();
    if (breakAfterFirst) break;
  }
  process.stdout.write(JSON.stringify({ rows, stats: source.stats }));
} catch (error) {
  process.stdout.write(JSON.stringify({ rows, stats: source.stats, error: { name: error.name, code: error.code } }));
}
`;

interface ChildResult {
  readonly rows: [number, number, string][];
  readonly stats: { lines: number; gzip: boolean; missingFinalNewline: boolean };
  readonly error?: { name: string; code?: string };
}

/** Runs the child, feeding `pieces` to its stdin with a pause between them; `keepOpen` leaves stdin open. */
async function runChild(pieces: readonly (string | Buffer)[], options: { keepOpen?: boolean; args?: string[] } = {}): Promise<ChildResult> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, '--', ...(options.args ?? [])], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  for (const piece of pieces) {
    child.stdin.write(piece);
    await sleep(20);
  }
  if (options.keepOpen !== true) child.stdin.end();
  const timeout = setTimeout(() => child.kill(), 10_000);
  const code = await exited;
  clearTimeout(timeout);
  child.stdin.destroy();
  assert.equal(code, 0, `child failed: ${stderr}`);
  return JSON.parse(stdout) as ChildResult;
}

describe('readLines from stdin', () => {
  it('reads plain lines piped in', async () => {
    const result = await runChild(['first line\r\nsecond ', 'line\n', 'third']);
    assert.deepEqual(result.rows, [[1, 0, 'first line'], [2, 12, 'second line'], [3, 24, 'third']]);
    assert.equal(result.stats.gzip, false);
    assert.equal(result.stats.missingFinalNewline, true);
  });

  it('detects gzip even when the magic bytes arrive one at a time', async () => {
    const compressed = gzipSync('zipped one\nzipped two\n');
    const result = await runChild([compressed.subarray(0, 1), compressed.subarray(1, 2), compressed.subarray(2)]);
    assert.deepEqual(result.rows.map((row) => row[2]), ['zipped one', 'zipped two']);
    assert.equal(result.stats.gzip, true);
  });

  it('yields nothing for empty stdin', async () => {
    const result = await runChild([]);
    assert.deepEqual(result.rows, []);
    assert.equal(result.error, undefined);
  });

  it('stops on abort while stdin is still open, instead of waiting for more input', async () => {
    const result = await runChild(['only line\n'], { keepOpen: true, args: ['--abort-after-first'] });
    assert.deepEqual(result.rows.map((row) => row[2]), ['only line']);
    assert.equal(result.error?.name, 'AbortError');
  });

  it('lets the process exit when the consumer stops early while stdin is still open, plain or gzip', async () => {
    for (const piece of ['only line\n', gzipSync('only line\n')]) {
      const result = await runChild([piece], { keepOpen: true, args: ['--break-after-first'] });
      assert.deepEqual(result.rows.map((row) => row[2]), ['only line']);
      assert.equal(result.error, undefined);
    }
  });
});
