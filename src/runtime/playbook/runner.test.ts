import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { z } from 'zod';
import { compileStandingPolicy, playbookConfigSchema } from '../../core/playbook/index.js';
import type { ActionDefinition, AnyActionDefinition } from '../../core/respond/action.js';
import { openSqliteDatabase } from '../store/sqlite-database.js';
import { createActionRegistry, type ActionRegistry } from './action-registry.js';
import { PlaybookJournal } from './journal-store.js';
import { PlaybookRunner, type RunnerOptions } from './runner.js';
import { compileForTest, startServer, testHttpAction } from './engine-testing.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-runner-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});
let dbCount = 0;

function setup(actions: ActionRegistry, options: Partial<RunnerOptions> = {}) {
  const db = openSqliteDatabase(join(dir, `runs-${++dbCount}.db`));
  const journal = new PlaybookJournal(db);
  const delays: number[] = [];
  const runner = new PlaybookRunner({
    journal,
    actions,
    clock: {
      sleep: (ms) => {
        delays.push(ms);
        return Promise.resolve();
      },
    },
    ...options,
  });
  return { db, journal, runner, delays };
}

const registry = createActionRegistry([testHttpAction('test.post', 'write'), testHttpAction('test.get', 'read'), testHttpAction('test.block', 'destructive')]);

test('retries with backoff, honouring Retry-After, with one idempotency key', async () => {
  const server = await startServer((_r, n, res) => {
    if (n === 1) res.writeHead(503).end();
    else if (n === 2) res.writeHead(429, { 'retry-after': '2' }).end();
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  const { runner, delays, journal } = setup(registry);
  const pb = compileForTest(
    `name: retry
trigger: { type: manual }
steps:
  - id: post
    action: test.post
    with: { url: "${server.url}/x" }
    retry: { max_attempts: 4, backoff: { initial: 50ms, max: 1s, factor: 2 } }
`,
    registry,
  );
  const r = await runner.start(pb, { type: 'manual' });
  await server.close();
  assert.equal(r.status, 'succeeded', r.error ?? '');
  assert.deepEqual(delays, [50, 2000]);
  assert.equal(server.requests.length, 3);
  assert.equal(new Set(server.requests.map((q) => q.headers['idempotency-key'])).size, 1);
  const attempts = journal.listAttempts(r.runId);
  assert.deepEqual(attempts.map((a) => [a.attempt, a.status, a.retryable]), [[1, 'failed', true], [2, 'failed', true], [3, 'succeeded', null]]);
  assert.equal(r.steps[0]!.attempts, 3);
});

test('a non-retryable failure is tried once; on_error goto jumps forward, continue goes on, fail stops', async () => {
  const server = await startServer((r, _n, res) => res.writeHead(r.path === '/bad' ? 400 : 200).end());
  const { runner } = setup(registry);
  const text = (onError: string) => `name: errors
trigger: { type: manual }
steps:
  - id: first
    action: test.post
    with: { url: "${server.url}/bad" }
    retry: { max_attempts: 5 }
    on_error: ${onError}
  - id: middle
    action: test.post
    with: { url: "${server.url}/middle" }
  - id: handler
    action: test.post
    if: steps.first.status == 'failed'
    with: { url: "${server.url}/handler" }
`;
  const goto = await runner.start(compileForTest(text('{ goto: handler }'), registry), { type: 'manual' });
  assert.equal(goto.status, 'succeeded');
  assert.deepEqual(goto.steps.map((s) => [s.stepId, s.status, s.attempts]), [['first', 'failed', 1], ['handler', 'succeeded', 1]]);
  const cont = await runner.start(compileForTest(text('continue'), registry), { type: 'manual' });
  assert.deepEqual(cont.steps.map((s) => s.stepId), ['first', 'middle', 'handler']);
  const fail = await runner.start(compileForTest(text('fail'), registry), { type: 'manual' });
  assert.equal(fail.status, 'failed');
  assert.deepEqual(fail.steps.map((s) => s.stepId), ['first']);
  assert.deepEqual(server.requests.map((q) => q.path), ['/bad', '/handler', '/bad', '/middle', '/handler', '/bad']);
  await server.close();
});

test('for_each keeps at most `concurrency` calls in flight', async () => {
  let inFlight = 0;
  let maxInFlight = 0;
  const slow: ActionDefinition<{ n: number }, { n: number }> = {
    id: 'test.slow',
    summary: 'waits',
    effect: 'read',
    secrets: [],
    input: z.strictObject({ n: z.number() }),
    output: z.object({ n: z.number() }),
    plan: () => 'wait',
    run: async (i) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 15));
      inFlight--;
      return { n: i.n * 2 };
    },
  };
  const actions = createActionRegistry([slow as unknown as AnyActionDefinition]);
  const { runner } = setup(actions);
  for (const concurrency of [3, 1]) {
    maxInFlight = 0;
    const pb = compileForTest(
      `name: loop
trigger: { type: manual }
steps:
  - id: each
    action: test.slow
    for_each: "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]"
    concurrency: ${concurrency}
    with: { n: "\${{ item }}" }
    outputs: { first: "output[0].n" }
`,
      actions,
    );
    const r = await runner.start(pb, { type: 'manual' });
    assert.equal(r.status, 'succeeded');
    assert.equal(maxInFlight, concurrency);
    const whole = r.steps.find((s) => s.item === -1)!;
    assert.deepEqual(JSON.parse(whole.outputJson!), [2, 4, 6, 8, 10, 12, 14, 16, 18, 20].map((n) => ({ n })));
    assert.equal(r.steps.filter((s) => s.item >= 0).length, 10);
  }
});

