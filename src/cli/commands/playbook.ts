import { existsSync, readFileSync } from 'node:fs';
import { formatIssue, type CompiledPlaybook } from '../../core/playbook/index.js';
import { VigilError } from '../../lib/errors.js';
import { fixturesOf, runFixtures } from '../../runtime/playbook/fixtures.js';
import type { RunResult, TriggerData } from '../../runtime/playbook/runner.js';
import { loadPlaybookFile } from '../../runtime/playbook/load-playbooks.js';
import { openPlaybookSession, type PlaybookSession } from '../../runtime/playbook/playbook-session.js';
import { replayRun } from '../../runtime/playbook/replay.js';
import type { StepRecord } from '../../runtime/playbook/journal-types.js';
import { loadVigilConfig } from '../../runtime/config/load-config.js';
import { DEFAULT_DB_PATH } from '../../runtime/store/default-path.js';
import { openSqliteStore } from '../../runtime/store/sqlite-store.js';
import { alertSchema } from '../../schema/alert.js';
import { parseCommandArgs, UsageError } from '../command.js';

const HELP = `Usage: vigil playbook <verb> [options]

  list                         the playbooks found (bundled, config dirs, --dir) and any that do not load
  validate FILE...             check playbooks against the schema and the actions (file:line:col errors)
  test [FILE...]               run playbooks' own fixtures (tests: section or FILE.tests.yml)
  run NAME (--alert ID | --alert-file FILE) [--dry-run] [--input K=V]... [--wait]
                               run a playbook; write and destructive actions are planned with --dry-run
  runs                         recorded runs, newest first
  show RUN                     a run's steps, attempts, approvals and log
  approve RUN STEP --decision approve|reject --actor NAME [--no-resume]
                               decide a waiting approval, then resume the run
  resume [RUN] [--wait]        resume waiting or interrupted runs (all of them without RUN)
  replay RUN [--file FILE]     re-run against the recorded responses (no calls) and show what differs

Options:
  --db PATH          SQLite store (default ${DEFAULT_DB_PATH})
  --config FILE      vigil.yml (its playbooks and connectors sections)
  --dir DIR          another folder of playbooks (repeatable)
  --secrets-file F   NAME=value secrets, readable only by its owner (default: VIGIL_SECRETS_FILE);
                     VIGIL_SECRET_<NAME> environment variables are read too
  --json             machine-readable output
Exit codes: 0 done, 1 invalid playbook / failed test or run, 2 usage or configuration error.
`;

const OPTIONS = {
  db: { type: 'string' },
  config: { type: 'string' },
  dir: { type: 'string', multiple: true },
  'secrets-file': { type: 'string' },
  json: { type: 'boolean' },
  alert: { type: 'string' },
  'alert-file': { type: 'string' },
  'dry-run': { type: 'boolean' },
  input: { type: 'string', multiple: true },
  wait: { type: 'boolean' },
  decision: { type: 'string' },
  actor: { type: 'string' },
  'no-resume': { type: 'boolean' },
  file: { type: 'string' },
  limit: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parse>['values'];

function parse(args: string[]) {
  return parseCommandArgs({ args, allowPositionals: true, options: OPTIONS }, HELP);
}

const out = (text: string): void => {
  process.stdout.write(text);
};
const json = (value: unknown): void => {
  out(`${JSON.stringify(value, null, 2)}\n`);
};

async function session(values: Values, needStore: boolean): Promise<PlaybookSession> {
  const dbPath = values.db ?? DEFAULT_DB_PATH;
  if (needStore && !existsSync(dbPath)) throw new UsageError(`no store at ${dbPath}: pass --db`);
  const config = await loadVigilConfig(values.config);
  return openPlaybookSession({
    dbPath,
    config,
    ...(values.dir === undefined ? {} : { dirs: values.dir }),
    ...(values['secrets-file'] === undefined ? {} : { secretsFile: values['secrets-file'] }),
  });
}

/** `vigil playbook …` */
export async function runPlaybook(args: string[], signal: AbortSignal): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === undefined || verb === '--help' || verb === '-h') {
    out(HELP);
    return verb === undefined ? 2 : 0;
  }
  const { values, positionals } = parse(rest);
  if (values.help === true) {
    out(HELP);
    return 0;
  }
  switch (verb) {
    case 'list':
      return withSession(values, false, (s) => list(s, values));
    case 'validate':
      return withSession(values, false, (s) => validate(s, values, positionals));
    case 'test':
      return withSession(values, false, (s) => testFixtures(s, values, positionals));
    case 'run':
      return withSession(values, false, (s) => run(s, values, positionals, signal));
    case 'runs':
      return withSession(values, true, (s) => runs(s, values));
    case 'show':
      return withSession(values, true, (s) => show(s, values, positionals));
    case 'approve':
      return withSession(values, true, (s) => approve(s, values, positionals, signal));
    case 'resume':
      return withSession(values, true, (s) => resume(s, values, positionals, signal));
    case 'replay':
      return withSession(values, true, (s) => replay(s, values, positionals));
    default:
      throw new UsageError(`unknown verb "${verb}"\n\n${HELP}`);
  }
}

