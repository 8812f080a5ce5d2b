import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { z } from 'zod';
import { alertSchema, type Alert } from '../schema/alert.js';
import { sharedDataPath } from '../lib/shared-data.js';
import { alertBelongsTo, ndjsonValues, readIncidents, type Incident } from './generated-incidents.js';

const VIGIL = resolve('bin', 'vigil.js');
const tools = resolve(sharedDataPath(), '..', 'tools');
const dir = mkdtempSync(join(tmpdir(), 'vigil-cases-e2e-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

const T0 = '2026-11-28T10:00:00.000Z';
const at = (min: number): string => new Date(Date.parse(T0) + min * 60_000).toISOString();

function vigil(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [VIGIL, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } });
}
function ok(args: string[], env: Record<string, string> = {}): string {
  const r = vigil(args, env);
  assert.equal(r.status, 0, `vigil ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const caseJsonSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.string(),
  status: z.string(),
  alert_count: z.number(),
  alert_ids: z.array(z.string()),
  related: z.object({ ip: z.array(z.string()), user: z.array(z.string()), hosts: z.array(z.string()) }),
  observables: z.array(z.object({ type: z.string(), value: z.string() })),
});
const durationSchema = z.object({ count: z.number(), mean_seconds: z.number().nullable(), median_seconds: z.number().nullable() });
const metricSetSchema = z.object({ cases: z.number(), mttd: durationSchema, mtta: durationSchema, mttr: durationSchema });
const metricsSchema = z.object({ overall: metricSetSchema, by_severity: z.record(z.string(), metricSetSchema), by_rule: z.record(z.string(), metricSetSchema) });

/** Generates a labelled log, analyses it into a fresh store and builds the cases. */
function prepare(seed: number): { db: string; alerts: Alert[]; incidents: Incident[] } {
  const log = join(dir, `seed${seed}`, 'auth.log');
  execFileSync(process.execPath, [join(tools, 'authlog-gen.mjs'), '--out', log, '--seed', String(seed)], { stdio: 'ignore' });
  const db = join(dir, `seed${seed}`, 'vigil.db');
  const ndjson = `${log}.alerts.ndjson`;
  ok(['analyze', log, '--year', '2026', '--db', db, '--ndjson', ndjson, '--no-progress', '--json']);
  const built = z.object({ alerts_considered: z.number(), cases_created: z.number() }).parse(JSON.parse(ok(['cases', 'build', '--db', db, '--json', '--now', T0])));
  const alerts = ndjsonValues(readFileSync(ndjson, 'utf8')).map((a) => alertSchema.parse(a));
  assert.equal(built.alerts_considered, alerts.length);
  const again = z.object({ alerts_considered: z.number() }).parse(JSON.parse(ok(['cases', 'build', '--db', db, '--json', '--now', at(1)])));
  assert.equal(again.alerts_considered, 0, 'a second build finds every stored alert already in a case');
  return { db, alerts, incidents: readIncidents(log) };
}

const prepared = new Map<number, ReturnType<typeof prepare>>();
const prepareOnce = (seed: number): ReturnType<typeof prepare> => {
  let p = prepared.get(seed);
  if (p === undefined) prepared.set(seed, (p = prepare(seed)));
  return p;
};

for (const seed of [1, 2]) {
  test(`generated log seed ${seed}: each attack incident lands in exactly one case, different incidents in different cases`, () => {
    const { db, alerts, incidents } = prepareOnce(seed);
    const cases = ndjsonValues(ok(['cases', 'list', '--db', db, '--json'])).map((c) => caseJsonSchema.parse(c));
    const caseOf = new Map<string, string>();
    for (const c of cases) for (const id of c.alert_ids) {
      assert.equal(caseOf.has(id), false, `alert ${id} is in two cases`);
      caseOf.set(id, c.id);
    }
    assert.equal(caseOf.size, alerts.length, 'every alert is in a case');
    assert.ok(cases.length < alerts.length, `grouping: ${cases.length} cases for ${alerts.length} alerts`);
    const incidentsOfCase = new Map<string, Set<string>>();
    for (const inc of incidents) {
      const hits = alerts.filter((a) => alertBelongsTo(a, inc));
      assert.ok(hits.length > 0, `${inc.id} was detected`);
      const homes = new Set(hits.map((a) => caseOf.get(a.id)!));
      assert.equal(homes.size, 1, `${inc.id}: its ${hits.length} alerts are spread over ${homes.size} cases`);
      const home = [...homes][0]!;
      incidentsOfCase.set(home, (incidentsOfCase.get(home) ?? new Set()).add(inc.id));
    }
    for (const [id, incs] of incidentsOfCase) assert.equal(incs.size, 1, `case ${id} merges ${[...incs].join(', ')}`);
    for (const c of cases) {
      assert.ok(c.observables.some((o) => o.type === 'user' || o.type === 'ip'), `${c.id} has typed observables`);
      assert.ok(c.title.length > 0 && c.alert_count >= 1 && c.status === 'new');
    }
  });
}

test('cases resolved through the CLI give the MTTA and MTTR of the times set; MTTD comes from the alerts', () => {
  const { db, alerts } = prepareOnce(1);
  const cases = ndjsonValues(ok(['cases', 'list', '--db', db, '--json'])).map((c) => caseJsonSchema.parse(c));
  const [a, b] = cases;
  assert.ok(a !== undefined && b !== undefined);
  ok(['cases', 'ack', a.id, '--db', db, '--actor', 'ana'], { VIGIL_NOW: at(10) });
  ok(['cases', 'update', a.id, '--db', db, '--status', 'in_progress', '--assignee', 'bob', '--tag', 'ssh', '--comment', 'blocking at the edge', '--actor', 'ana', '--now', at(12)]);
  ok(['cases', 'update', a.id, '--db', db, '--status', 'resolved', '--resolution', 'true_positive', '--actor', 'bob', '--now', at(30)]);
  ok(['cases', 'update', b.id, '--db', db, '--resolution', 'false_positive', '--actor', 'bob'], { VIGIL_NOW: at(90) });

  const refused = vigil(['cases', 'update', b.id, '--db', db, '--status', 'resolved', '--now', at(91)]);
  assert.equal(refused.status, 2, 'resolving without a resolution is refused');
  assert.match(refused.stderr, /needs a resolution/);
  assert.equal(vigil(['cases', 'update', a.id, '--db', db, '--status', 'closed']).status, 2);
  assert.equal(vigil(['cases', 'show', 'case-000000000000', '--db', db]).status, 2);

  const m = metricsSchema.parse(JSON.parse(ok(['cases', 'metrics', '--db', db, '--json'])));
  assert.deepEqual(m.overall.mttr, { count: 2, mean_seconds: 3600, median_seconds: 3600 }, 'resolved after 30 and 90 minutes');
  assert.deepEqual(m.overall.mtta, { count: 2, mean_seconds: 3000, median_seconds: 3000 }, 'acknowledged after 10 minutes, and on resolution after 90');
  assert.equal(m.overall.cases, cases.length);
  // MTTD: from each case's earliest evidence to its earliest detection (event time), recomputed from the alerts.
  const detection = (x: Alert): number => Date.parse(x.rule.category === 'anomaly' ? x.event.end : x['@timestamp']);
  const perCase = cases.map((c) => {
    const own = alerts.filter((x) => c.alert_ids.includes(x.id));
    return Math.min(...own.map(detection)) - Math.min(...own.map((x) => Date.parse(x.event.start)));
  });
  const expectedMean = Math.round(perCase.reduce((s, x) => s + x, 0) / perCase.length) / 1000;
  assert.ok(perCase.some((x) => x > 0));
  assert.equal(m.overall.mttd.count, cases.length);
  assert.ok(Math.abs((m.overall.mttd.mean_seconds ?? -1) - expectedMean) < 0.002, `MTTD ${m.overall.mttd.mean_seconds} s, expected ${expectedMean} s`);
  const severity = Object.entries(m.by_severity).filter(([, s]) => s.mttr.count > 0);
  assert.equal(severity.reduce((n, [, s]) => n + s.mttr.count, 0), 2);
  assert.equal(metricsSchema.parse(JSON.parse(ok(['cases', 'metrics', '--db', db, '--json', '--since', at(1)]))).overall.cases, 0);

  const shown = z.object({ status: z.string(), resolution: z.string().nullable(), assignee: z.string().nullable(), timeline: z.array(z.object({ type: z.string(), actor: z.string(), at: z.string() })) }).parse(
    JSON.parse(ok(['cases', 'show', a.id, '--db', db, '--json'])),
  );
  assert.equal(shown.status, 'resolved');
  assert.equal(shown.resolution, 'true_positive');
  assert.equal(shown.assignee, 'bob');
  assert.deepEqual(shown.timeline.slice(-6).map((e) => [e.type, e.actor, e.at]), [
    ['acknowledged', 'ana', at(10)],
    ['assigned', 'ana', at(12)],
    ['tagged', 'ana', at(12)],
    ['comment', 'ana', at(12)],
    ['status_changed', 'ana', at(12)],
    ['status_changed', 'bob', at(30)],
  ]);
  assert.equal(ndjsonValues(ok(['cases', 'list', '--db', db, '--json', '--status', 'resolved'])).length, 2);
  assert.match(ok(['cases', 'show', a.id, '--db', db]), /Timeline:[\s\S]*blocking at the edge/);
});

test('service levels are evaluated at a given time and each breach is recorded once', () => {
  const { db } = prepareOnce(2);
  const slaSchema = z.object({ recorded: z.array(z.object({ case: z.string(), target: z.string() })), open: z.array(z.object({ id: z.string() })) });
  const early = slaSchema.parse(JSON.parse(ok(['cases', 'sla', '--db', db, '--json', '--now', at(5)])));
  assert.deepEqual(early.recorded, [], 'nothing is due five minutes after opening');
  const late = slaSchema.parse(JSON.parse(ok(['cases', 'sla', '--db', db, '--json', '--now', at(8 * 24 * 60)])));
  assert.equal(late.recorded.length, 2 * late.open.length, 'a week later every open case missed both targets');
  const again = slaSchema.parse(JSON.parse(ok(['cases', 'sla', '--db', db, '--json', '--now', at(9 * 24 * 60)])));
  assert.deepEqual(again.recorded, []);
  const events = z.object({ timeline: z.array(z.object({ type: z.string() })) }).parse(JSON.parse(ok(['cases', 'show', late.open[0]!.id, '--db', db, '--json'])));
  assert.equal(events.timeline.filter((e) => e.type === 'sla_breached').length, 2);
});

test('hostile input: control characters in a comment never reach the terminal raw; bad ids and times are usage errors', () => {
  const { db } = prepareOnce(2);
  const id = caseJsonSchema.parse(ndjsonValues(ok(['cases', 'list', '--db', db, '--json']))[0]).id;
  ok(['cases', 'update', id, '--db', db, '--comment', 'x\u001b[2J; rm -rf / $(id)', '--now', at(1)]);
  const out = ok(['cases', 'show', id, '--db', db]);
  assert.ok(!out.includes('\u001b'), 'escape sequences are neutralised');
  assert.match(out, /x\?\[2J; rm -rf \/ \$\(id\)/);
  assert.equal(vigil(['cases', 'show', "case-1' OR 1=1", '--db', db]).status, 2);
  assert.equal(vigil(['cases', 'metrics', '--db', db, '--since', 'yesterday']).status, 2);
  assert.equal(vigil(['cases', 'list', '--db', db], { VIGIL_NOW: 'soon' }).status, 2);
  assert.equal(vigil(['cases', 'list', '--db', join(dir, 'missing.db')]).status, 2);
});