const approvalBook = (url: string, def: 'approve' | 'reject', timeout = '100ms') => `name: approve
trigger: { type: alert_created }
steps:
  - id: notify
    action: test.post
    with: { url: "${url}/notify", body: { ip: "\${{ alert.source.ip }}" } }
  - id: ask
    approval: { prompt: "Block \${{ alert.source.ip }}?", approvers: [soc], timeout: ${timeout}, default: ${def} }
  - id: block
    action: test.block
    if: steps.ask.decision == 'approve'
    with: { url: "${url}/block", body: { ip: "\${{ alert.source.ip }}" } }
`;
const ALERT = { source: { ip: '198.51.100.9' } };

test('an approval that times out takes its default (reject, then approve)', async () => {
  const server = await startServer((_r, _n, res) => res.writeHead(200).end());
  const { runner, journal } = setup(registry, { clock: {}, approvalPollMs: 10 });
  const rejected = await runner.start(compileForTest(approvalBook(server.url, 'reject'), registry), { type: 'alert_created', alert: ALERT }, { waitForApprovals: true });
  assert.equal(rejected.status, 'succeeded');
  assert.deepEqual(rejected.steps.map((s) => [s.stepId, s.status]), [['notify', 'succeeded'], ['ask', 'rejected'], ['block', 'skipped']]);
  const rec = journal.getApproval(rejected.runId, 'ask')!;
  assert.equal(rec.actor, 'timeout');
  assert.equal(rec.decision, 'reject');
  assert.equal(rec.prompt, 'Block 198.51.100.9?');
  const approved = await runner.start(compileForTest(approvalBook(server.url, 'approve'), registry), { type: 'alert_created', alert: ALERT }, { waitForApprovals: true });
  assert.deepEqual(approved.steps.map((s) => [s.stepId, s.status]), [['notify', 'succeeded'], ['ask', 'approved'], ['block', 'succeeded']]);
  assert.deepEqual(server.requests.map((q) => q.path), ['/notify', '/notify', '/block']);
  await server.close();
});

test('a waiting run resumes after a decision without repeating finished calls', async () => {
  const server = await startServer((_r, _n, res) => res.writeHead(200).end());
  const { runner, journal, db } = setup(registry);
  const first = await runner.start(compileForTest(approvalBook(server.url, 'reject', '1h'), registry), { type: 'alert_created', alert: ALERT });
  assert.equal(first.status, 'waiting');
  assert.equal(journal.pendingApprovals().length, 1);
  // Another runner on the same database (as after a restart) sees the decision and finishes the run.
  const second = new PlaybookRunner({ journal: new PlaybookJournal(db), actions: registry });
  assert.equal(second.decide(first.runId, 'ask', 'approve', 'alice'), true);
  assert.equal(second.decide(first.runId, 'ask', 'reject', 'mallory'), false);
  const [resumed] = await second.resumeAll();
  assert.equal(resumed!.status, 'succeeded');
  assert.deepEqual(server.requests.map((q) => q.path), ['/notify', '/block']);
  assert.equal(journal.getApproval(first.runId, 'ask')!.actor, 'alice');
  await server.close();
});

