import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createLinuxAuthParser, type LinuxAuthParserOptions } from '../../components/parsers/linux-auth/index.js';
import { wantsOf, type EventInterest } from '../../core/detect/dispatch.js';
import { defaultDetectionConfig } from '../../schema/config.js';
import { analyze, type AnalyzeProgress } from './analyze.js';
import { countLines } from './count-lines.js';
import { emptyInputSummary, type InputSummary } from './summary.js';
import { countInWorker } from './worker-input.js';

const INTEREST: EventInterest = { all: false, observables: false, actions: ['ssh_login', 'sudo_refused'] };

interface Counted {
  readonly summary: InputSummary;
  readonly actions: Map<string, number>;
  readonly wanted: { text: string; lineNumber: number; offset: number; yearState: number }[];
}

async function inMainThread(path: string, options: LinuxAuthParserOptions): Promise<Counted> {
  const counted: Counted = { summary: emptyInputSummary(path), actions: new Map(), wanted: [] };
  await countLines(path, createLinuxAuthParser(options), wantsOf(INTEREST), counted.summary, counted.actions, (_line, text, lineNumber, offset, yearState) =>
    counted.wanted.push({ text, lineNumber, offset, yearState }),
  );
  return counted;
}

async function inWorker(path: string, options: LinuxAuthParserOptions, signal?: AbortSignal): Promise<Counted> {
  const counted: Counted = { summary: emptyInputSummary(path), actions: new Map(), wanted: [] };
  await countInWorker(path, options, INTEREST, counted.summary, counted.actions, (text, lineNumber, offset, yearState) => counted.wanted.push({ text, lineNumber, offset, yearState }), { signal });
  return counted;
}

function withTempDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-worker-'));
  return run(dir).finally(() => { rmSync(dir, { recursive: true, force: true }); });
}

/** Two years of cron, logins and junk, with a late line after each New Year. */
function rolloverLog(): string {
  const lines: string[] = [];
  for (const month of ['Nov', 'Dec', 'Jan', 'Dec', 'Feb', 'Nov', 'Dec', 'Jan', 'Mar']) {
    for (let day = 1; day <= 3; day++) {
      const ts = `${month} ${String(day).padStart(2, ' ')} 10:0${day}:00`;
      lines.push(`${ts} web CRON[${day}]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)`);
      lines.push(`${ts} web sshd[9]: Failed password for alice from 203.0.113.${day} port 4000${day} ssh2`);
      lines.push(`${ts} web sshd[9]: Accepted password for bob from 198.51.100.${day} port 5000${day} ssh2`);
      lines.push(`${ts} web sudo:    bob : user NOT in sudoers ; TTY=pts/0 ; PWD=/home/bob ; USER=root ; COMMAND=/bin/sh`);
      lines.push('\u0000\u0001 not syslog at all');
    }
  }
  return `${lines.join('\n')}\n`;
}

test('a worker counts an input exactly as the main thread does, and hands over the same lines', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'auth.log');
    writeFileSync(path, rolloverLog());
    for (const options of [{ filePath: path, year: 2025 }, { filePath: path, referenceTime: Date.UTC(2027, 3, 1) }]) {
      const main = await inMainThread(path, options);
      const worker = await inWorker(path, options);
      assert.deepEqual(worker, main);
      assert.equal(main.wanted.length, 9 * 3 * 3);
      assert.equal(main.summary.unparsable, 9 * 3);
    }
  });
});

test('a line handed over with its year state is read with the year the whole-file parser gave it', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'auth.log');
    writeFileSync(path, rolloverLog());
    const options = { filePath: path, year: 2025 };
    const sequential = createLinuxAuthParser(options);
    const times = new Map<number, number>();
    await countLines(path, sequential, wantsOf(INTEREST), emptyInputSummary(path), new Map(), (line, _text, lineNumber) => times.set(lineNumber, line.ts));
    const rereader = createLinuxAuthParser(options);
    const { wanted } = await inWorker(path, options);
    const years = new Set<number>();
    for (const w of wanted) {
      rereader.restoreYears(w.yearState);
      const ts = rereader.scan(w.text, w.lineNumber, w.offset)!.ts;
      assert.equal(ts, times.get(w.lineNumber), w.text);
      years.add(new Date(ts).getUTCFullYear());
    }
    assert.deepEqual([...years].sort(), [2025, 2026, 2027]);
  });
});

test('a damaged or missing input fails in the worker as in the main thread, keeping what was read', async () => {
  await withTempDir(async (dir) => {
    const gz = join(dir, 'auth.log.gz');
    const whole = gzipSync(Buffer.from(rolloverLog().repeat(50)));
    writeFileSync(gz, whole.subarray(0, whole.length - 200));
    const options = { filePath: gz, year: 2025 };
    const failures: { code: string; summary: InputSummary }[] = [];
    for (const run of [inMainThread, inWorker]) {
      const summary = emptyInputSummary(gz);
      await assert.rejects(
        run === inWorker
          ? countInWorker(gz, options, INTEREST, summary, new Map(), () => undefined)
          : countLines(gz, createLinuxAuthParser(options), wantsOf(INTEREST), summary, new Map(), () => undefined),
        (error: { code: string }) => {
          failures.push({ code: error.code, summary });
          return true;
        },
      );
    }
    assert.equal(failures[0]!.code, 'INPUT_CORRUPT');
    assert.deepEqual(failures[1], failures[0]);
    assert.ok(failures[0]!.summary.lines > 1000);
    await assert.rejects(inWorker(join(dir, 'missing.log'), { filePath: 'missing.log', year: 2025 }), { code: 'INPUT_NOT_FOUND' });
  });
});

test('an abort or a failing consumer stops the worker', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'auth.log');
    writeFileSync(path, rolloverLog().repeat(2000));
    const controller = new AbortController();
    const summary = emptyInputSummary(path);
    let seen = 0;
    const aborted = countInWorker(path, { filePath: path, year: 2025 }, INTEREST, summary, new Map(), () => {
      if (++seen === 10) controller.abort(new Error('stop here'));
    }, { signal: controller.signal });
    await assert.rejects(aborted, /stop here/);
    assert.ok(seen < 2000 * 81, `${seen}`);
    const failing = countInWorker(path, { filePath: path, year: 2025 }, INTEREST, emptyInputSummary(path), new Map(), () => {
      throw new Error('detector failed');
    });
    await assert.rejects(failing, /detector failed/);
  });
});

test('analyze gives the same alerts and counts with and without the worker', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'auth.log');
    const generator = resolve(process.cwd(), '..', 'shared', 'tools', 'authlog-gen.mjs');
    execFileSync(process.execPath, [generator, '--out', path, '--seed', '2', '--days', '14'], { stdio: 'pipe' });
    const progress: AnalyzeProgress[] = [];
    const run = (parallel: boolean) => analyze({ inputs: [path], config: defaultDetectionConfig(), year: 2026, parallel, onProgress: (p) => progress.push(p) });
    const one = await run(false);
    progress.length = 0;
    const two = await run(true);
    // The worker reports its progress too.
    assert.ok(progress.length > 1 && progress.at(-1)!.bytesRead === one.inputs[0]!.bytes && progress.at(-1)!.lines > 0, JSON.stringify(progress.at(-1)));
    assert.ok(one.inputs[0]!.bytes >= 4 * 1024 * 1024, 'the log is large enough to be read in a worker');
    assert.ok(one.alerts.length > 5);
    assert.deepEqual(two.alerts, one.alerts);
    assert.deepEqual(two.inputs, one.inputs);
    assert.deepEqual(two.actions, one.actions);
  });
});
