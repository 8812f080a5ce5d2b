import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { reply, startHttpServer, type LocalHttpServer } from '../components/connectors/testing/local-http-server.js';

const VIGIL = resolve('bin', 'vigil.js');
const SECRET = 'whsec-E2E-7d1f0c9b8a';
const dir = mkdtempSync(join(tmpdir(), 'vigil-playbook-e2e-'));
const books = join(dir, 'playbooks');
const db = join(dir, 'vigil.db');
let server: LocalHttpServer;
let url = '';

// Asynchronous: this process serves the webhook receiver while the CLI runs.
function vigil(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [VIGIL, 'playbook', ...args, '--db', db, '--dir', books, '--config', join(dir, 'vigil.yml')], { env: { ...process.env, ...env }, encoding: 'utf8' }, (error, stdout, stderr) => {
      done({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

const ALERT = {
  id: '0123456789abcdef0123456789abcdef',
  '@timestamp': '2026-01-01T00:00:00.000Z',
  event: { kind: 'alert', start: '2026-01-01T00:00:00.000Z', end: '2026-01-01T00:05:00.000Z', count: 42 },
  rule: { id: 'vigil.auth.brute_force', name: 'SSH brute force', description: 'x', category: 'threshold' },
  severity: 'high',
  risk_score: 73,
  threat: { framework: 'MITRE ATT&CK', technique: { id: ['T1110'], name: ['Brute Force'] }, tactic: { id: ['TA0006'], name: ['Credential Access'] } },
  related: { ip: ['203.0.113.7'], user: ['root; rm -rf /', '$(id)'], hosts: ['web1'] },
  source: { ip: '203.0.113.7' },
  message: `42 failed logins \${{ run.id }} {{7*7}} \${HOME}\ninjected: line`,
  explanation: {},
  evidence: { total: 42, lines: [] },
};

before(async () => {
  server = await startHttpServer((_request, response) => { reply(response, 200, {}); });
  url = server.url;
  mkdirSync(books);
  writeFileSync(join(dir, 'alert.json'), JSON.stringify(ALERT));
  writeFileSync(join(dir, 'vigil.yml'), 'connectors:\n  http: { signing: true }\n');
  writeFileSync(
    join(books, 'e2e_notify.yml'),
    `name: e2e-notify
trigger: { type: alert_created }
inputs:
  webhook_url: { type: string }
steps:
  - id: note
    action: vigil.log
    with: { message: "alert \${{ alert.id }} from \${{ alert.source.ip }}" }
  - id: notify
    action: webhook.post
    retry: { max_attempts: 2, backoff: { initial: 10ms } }
    with:
      url: "\${{ inputs.webhook_url }}"
      sign: true
      payload: { text: "\${{ alert.message }}", users: "\${{ alert.related.user }}" }
  - id: ask
    approval: { prompt: "Escalate \${{ alert.source.ip }}?", timeout: 1h, default: reject }
  - id: escalate
    action: webhook.post
    if: steps.ask.decision == 'approve'
    with: { url: "\${{ inputs.webhook_url }}", payload: { escalate: "\${{ alert.source.ip }}", by: "\${{ steps.ask.actor }}" } }
`,
  );
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('validate reports a bad reference with its file and line, and accepts good files', async () => {
  const bad = join(dir, 'bad.yml');
  writeFileSync(bad, readFileSync(join(books, 'e2e_notify.yml'), 'utf8').replace('steps.ask.actor', 'steps.ask.output.who'));
  const r = await vigil(['validate', bad]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /bad\.yml:21:\d+: "steps\.ask" is an approval step: it has no output \(PLAYBOOK_UNKNOWN_REFERENCE\)/);
  const good = await vigil(['validate', join(books, 'e2e_notify.yml'), '--json']);
  assert.equal(good.status, 0, good.stderr);
  assert.equal((JSON.parse(good.stdout) as { valid: boolean }).valid, true);
});

test('run → waiting → approve → done; the webhook gets inert data, the secret appears nowhere; replay and show', async () => {
  const env = { VIGIL_SECRET_WEBHOOK_SIGNING_KEY: SECRET };
  const started = await vigil(['run', 'e2e-notify', '--alert-file', join(dir, 'alert.json'), '--input', `webhook_url=${url}/hook`, '--json'], env);
  assert.equal(started.status, 0, started.stdout + started.stderr);
  const run = JSON.parse(started.stdout) as { run_id: string; status: string; steps: { step: string; status: string }[] };
  assert.equal(run.status, 'waiting');
  assert.deepEqual(run.steps.map((s) => [s.step, s.status]), [['note', 'succeeded'], ['notify', 'succeeded']]);
  assert.equal(server.requests.length, 1);
  const payload = JSON.parse(server.requests[0]!.body) as { text: string; users: string[] };
  assert.equal(payload.text, ALERT.message);
  assert.deepEqual(payload.users, ALERT.related.user);
  assert.ok(server.requests[0]!.headers['x-vigil-signature'], 'signed with the secret');

  const approved = await vigil(['approve', run.run_id, 'ask', '--decision', 'approve', '--actor', 'alice', '--json'], env);
  assert.equal(approved.status, 0, approved.stderr);
  const done = JSON.parse(approved.stdout) as { status: string; steps: { step: string; status: string }[] };
  assert.equal(done.status, 'succeeded');
  assert.deepEqual(done.steps.map((s) => [s.step, s.status]), [['note', 'succeeded'], ['notify', 'succeeded'], ['ask', 'approved'], ['escalate', 'succeeded']]);
  assert.equal(server.requests.length, 2, 'notify was not sent again on resume');
  assert.deepEqual(JSON.parse(server.requests[1]!.body), { escalate: '203.0.113.7', by: 'alice' });
  const again = await vigil(['approve', run.run_id, 'ask', '--decision', 'reject', '--actor', 'bob']);
  assert.equal(again.status, 2);

  const shown = await vigil(['show', run.run_id, '--json'], env);
  assert.equal(shown.status, 0, shown.stderr);
  const listed = await vigil(['runs', '--json'], env);
  assert.equal((JSON.parse(listed.stdout) as { id: string }[])[0]!.id, run.run_id);

  const replay = await vigil(['replay', run.run_id], env);
  assert.equal(replay.status, 0, replay.stderr);
  assert.match(replay.stdout, /no differences/);
  const changed = join(dir, 'changed.yml');
  writeFileSync(changed, readFileSync(join(books, 'e2e_notify.yml'), 'utf8').replace("if: steps.ask.decision == 'approve'", "if: steps.ask.decision == 'reject'"));
  const diff = await vigil(['replay', run.run_id, '--file', changed, '--json'], env);
  const differences = (JSON.parse(diff.stdout) as { differences: { step: string; field: string; before: string; after: string }[] }).differences;
  assert.deepEqual(differences.map((d) => [d.step, d.field, d.before, d.after]), [['escalate', 'status', 'succeeded', 'skipped']]);
  assert.equal(server.requests.length, 2, 'replays call nothing');

  for (const out of [started, approved, shown, listed, replay, diff]) {
    assert.ok(!out.stdout.includes(SECRET) && !out.stderr.includes(SECRET));
  }
  for (const f of readdirSync(dir).filter((n) => n.startsWith('vigil.db'))) assert.ok(!readFileSync(join(dir, f)).includes(SECRET), `${f} holds the secret`);
});

test('playbook test runs the bundled fixtures; dry run plans the bundled compromise playbook', async () => {
  const t = await vigil(['test', '--json']);
  assert.equal(t.status, 0, t.stdout.slice(-1500) + t.stderr);
  const summary = JSON.parse(t.stdout) as { passed: number; failed: number };
  assert.ok(summary.passed >= 6);
  assert.equal(summary.failed, 0);
  writeFileSync(join(dir, 'compromise.json'), JSON.stringify({ ...ALERT, rule: { ...ALERT.rule, id: 'vigil.auth.success_after_failures' }, severity: 'critical' }));
  const dry = await vigil(['run', 'compromise-response', '--alert-file', join(dir, 'compromise.json'), '--dry-run', '--json']);
  assert.equal(dry.status, 0, dry.stdout + dry.stderr);
  const plan = JSON.parse(dry.stdout) as { steps: { step: string; status: string; plan: string | null }[] };
  const block = plan.steps.find((s) => s.step === 'block')!;
  assert.equal(block.status, 'planned');
  assert.match(block.plan!, /203\.0\.113\.7/);
});
