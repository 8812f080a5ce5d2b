import { existsSync } from 'node:fs';
import { z } from 'zod';
import { CASE_STATUSES, RESOLUTIONS, caseToJson, serviceLevelStatus, type CaseEvent, type CaseState, type CasesConfig, type DurationStats, type MetricSet } from '../../core/cases/index.js';
import { VigilError } from '../../lib/errors.js';
import { openCaseStores, type CaseStores } from '../../runtime/cases/index.js';
import { loadVigilConfig } from '../../runtime/config/load-config.js';
import { DEFAULT_DB_PATH } from '../../runtime/store/default-path.js';
import { parseCommandArgs, UsageError } from '../command.js';

const HELP = `Usage: vigil cases <verb> [options]

Cases group alerts that share a source IP or user within a time window (see "cases" in vigil.yml).
Every change is an event in the case's timeline.

Verbs:
  build                      group the stored alerts that are in no case yet
  list [--status S] [--json] cases, newest first (--json: one object per line)
  show ID [--json]           a case with its alerts and timeline
  update ID [--status S] [--resolution R] [--assignee NAME | --unassign] [--tag T]... [--comment TEXT]
  ack ID                     acknowledge a case
  metrics [--since T] [--until T] [--json]
                             MTTD, MTTA, MTTR (count, mean, median) of cases opened in [since, until)
  sla [--json]               record and show missed service levels of open cases

Options (all verbs):
  --db PATH      SQLite store (default ${DEFAULT_DB_PATH})
  --config FILE  configuration (the "cases" section: window, linking, service levels)
  --actor NAME   who makes the change (default $USER)
  --now TIME     the time of the change, ISO-8601 (default: $VIGIL_NOW, else the clock; for tests and replays)

Statuses: ${CASE_STATUSES.join(', ')}. Resolutions: ${RESOLUTIONS.join(', ')}.
`;