async function withSession(values: Values, needStore: boolean, fn: (s: PlaybookSession) => Promise<number> | number): Promise<number> {
  const s = await session(values, needStore);
  try {
    return await fn(s);
  } finally {
    s.close();
  }
}

function list(s: PlaybookSession, values: Values): number {
  const rows = s.playbooks.map((p) => ({ name: p.playbook.name, version: p.playbook.version, trigger: p.playbook.trigger.type, steps: p.steps.length, tests: p.playbook.tests.length, file: p.file }));
  if (values.json === true) {
    json({ playbooks: rows, issues: s.issues });
  } else {
    for (const r of rows) out(`${r.name.padEnd(28)} ${r.trigger.padEnd(14)} ${String(r.steps).padStart(3)} step(s)  ${r.file}\n`);
    for (const i of s.issues) out(`${formatIssue(i)}\n`);
    out(`${rows.length} playbook(s)${s.issues.length > 0 ? `, ${s.issues.length} problem(s)` : ''}\n`);
  }
  return s.issues.length > 0 ? 1 : 0;
}

function validate(s: PlaybookSession, values: Values, files: string[]): number {
  if (files.length === 0) throw new UsageError(`playbook validate needs a FILE\n\n${HELP}`);
  const results = files.map((f) => ({ file: f, result: loadPlaybookFile(f, s.registry.lookup) }));
  const issues = results.flatMap((r) => (r.result.ok ? [] : r.result.error));
  if (values.json === true) json({ valid: issues.length === 0, issues });
  else {
    for (const i of issues) out(`${formatIssue(i)}\n`);
    for (const r of results) if (r.result.ok) out(`${r.file}: ok (${r.result.value.playbook.name}, ${r.result.value.steps.length} steps)\n`);
  }
  return issues.length > 0 ? 1 : 0;
}

async function testFixtures(s: PlaybookSession, values: Values, files: string[]): Promise<number> {
  let targets: CompiledPlaybook[] = [...s.playbooks];
  const issues = files.length === 0 ? [...s.issues] : [];
  if (files.length > 0) {
    targets = [];
    for (const f of files) {
      const r = loadPlaybookFile(f, s.registry.lookup);
      if (r.ok) targets.push(r.value);
      else issues.push(...r.error);
    }
  }
  const results = [];
  for (const pb of targets) results.push(...(await runFixtures(pb, s.registry)));
  const failed = results.filter((r) => !r.passed).length;
  if (values.json === true) json({ results, issues, passed: results.length - failed, failed });
  else {
    for (const i of issues) out(`${formatIssue(i)}\n`);
    for (const r of results) out(`${r.passed ? 'pass' : 'FAIL'}  ${r.playbook} / ${r.fixture}${r.failures.map((f) => `\n        ${f}`).join('')}\n`);
    const none = targets.filter((t) => fixturesOf(t).length === 0).map((t) => t.playbook.name);
    if (none.length > 0) out(`no fixtures: ${none.join(', ')}\n`);
    out(`${results.length - failed} passed, ${failed} failed\n`);
  }
  return failed > 0 || issues.length > 0 ? 1 : 0;
}

