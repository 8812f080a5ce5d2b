import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { openSqliteDatabase } from '../store/sqlite-database.js';
import { PlaybookJournal } from './journal-store.js';
import type { RunResult } from './runner.js';
import { startServer } from './engine-testing.js';

const CHILD = fileURLToPath(new URL('./resume-child.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'vigil-resume-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('a runner killed while a run waits for approval resumes it after restart, without repeating done calls', async () => {
  const server = await startServer((_r, _n, res) => res.writeHead(200).end());
  const dbPath = join(dir, 'vigil.db');
  const journal = new PlaybookJournal(openSqliteDatabase(dbPath));

  const first = fork(CHILD, ['start', dbPath, server.url], { stdio: 'inherit' });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => {
    first.once('exit', (_code, signal) => {
      resolve(signal);
    });
  });
  let pending = journal.pendingApprovals();
  for (let i = 0; i < 500 && pending.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 20));
    pending = journal.pendingApprovals();
  }
  assert.equal(pending.length, 1, 'the run reached its approval');
  const runId = pending[0]!.runId;
  assert.equal(journal.getRun(runId)!.status, 'running');
  first.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL');
  assert.deepEqual(server.requests.map((q) => q.path), ['/notify']);

  // An analyst approves while no runner is alive (as `vigil playbook approve` does).
  assert.equal(journal.decide(runId, 'ask', 'approve', 'alice', Date.now()), true);

  const second = fork(CHILD, ['resume', dbPath, server.url], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
  const message = await new Promise<{ results?: RunResult[] }>((resolve) => {
    second.once('message', (m) => {
      resolve(m as { results?: RunResult[] });
    });
  });
  await new Promise((resolve) => second.once('exit', resolve));
  const results = message.results ?? [];
  assert.equal(results.length, 1);
  assert.equal(results[0]!.runId, runId);
  assert.equal(results[0]!.status, 'succeeded');
  assert.deepEqual(results[0]!.steps.map((s) => [s.stepId, s.status]), [['notify', 'succeeded'], ['ask', 'approved'], ['block', 'succeeded']]);
  assert.deepEqual(server.requests.map((q) => q.path), ['/notify', '/block'], 'notify was not sent again');
  assert.deepEqual(JSON.parse(server.requests[1]!.body), { ip: '192.0.2.44' });
  assert.equal(journal.getRun(runId)!.status, 'succeeded');
  await server.close();
});
