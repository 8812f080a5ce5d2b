import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { sharedDataPath } from '../lib/shared-data.js';
import { reply, startHttpServer, type LocalHttpServer } from '../components/connectors/testing/local-http-server.js';
import { alertSchema } from '../schema/alert.js';
import { alertBelongsTo, ndjsonValues, readIncidents } from './generated-incidents.js';

const VIGIL = resolve('bin', 'vigil.js');
const tools = resolve(sharedDataPath(), '..', 'tools');
const dir = mkdtempSync(join(tmpdir(), 'vigil-respond-e2e-'));
const T0 = '2026-11-28T10:00:00.000Z';

/** A local webhook receiver; `received()` is every JSON body POSTed to /hook. */
let server: LocalHttpServer;
let hookUrl = '';
const received = (): unknown[] => server.requests.filter((r) => r.method === 'POST' && r.path === '/hook').map((r) => JSON.parse(r.body) as unknown);
before(async () => {
  server = await startHttpServer((_request, response) => { reply(response, 200, { ok: true }); });
  hookUrl = `${server.url}/hook`;
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs vigil asynchronously (the webhook receiver lives in this process, so it must keep serving). */
function vigil(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [VIGIL, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('close', (status) => {
      done({ status, stdout, stderr });
    });
  });
}

const caseJsonSchema = z.object({ id: z.string(), severity: z.string(), alert_ids: z.array(z.string()) });
const respondSchema = z.object({ casesCreated: z.number(), runs: z.number(), runsFailed: z.number(), runsWaiting: z.number(), actionsTaken: z.number(), actionsPlanned: z.number() });
/** Rule ids whose bundled alert playbooks notify the webhook. */
function notifyingRules(): Set<string> {
  const rules = new Set<string>();
  const folder = resolve('content', 'playbooks');
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.yml'))) {
    const pb = z
      .object({ trigger: z.object({ type: z.string() }), filters: z.object({ rules: z.array(z.string()).optional() }).optional(), steps: z.array(z.object({ action: z.string().optional() })) })
      .parse(parseYaml(readFileSync(join(folder, file), 'utf8')));
    if (pb.trigger.type === 'alert_created' && pb.steps.some((s) => s.action === 'webhook.post')) for (const r of pb.filters?.rules ?? []) rules.add(r);
  }
  return rules;
}

test('analyze --respond --execute: one case per attack incident, bundled playbooks notify the webhook, MTTR from CLI resolution', async () => {
  const log = join(dir, 'auth.log');
  execFileSync(process.execPath, [join(tools, 'authlog-gen.mjs'), '--out', log, '--seed', '4', '--days', '3'], { stdio: 'ignore' });
  const incidents = readIncidents(log);
  const db = join(dir, 'vigil.db');
  const config = join(dir, 'vigil.yml');
  writeFileSync(config, `playbooks:\n  inputs:\n    webhook_url: ${hookUrl}\n`);
  const alertsFile = join(dir, 'alerts.ndjson');

  const run = await vigil(['analyze', log, '--year', '2026', '--db', db, '--config', config, '--respond', '--execute', '--ndjson', alertsFile, '--json', '--no-progress'], { VIGIL_NOW: T0 });
  assert.equal(run.status, 0, run.stderr);
  const respond = respondSchema.parse(z.object({ respond: z.unknown() }).parse(JSON.parse(run.stdout)).respond);
  const alerts = ndjsonValues(readFileSync(alertsFile, 'utf8')).map((a) => alertSchema.parse(a));

  // Every incident's alerts sit in exactly one case, and no case mixes incidents.
  const listed = await vigil(['cases', 'list', '--db', db, '--json']);
  assert.equal(listed.status, 0, listed.stderr);
  const cases = ndjsonValues(listed.stdout).map((c) => caseJsonSchema.parse(c));
  assert.equal(respond.casesCreated, cases.length);
  const caseOf = new Map(cases.flatMap((c) => c.alert_ids.map((id) => [id, c.id] as const)));
  for (const inc of incidents) {
    const mine = alerts.filter((a) => alertBelongsTo(a, inc));
    assert.ok(mine.length > 0, `incident ${inc.id} was detected`);
    assert.equal(new Set(mine.map((a) => caseOf.get(a.id))).size, 1, `incident ${inc.id} is in exactly one case`);
  }
  for (const c of cases) {
    const owners = new Set(incidents.filter((inc) => alerts.some((a) => c.alert_ids.includes(a.id) && alertBelongsTo(a, inc))).map((i) => i.id));
    assert.ok(owners.size <= 1, `case ${c.id} mixes incidents ${[...owners].join(', ')}`);
  }

  // The bundled playbooks ran, and the webhook heard about every alert they handle.
  const rules = notifyingRules();
  const expected = alerts.filter((a) => rules.has(a.rule.id)).map((a) => a.id);
  assert.ok(expected.length > 0, 'the log triggers the bundled playbooks');
  const notified = new Set(received().map((b) => z.object({ alert_id: z.string() }).parse(b).alert_id));
  for (const id of expected) assert.ok(notified.has(id), `the webhook was told about alert ${id}`);
  assert.equal(respond.runsFailed, 0);
  assert.ok(respond.actionsTaken >= expected.length);
  assert.equal(respond.actionsPlanned, 0, '--execute runs the webhook actions');

  // A re-run notifies nobody again: its alerts are not new.
  const before = received().length;
  const again = await vigil(['analyze', log, '--year', '2026', '--db', db, '--config', config, '--respond', '--execute', '--json', '--no-progress'], { VIGIL_NOW: T0 });
  assert.equal(again.status, 0, again.stderr);
  assert.equal(respondSchema.parse(z.object({ respond: z.unknown() }).parse(JSON.parse(again.stdout)).respond).runs, 0);
  assert.equal(received().length, before);

  // A case resolved through the CLI one hour after detection has an MTTR of one hour.
  const target = cases[0]!;
  const resolved = await vigil(['cases', 'update', target.id, '--status', 'resolved', '--resolution', 'true_positive', '--db', db, '--now', '2026-11-28T11:00:00.000Z']);
  assert.equal(resolved.status, 0, resolved.stderr);
  const metrics = await vigil(['cases', 'metrics', '--db', db, '--json']);
  assert.equal(metrics.status, 0, metrics.stderr);
  const mttr = z.object({ overall: z.object({ mttr: z.object({ count: z.number(), mean_seconds: z.number().nullable() }) }) }).parse(JSON.parse(metrics.stdout)).overall.mttr;
  assert.deepEqual(mttr, { ...mttr, count: 1, mean_seconds: 3600 });
});