function parseInputs(s: PlaybookSession, values: Values): Record<string, unknown> {
  const inputs: Record<string, unknown> = { ...s.config.inputs };
  for (const kv of values.input ?? []) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new UsageError(`--input takes NAME=VALUE, not "${kv}"`);
    inputs[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  return inputs;
}

async function loadAlert(values: Values): Promise<unknown> {
  if (values['alert-file'] !== undefined) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(values['alert-file'], 'utf8'));
    } catch (cause) {
      throw new VigilError('INPUT_UNREADABLE', `cannot read the alert file ${values['alert-file']}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
    const parsed = alertSchema.safeParse(raw);
    if (!parsed.success) throw new VigilError('INVALID_ARGUMENT', `the alert file is not an alert: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return parsed.data;
  }
  if (values.alert === undefined) return undefined;
  const dbPath = values.db ?? DEFAULT_DB_PATH;
  if (!existsSync(dbPath)) throw new UsageError(`no store at ${dbPath}: run "vigil analyze" first or pass --db`);
  const store = openSqliteStore(dbPath);
  try {
    const alert = await store.getAlert(values.alert);
    if (alert === undefined) throw new VigilError('INVALID_ARGUMENT', `no alert ${values.alert} in ${dbPath}`);
    return alert;
  } finally {
    await store.close();
  }
}

async function run(s: PlaybookSession, values: Values, positionals: string[], signal: AbortSignal): Promise<number> {
  const name = positionals[0];
  if (name === undefined) throw new UsageError(`playbook run needs a NAME\n\n${HELP}`);
  const pb = s.playbooks.find((p) => p.playbook.name === name);
  if (pb === undefined) throw new VigilError('INVALID_ARGUMENT', `no playbook named "${name}" (see vigil playbook list)`);
  const alert = await loadAlert(values);
  const type = pb.playbook.trigger.type;
  if (alert === undefined && (type === 'alert_created' || type === 'sla_breached')) throw new UsageError(`playbook "${name}" is triggered by alerts: pass --alert ID or --alert-file FILE`);
  const trigger: TriggerData = { type, ...(alert === undefined ? {} : { alert }), inputs: parseInputs(s, values) };
  const result = await s.runner.start(pb, trigger, { mode: values['dry-run'] === true ? 'dry-run' : 'live', waitForApprovals: values.wait === true, signal });
  printRun(result, values);
  return result.status === 'failed' ? 1 : 0;
}

function stepJson(st: StepRecord): Record<string, unknown> {
  const parse = (t: string | null): unknown => (t === null ? null : JSON.parse(t));
  return { step: st.stepId, item: st.item, kind: st.kind, action: st.action, effect: st.effect, status: st.status, attempts: st.attempts, input: parse(st.inputJson), output: parse(st.outputJson), error: st.error, plan: st.plan, idempotency_key: st.idempotencyKey, started_at: new Date(st.startedAt).toISOString(), ended_at: new Date(st.endedAt).toISOString() };
}

function printRun(r: RunResult, values: Values): void {
  if (values.json === true) {
    json({ run_id: r.runId, playbook: r.playbook, mode: r.mode, status: r.status, error: r.error, steps: r.steps.map(stepJson) });
    return;
  }
  out(`run ${r.runId}  ${r.playbook}  ${r.mode}  ${r.status}${r.error === null ? '' : `: ${r.error}`}\n`);
  for (const st of r.steps) {
    const what = st.plan ?? st.error ?? (st.outputJson === null ? '' : st.outputJson.slice(0, 160));
    out(`  ${`${st.stepId}${st.item >= 0 ? `[${st.item}]` : ''}`.padEnd(24)} ${st.status.padEnd(9)} ${(st.action ?? st.kind).padEnd(24)} ${what}\n`);
  }
  if (r.status === 'waiting') out(`waiting for approval: vigil playbook approve ${r.runId} STEP --decision approve|reject --actor NAME\n`);
}

function runs(s: PlaybookSession, values: Values): number {
  const limit = values.limit === undefined ? 100 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a positive whole number');
  const list = s.journal.listRuns(limit);
  if (values.json === true) json(list.map((r) => ({ id: r.id, playbook: r.playbook, version: r.version, mode: r.mode, status: r.status, error: r.error, replay_of: r.replayOf, created_at: new Date(r.createdAt).toISOString(), finished_at: r.finishedAt === null ? null : new Date(r.finishedAt).toISOString() })));
  else {
    for (const r of list) out(`${r.id}  ${new Date(r.createdAt).toISOString()}  ${r.playbook.padEnd(24)} ${r.mode.padEnd(8)} ${r.status}\n`);
    out(`${list.length} run(s)\n`);
  }
  return 0;
}

