import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinuxAuthParser } from '../../components/parsers/linux-auth/index.js';
import { createDispatcher } from '../../core/detect/dispatch.js';
import type { Detector } from '../../core/detect/detector.js';
import { analyzeLines } from './analyze-lines.js';
import { emptyInputSummary } from './summary.js';

/** About 9 MiB: a stretch of near misses of the common shapes, then ordinary cron and sshd lines, then near misses again. */
function mixedLog(): string {
  const lines: string[] = [];
  const nearMiss = (i: number): string =>
    i % 2 === 0
      ? `Nov  2 00:00:${String(i % 60).padStart(2, '0')} h systemd-logind[1]: New session ${i}${'y'.repeat(150)}`
      : `Nov  2 00:00:${String(i % 60).padStart(2, '0')} h CRON[1]: pam_unix(cron:session): session opened for user ${'u'.repeat(150)}(uid=0) by (uid=1`;
  for (let i = 0; i < 15_000; i++) lines.push(nearMiss(i));
  for (let i = 0; i < 40_000; i++) {
    const ts = `Nov  3 ${String(Math.floor(i / 3600) % 24).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
    lines.push(`${ts} web CRON[${i}]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)`);
    if (i % 10 === 0) lines.push(`${ts} web sshd[9]: Failed password for alice from 203.0.113.${i % 250} port ${1024 + i} ssh2`);
  }
  for (let i = 0; i < 15_000; i++) lines.push(nearMiss(i).replace('Nov  2', 'Nov  4'));
  return `${lines.join('\n')}\n`;
}

test('lines counted through the common-line shortcut, or past it, are counted as the parser alone counts them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-lines-'));
  try {
    const path = join(dir, 'auth.log');
    const text = mixedLog();
    writeFileSync(path, text);
    const seen: number[] = [];
    const recorder: Detector = { id: 'test.recorder', actions: ['ssh_login'], observe: (ts) => seen.push(ts), flush: () => undefined };
    const summary = emptyInputSummary(path);
    const actions = new Map<string, number>();
    await analyzeLines(path, createLinuxAuthParser({ filePath: path, year: 2026 }), createDispatcher([recorder]), summary, actions);

    const parser = createLinuxAuthParser({ filePath: path, year: 2026 });
    const expectedActions = new Map<string, number>();
    const expectedSeen: number[] = [];
    let understood = 0;
    text.split('\n').slice(0, -1).forEach((line, i) => {
      const scanned = parser.scan(line, i + 1, 0)!;
      expectedActions.set(scanned.action, (expectedActions.get(scanned.action) ?? 0) + 1);
      if (scanned.understood) understood++;
      if (scanned.action === 'ssh_login') expectedSeen.push(scanned.ts);
    });
    assert.deepEqual(actions, expectedActions);
    assert.equal(summary.understood, understood);
    assert.equal(summary.events, 70_000 + 4_000);
    assert.deepEqual(seen, expectedSeen);
    // The near misses without a closing parenthesis are session lines to the parser too (the shortcut leaves them to it).
    assert.equal(expectedActions.get('session_opened'), 40_000 + 15_000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