const OPTIONS = {
  db: { type: 'string' },
  config: { type: 'string' },
  actor: { type: 'string' },
  now: { type: 'string' },
  status: { type: 'string' },
  resolution: { type: 'string' },
  assignee: { type: 'string' },
  unassign: { type: 'boolean' },
  tag: { type: 'string', multiple: true },
  comment: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const isoTime = z.string().max(64).refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO-8601 time').transform((s) => new Date(s).toISOString());
const name = z.string().trim().min(1).max(200);
const argsSchema = z.object({
  db: z.string().min(1).max(4096).optional(),
  config: z.string().min(1).max(4096).optional(),
  actor: name.optional(),
  now: isoTime.optional(),
  status: z.enum(CASE_STATUSES).optional(),
  resolution: z.enum(RESOLUTIONS).optional(),
  assignee: name.optional(),
  unassign: z.boolean().optional(),
  tag: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  comment: z.string().min(1).max(10_000).optional(),
  since: isoTime.optional(),
  until: isoTime.optional(),
  limit: z.coerce.number().int().min(1).max(100_000).optional(),
  json: z.boolean().optional(),
  help: z.boolean().optional(),
});
type Args = z.infer<typeof argsSchema>;
const caseIdSchema = z.string().regex(/^case-[0-9a-f]{12}$/, 'a case id looks like case-0123456789ab');

/** `vigil cases` */
export async function runCases(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === '--help' || verb === '-h') {
    process.stdout.write(HELP);
    return verb === undefined ? 2 : 0;
  }
  const parsed = parseCommandArgs({ args: rest, allowPositionals: true, options: OPTIONS }, HELP);
  const checked = argsSchema.safeParse(parsed.values);
  if (!checked.success) throw new UsageError(checked.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  const args = checked.data;
  if (args.help === true) {
    process.stdout.write(HELP);
    return 0;
  }
  const positionals = parsed.positionals;
  const takesId = verb === 'show' || verb === 'update' || verb === 'ack';
  if (positionals.length !== (takesId ? 1 : 0)) throw new UsageError(takesId ? `cases ${verb} takes one case ID` : `cases ${verb} takes no arguments`);
  const id = takesId ? caseIdSchema.safeParse(positionals[0]) : undefined;
  if (id !== undefined && !id.success) throw new UsageError(id.error.issues[0]?.message ?? 'invalid case id');
  const caseId = id?.data ?? '';

  const path = args.db ?? DEFAULT_DB_PATH;
  if (verb !== 'build' && !existsSync(path)) throw new UsageError(`no store at ${path}: run "vigil analyze" and "vigil cases build" first, or pass --db`);
  const config = (await loadVigilConfig(args.config)).cases;
  const envNow = process.env.VIGIL_NOW;
  const now = args.now ?? (envNow === undefined || envNow === '' ? new Date().toISOString() : parseEnvNow(envNow));
  const userActor = name.safeParse(process.env.USER);
  const options = { now, config, actor: args.actor ?? (userActor.success ? userActor.data : 'analyst') };
  const stores = openCaseStores(path);
  try {
    switch (verb) {
      case 'build':
        return await build(stores, options, args);
      case 'list':
        return await list(stores, args);
      case 'show':
        return await show(stores, caseId, args);
      case 'update':
      case 'ack':
        return await update(stores, caseId, verb, options, args);
      case 'metrics': {
        const metrics = await stores.service.metrics({ ...(args.since === undefined ? {} : { since: args.since }), ...(args.until === undefined ? {} : { until: args.until }) });
        if (args.json === true) process.stdout.write(`${JSON.stringify(metrics, null, 2)}\n`);
        else printMetrics(metrics.overall, metrics.by_severity, metrics.by_rule);
        return 0;
      }
      case 'sla':
        return await sla(stores, options, args);
      default:
        throw new UsageError(`unknown cases verb "${verb}"\n\n${HELP}`);
    }
  } finally {
    await stores.close();
  }
}

function parseEnvNow(value: string): string {
  const r = isoTime.safeParse(value);
  if (!r.success) throw new UsageError('VIGIL_NOW must be an ISO-8601 time');
  return r.data;
}

type Options = { readonly now: string; readonly config: CasesConfig; readonly actor: string };

async function build(stores: CaseStores, options: Options, args: Args): Promise<number> {
  const outcome = await stores.service.ingestStoredAlerts(stores.alerts, { ...options, actor: 'vigil' });
  const summary = {
    alerts_considered: outcome.alertsConsidered,
    cases_created: outcome.casesCreated,
    cases_updated: outcome.casesUpdated,
    alerts_added: outcome.alertsAdded,
    alerts_repeated: outcome.alertsRepeated,
    sla_breaches: outcome.events.filter((e) => e.type === 'sla.breached').length,
  };
  if (args.json === true) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else process.stdout.write(`${summary.alerts_considered} new alert(s): ${summary.cases_created} case(s) opened, ${summary.cases_updated} updated, ${summary.alerts_repeated} repeat(s)\n`);
  return 0;
}

async function list(stores: CaseStores, args: Args): Promise<number> {
  const cases = await stores.cases.listCases({ ...(args.status === undefined ? {} : { status: args.status }), ...(args.limit === undefined ? {} : { limit: args.limit }) });
  if (args.json === true) {
    for (const c of cases) process.stdout.write(`${JSON.stringify(caseToJson(c))}\n`);
    return 0;
  }
  for (const c of cases) {
    process.stdout.write(`${c.id}  ${c.severity.padEnd(8)} ${c.status.padEnd(11)} ${String(c.alerts.length).padStart(4)} alert(s)  ${c.openedAt}  ${printable(c.title)}\n`);
  }
  process.stdout.write(`${cases.length} case(s)\n`);
  return 0;
}

async function show(stores: CaseStores, caseId: string, args: Args): Promise<number> {
  const history = await stores.cases.getHistory(caseId);
  const state = await stores.cases.getCase(caseId);
  if (history === undefined || state === undefined) throw new VigilError('INVALID_ARGUMENT', `no case ${caseId}`);
  if (args.json === true) {
    process.stdout.write(`${JSON.stringify({ ...caseToJson(state), timeline: history.events }, null, 2)}\n`);
    return 0;
  }
  printCase(state);
  process.stdout.write('\nTimeline:\n');
  for (const e of history.events) process.stdout.write(`  ${e.at}  ${printable(e.actor).padEnd(12)} ${e.type.padEnd(16)} ${printable(describe(e))}\n`);
  return 0;
}

async function update(stores: CaseStores, caseId: string, verb: 'update' | 'ack', options: Options, args: Args): Promise<number> {
  if (args.unassign === true && args.assignee !== undefined) throw new UsageError('--assignee and --unassign exclude each other');
  const change =
    verb === 'ack'
      ? { acknowledge: true }
      : {
          ...(args.status === undefined ? {} : { status: args.status }),
          ...(args.resolution === undefined ? {} : { resolution: args.resolution }),
          ...(args.assignee === undefined ? (args.unassign === true ? { assignee: null } : {}) : { assignee: args.assignee }),
          ...(args.tag === undefined ? {} : { tags: args.tag }),
          ...(args.comment === undefined ? {} : { comment: args.comment }),
        };
  if (Object.keys(change).length === 0) throw new UsageError('cases update needs at least one of --status, --resolution, --assignee, --unassign, --tag, --comment');
  const result = await stores.service.updateCase(caseId, change, options);
  if (!result.ok) throw new VigilError('INVALID_ARGUMENT', result.error.message);
  if (args.json === true) process.stdout.write(`${JSON.stringify(caseToJson(result.value.case))}\n`);
  else process.stdout.write(`${caseId}: ${result.value.events.length === 0 ? 'unchanged' : result.value.events.map((e) => (e.type === 'case.updated' ? e.change : e.type)).join(', ')}\n`);
  return 0;
}

async function sla(stores: CaseStores, options: Options, args: Args): Promise<number> {
  const recorded = await stores.service.evaluateServiceLevels({ ...options, actor: 'vigil' });
  const now = Date.parse(options.now);
  const open = (await stores.cases.listCases({ limit: 100_000 })).filter((c) => c.status !== 'resolved');
  const rows = open.map((c) => ({ id: c.id, severity: c.severity, status: c.status, targets: serviceLevelStatus(c, now, options.config) }));
  if (args.json === true) {
    process.stdout.write(`${JSON.stringify({ now: options.now, recorded: recorded.map((e) => (e.type === 'sla.breached' ? { case: e.caseId, target: e.breach.target, deadline: e.breach.deadline } : null)).filter((x) => x !== null), open: rows }, null, 2)}\n`);
    return 0;
  }
  for (const r of rows) {
    const cells = r.targets.map((t) => `${t.target} ${t.breached ? 'BREACHED' : t.metAt === null ? `due in ${duration(t.remainingMs ?? 0)}` : 'met'}`);
    process.stdout.write(`${r.id}  ${r.severity.padEnd(8)} ${r.status.padEnd(11)} ${cells.join(', ')}\n`);
  }
  process.stdout.write(`${rows.length} open case(s); ${recorded.length} new breach(es) recorded\n`);
  return 0;
}

function printCase(c: CaseState): void {
  const j = caseToJson(c);
  const line = (k: string, v: string): void => {
    process.stdout.write(`${k.padEnd(13)} ${printable(v)}\n`);
  };
  line('Case', `${j.id}  ${j.title}`);
  line('Severity', j.severity);
  line('Status', `${j.status}${j.resolution === null ? '' : ` (${j.resolution})`}`);
  line('Assignee', j.assignee ?? '-');
  line('Tags', j.tags.join(', ') || '-');
  line('Opened', `${j.opened_at}  acknowledged ${j.acknowledged_at ?? '-'}  resolved ${j.resolved_at ?? '-'}`);
  line('Activity', `${j.first_seen} .. ${j.last_seen}`);
  line('Source IPs', shortList(j.related.ip));
  line('Users', shortList(j.related.user));
  line('Hosts', shortList(j.related.hosts));
  process.stdout.write(`Alerts (${j.alert_count}, ${j.occurrence_count} occurrence(s)):\n`);
  for (const a of j.alerts) process.stdout.write(`  ${a.timestamp}  ${a.severity.padEnd(8)} ${printable(a.rule.id)}${a.occurrences > 1 ? ` ×${a.occurrences}` : ''}  ${a.id}\n`);
}

function describe(e: CaseEvent): string {
  switch (e.type) {
    case 'created':
      return e.title;
    case 'alert_added':
      return `${e.alert.rule.id} ${e.alert.id}${e.repeat_of === undefined ? '' : ` (again: ${e.repeat_of})`}`;
    case 'status_changed':
      return `${e.from} -> ${e.to}${e.resolution === undefined ? '' : ` (${e.resolution})`}`;
    case 'assigned':
      return e.assignee ?? '(unassigned)';
    case 'tagged':
      return e.tag;
    case 'observable_added':
      return `${e.observable.type} ${e.observable.value}`;
    case 'comment':
      return e.text;
    case 'sla_breached':
      return `${e.target} (${e.severity}, ${e.limit_minutes} min, due ${e.deadline})`;
    case 'acknowledged':
      return '';
    default: {
      const never: never = e;
      return String(never);
    }
  }
}

function printMetrics(overall: MetricSet, bySeverity: Readonly<Record<string, MetricSet>>, byRule: Readonly<Record<string, MetricSet>>): void {
  const cell = (s: DurationStats): string => (s.count === 0 ? '-'.padEnd(24) : `${duration((s.mean_seconds ?? 0) * 1000)} / ${duration((s.median_seconds ?? 0) * 1000)} (${s.count})`.padEnd(24));
  const row = (label: string, m: MetricSet): void => {
    process.stdout.write(`${printable(label).slice(0, 44).padEnd(44)} ${String(m.cases).padStart(5)}  ${cell(m.mttd)} ${cell(m.mtta)} ${cell(m.mttr)}\n`);
  };
  process.stdout.write(`${''.padEnd(44)} ${'cases'.padStart(5)}  ${'MTTD mean / median (n)'.padEnd(24)} ${'MTTA'.padEnd(24)} ${'MTTR'.padEnd(24)}\n`);
  row('all', overall);
  for (const [severity, m] of Object.entries(bySeverity)) if (m.cases > 0) row(`severity ${severity}`, m);
  for (const [rule, m] of Object.entries(byRule)) row(rule, m);
}

/** A duration for people: 42s, 7m 05s, 3h 20m, 2d 4h. */
function duration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return `${sign}${s}s`;
  if (s < 3600) return `${sign}${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  if (s < 86400) return `${sign}${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${sign}${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

const shortList = (xs: readonly string[]): string => (xs.length === 0 ? '-' : xs.length <= 8 ? xs.join(', ') : `${xs.slice(0, 8).join(', ')} … (${xs.length})`);

/** Alert data is attacker-chosen: control characters never reach the terminal. */
function printable(s: string): string {
  return s.replace(/[\p{Cc}\u2028\u2029]/gu, '?');
}