function show(s: PlaybookSession, values: Values, positionals: string[]): number {
  const id = positionals[0];
  if (id === undefined) throw new UsageError(`playbook show needs a RUN\n\n${HELP}`);
  const r = s.runner.result(id);
  const approvals = r.steps.filter((st) => st.kind === 'approval').map((st) => s.journal.getApproval(id, st.stepId)).filter((a) => a !== undefined);
  const pending = s.journal.pendingApprovals().filter((a) => a.runId === id);
  const attempts = s.journal.listAttempts(id);
  const logs = s.journal.listLogs(id);
  if (values.json === true) {
    json({ run_id: r.runId, playbook: r.playbook, mode: r.mode, status: r.status, error: r.error, steps: r.steps.map(stepJson), attempts, approvals: [...approvals, ...pending], logs });
    return 0;
  }
  printRun(r, values);
  for (const a of [...approvals, ...pending]) out(`  approval ${a.stepId}: ${a.status}${a.decision === null ? '' : ` ${a.decision} by ${a.actor ?? '?'}`}, deadline ${new Date(a.deadline).toISOString()}: ${a.prompt}\n`);
  for (const a of attempts) out(`  attempt ${a.stepId}${a.item >= 0 ? `[${a.item}]` : ''} #${a.attempt} ${a.status}${a.error === null ? '' : `: ${a.error}`}\n`);
  for (const l of logs) out(`  log ${new Date(l.at).toISOString()} ${l.stepId ?? ''} ${l.message}${l.fieldsJson === null ? '' : ` ${l.fieldsJson}`}\n`);
  return 0;
}

async function approve(s: PlaybookSession, values: Values, positionals: string[], signal: AbortSignal): Promise<number> {
  const [runId, stepId] = positionals;
  if (runId === undefined || stepId === undefined) throw new UsageError(`playbook approve needs RUN and STEP\n\n${HELP}`);
  const decision = values.decision;
  if (decision !== 'approve' && decision !== 'reject') throw new UsageError('--decision must be approve or reject');
  const actor = values.actor;
  if (actor === undefined || actor.trim() === '' || actor.length > 200) throw new UsageError('--actor NAME is required (who decided)');
  if (!s.runner.decide(runId, stepId, decision, actor)) throw new VigilError('INVALID_ARGUMENT', `run ${runId} has no pending approval "${stepId}"`);
  if (values['no-resume'] === true) {
    out(`recorded: ${decision} by ${actor}\n`);
    return 0;
  }
  const r = await s.runner.resume(runId, { signal });
  printRun(r, values);
  return r.status === 'failed' ? 1 : 0;
}

async function resume(s: PlaybookSession, values: Values, positionals: string[], signal: AbortSignal): Promise<number> {
  const options = { waitForApprovals: values.wait === true, signal };
  const results = positionals[0] === undefined ? await s.runner.resumeAll(options) : [await s.runner.resume(positionals[0], options)];
  if (values.json === true) json(results.map((r) => ({ run_id: r.runId, playbook: r.playbook, status: r.status, error: r.error })));
  else {
    for (const r of results) printRun(r, values);
    out(`${results.length} run(s) resumed\n`);
  }
  return results.some((r) => r.status === 'failed') ? 1 : 0;
}

async function replay(s: PlaybookSession, values: Values, positionals: string[]): Promise<number> {
  const runId = positionals[0];
  if (runId === undefined) throw new UsageError(`playbook replay needs a RUN\n\n${HELP}`);
  const original = s.journal.getRun(runId);
  if (original === undefined) throw new VigilError('INVALID_ARGUMENT', `no playbook run ${runId}`);
  let pb: CompiledPlaybook | undefined;
  if (values.file !== undefined) {
    const r = loadPlaybookFile(values.file, s.registry.lookup);
    if (!r.ok) throw new VigilError('INVALID_CONFIG', r.error.map(formatIssue).join('\n'));
    pb = r.value;
  } else {
    pb = s.playbooks.find((p) => p.playbook.name === original.playbook);
  }
  if (pb === undefined) throw new VigilError('INVALID_ARGUMENT', `playbook "${original.playbook}" is not found any more: pass --file`);
  const { replay: r, differences } = await replayRun(s.journal, s.runner, runId, pb);
  if (values.json === true) {
    json({ run_id: runId, replay_id: r.runId, status: r.status, differences });
    return 0;
  }
  out(`replay ${r.runId} of ${runId} (${pb.playbook.name}): ${r.status}\n`);
  for (const d of differences) out(`  ${d.step}${d.item >= 0 ? `[${d.item}]` : ''} ${d.field}: ${d.before ?? '(not run)'} -> ${d.after ?? '(not run)'}\n`);
  out(differences.length === 0 ? 'no differences\n' : `${differences.length} difference(s)\n`);
  return 0;
}