test('destructive actions need an approval or a standing policy', async () => {
  const server = await startServer((_r, _n, res) => res.writeHead(200).end());
  const book = `name: block-direct
trigger: { type: alert_created }
steps:
  - id: block
    action: test.block
    with: { url: "${server.url}/block", body: { ip: "\${{ alert.source.ip }}" } }
`;
  const refused = await setup(registry).runner.start(compileForTest(book, registry), { type: 'alert_created', alert: ALERT });
  assert.equal(refused.status, 'failed');
  assert.match(refused.steps[0]!.error!, /destructive/);
  assert.equal(server.requests.length, 0);
  const config = playbookConfigSchema.parse({ policy: { allow: [{ action: 'test.block', playbooks: ['block-*'], when: "startswith(input.body.ip, '198.51.100.')" }] } });
  const policy = compileStandingPolicy(config.policy);
  assert.ok(policy.ok);
  const { runner } = setup(registry, { policy: policy.value });
  const allowed = await runner.start(compileForTest(book, registry), { type: 'alert_created', alert: ALERT });
  assert.equal(allowed.status, 'succeeded');
  const otherIp = await runner.start(compileForTest(book, registry), { type: 'alert_created', alert: { source: { ip: '203.0.113.1' } } });
  assert.equal(otherIp.status, 'failed');
  assert.equal(server.requests.length, 1);
  await server.close();
});

test('a dry run runs read actions and plans write and destructive ones', async () => {
  const server = await startServer((_r, _n, res) => res.writeHead(200).end());
  const { runner } = setup(registry);
  const book = approvalBook(server.url, 'reject', '1h').replace('  - id: notify\n    action: test.post', `  - id: look\n    action: test.get\n    with: { url: "${server.url}/look" }\n  - id: notify\n    action: test.post`);
  const r = await runner.start(compileForTest(book, registry), { type: 'alert_created', alert: ALERT }, { mode: 'dry-run' });
  assert.equal(r.status, 'succeeded');
  assert.deepEqual(r.steps.map((s) => [s.stepId, s.status]), [['look', 'succeeded'], ['notify', 'planned'], ['ask', 'planned'], ['block', 'planned']]);
  assert.equal(r.steps[3]!.plan, `POST ${server.url}/block`);
  assert.deepEqual(server.requests.map((q) => q.path), ['/look']);
  await server.close();
});

test('a step timeout aborts the attempt; timeouts retry, except for destructive actions', async () => {
  let calls = 0;
  let aborted = 0;
  const hang = (id: string, effect: 'write' | 'destructive'): AnyActionDefinition => {
    const def: ActionDefinition<{ n: number }, { n: number }> = {
      id,
      summary: 'never answers',
      effect,
      secrets: [],
      input: z.strictObject({ n: z.number() }),
      output: z.object({ n: z.number() }),
      plan: () => 'hang',
      run: (_i, ctx) => {
        calls++;
        ctx.signal.addEventListener('abort', () => aborted++);
        return new Promise(() => undefined);
      },
    };
    return def as unknown as AnyActionDefinition;
  };
  const actions = createActionRegistry([hang('test.hang', 'write'), hang('test.hang_block', 'destructive')]);
  const config = playbookConfigSchema.parse({ policy: { allow: [{ action: 'test.hang_block' }] } });
  const policy = compileStandingPolicy(config.policy);
  assert.ok(policy.ok);
  const { runner } = setup(actions, { policy: policy.value });
  const book = (action: string) => `name: hang
trigger: { type: manual }
steps:
  - id: wait
    action: ${action}
    timeout: 30ms
    retry: { max_attempts: 3, backoff: { initial: 1ms } }
    with: { n: 1 }
`;
  const write = await runner.start(compileForTest(book('test.hang'), actions), { type: 'manual' });
  assert.equal(write.status, 'failed');
  assert.equal(write.steps[0]!.attempts, 3);
  assert.match(write.steps[0]!.error!, /timed out after 30 ms/);
  assert.equal(calls, 3);
  assert.equal(aborted, 3, 'each attempt saw its signal abort');
  const destructive = await runner.start(compileForTest(book('test.hang_block'), actions), { type: 'manual' });
  assert.equal(destructive.steps[0]!.attempts, 1, 'a destructive action that timed out may have acted: not retried');
  assert.equal(calls, 4);
});

test('a destructive call interrupted by a crash is never repeated on resume', async () => {
  let calls = 0;
  let entered!: () => void;
  const inCall = new Promise<void>((r) => (entered = r));
  const block: ActionDefinition<{ ip: string }, { ok: boolean }> = {
    id: 'test.block_forever',
    summary: 'blocks, then the process dies',
    effect: 'destructive',
    secrets: [],
    input: z.strictObject({ ip: z.string() }),
    output: z.object({ ok: z.boolean() }),
    plan: (i) => `block ${i.ip}`,
    run: () => {
      calls++;
      entered();
      return new Promise(() => undefined); // the process "dies" here: the call never returns
    },
  };
  const actions = createActionRegistry([block as unknown as AnyActionDefinition]);
  const config = playbookConfigSchema.parse({ policy: { allow: [{ action: 'test.block_forever' }] } });
  const policy = compileStandingPolicy(config.policy);
  assert.ok(policy.ok);
  const { runner, journal, db } = setup(actions, { policy: policy.value });
  const pb = compileForTest(`name: crash\ntrigger: { type: manual }\nsteps:\n  - id: block\n    action: test.block_forever\n    with: { ip: 192.0.2.1 }\n`, actions);
  void runner.start(pb, { type: 'manual' });
  await inCall;
  const [run] = journal.runsWithStatus('running');
  assert.ok(run !== undefined);
  const restarted = new PlaybookRunner({ journal: new PlaybookJournal(db), actions, policy: policy.value });
  const [resumed] = await restarted.resumeAll();
  assert.equal(resumed!.status, 'failed');
  assert.match(resumed!.steps[0]!.error!, /outcome is unknown; it is not repeated/);
  assert.equal(calls, 1);
});

test('a live run can plan chosen actions (analyze --respond without --execute)', async () => {
  const server = await startServer((_r, _n, res) => res.writeHead(200).end());
  const { runner } = setup(registry);
  const pb = compileForTest(`name: mixed\ntrigger: { type: manual }\nsteps:\n  - id: look\n    action: test.get\n    with: { url: "${server.url}/look" }\n  - id: post\n    action: test.post\n    with: { url: "${server.url}/post" }\n`, registry);
  const r = await runner.start(pb, { type: 'manual' }, { plan: (a) => a.id === 'test.post' });
  assert.equal(r.mode, 'live');
  assert.deepEqual(r.steps.map((s) => [s.stepId, s.status]), [['look', 'succeeded'], ['post', 'planned']]);
  assert.deepEqual(server.requests.map((q) => q.path), ['/look']);
  await server.close();
});

test('an approval whose deadline passed while no runner was alive takes its default on resume; unset optional secrets do not block', async () => {
  const server = await startServer((_r, _n, res) => res.writeHead(200).end());
  const actions = createActionRegistry([testHttpAction('test.post', 'write', { secret: 'UNSET_OPTIONAL' }), testHttpAction('test.block', 'destructive')]);
  let now = 1_000_000;
  const { runner } = setup(actions, { clock: { now: () => now } });
  const book = approvalBook(server.url, 'approve', '10m');
  const first = await runner.start(compileForTest(book, actions), { type: 'alert_created', alert: ALERT });
  assert.equal(first.status, 'waiting');
  now += 9 * 60_000;
  assert.equal((await runner.resume(first.runId)).status, 'waiting');
  now += 2 * 60_000;
  const done = await runner.resume(first.runId);
  assert.equal(done.status, 'succeeded');
  assert.deepEqual(done.steps.map((s) => [s.stepId, s.status]), [['notify', 'succeeded'], ['ask', 'approved'], ['block', 'succeeded']]);
  assert.deepEqual(server.requests.map((q) => q.path), ['/notify', '/block']);
  assert.equal(server.requests[0]!.headers.authorization, undefined);
  await server.close();
});
