import { existsSync, writeFileSync } from 'node:fs';
import { VigilError } from '../../lib/errors.js';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { analyze, type AnalyzeProgress } from '../../runtime/analyze/analyze.js';
import { totals } from '../../runtime/analyze/summary.js';
import { loadVigilConfig } from '../../runtime/config/load-config.js';
import type { Alert } from '../../schema/alert.js';
import type { SigmaRule } from '../../core/sigma/index.js';
import type { SigmaMappings } from '../../core/sigma/logsource/index.js';
import { DEFAULT_DB_PATH } from '../../runtime/store/default-path.js';
import { parseCommandArgs, UsageError } from '../command.js';
import { formatAnalyzeReport, type Destinations } from '../format/analyze-report.js';
import { createProgressPrinter } from '../format/progress.js';

const HELP = `Usage: vigil analyze FILE... [options]

Reads Linux auth/syslog logs (RFC 3164, RFC 5424 or ISO-8601 timestamps; plain or gzip; - for stdin),
runs every detection and prints a report. Alerts are stored in SQLite (deterministic ids: re-running
never duplicates them).

Options:
  --ndjson OUT|-   also write one alert per line as NDJSON to OUT (- for standard output)
  --db PATH        SQLite store (default ./.vigil/vigil.db)
  --no-store       do not store alerts
  --year YYYY      year of RFC 3164 timestamps (default: inferred from each file's modification time)
  --config FILE    YAML/JSON configuration (thresholds and windows under "detections:")
  --rules PATH     Sigma rules (file or folder, repeatable) to run over the parsed events too
  --intel FILE     threat-intel feed to match every event against: Vigil CSV (indicator,type,
                   confidence,source,first_seen) or one indicator per line (repeatable); the
                   store's active indicators (vigil intel import/pull) are matched too, and values
                   on the configured MISP warninglists (intel.warninglists) never alert
  --respond        group new alerts into cases and run the playbooks they trigger (needs the
                   store); actions with effects outside Vigil are planned, not run
  --execute        with --respond: run those actions too (webhooks, mail, SIEM, firewall …);
                   $VIGIL_NOW (ISO-8601) fixes the clock of cases and runs (tests, replays)
  --json           print the summary as JSON instead of the human report
  --progress       show progress even when standard error is not a terminal
  --no-progress    never show progress
  -h, --help       this help
`;

/** `vigil analyze FILE...` */
export async function runAnalyze(args: string[], signal: AbortSignal): Promise<number> {
  const { values, positionals } = parseOptions(args);
  if (values.help === true) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError(`analyze needs at least one FILE (or - for stdin)\n\n${HELP}`);
  if (positionals.filter((p) => p === '-').length > 1) throw new UsageError('standard input (-) can be given only once');
  if (values.respond === true && values['no-store'] === true) throw new UsageError('--respond keeps cases in the store: it cannot go with --no-store');
  if (values.execute === true && values.respond !== true) throw new UsageError('--execute goes with --respond');
  const year = parseYear(values.year);
  const vigilConfig = await loadVigilConfig(values.config);
  const config = vigilConfig.detections;
  const ndjson = values.ndjson;
  const showProgress = values['no-progress'] !== true && (values.progress === true || process.stderr.isTTY);
  const progress = showProgress ? createProgressPrinter(process.stderr) : undefined;
  const startedAt = new Date().toISOString();
  const sigma = values.rules === undefined ? undefined : await loadSigma(values.rules);
  // Threat intel: the --intel files plus the store's active indicators, known-good warninglists applied.
  const intelDb = values['no-store'] === true ? values.db : (values.db ?? DEFAULT_DB_PATH);
  const intelMod = values.intel !== undefined || (intelDb !== undefined && existsSync(intelDb)) ? await import('../../runtime/intel/analyze-intel.js') : undefined;
  const intel = await intelMod?.prepareAnalyzeIntel({ feedFiles: values.intel ?? [], dbPath: intelDb, config: vigilConfig.intel, now: Date.now() });
  if (intel?.index !== undefined) process.stderr.write(intelMod!.describeAnalyzeIntel(intel));

  const summary = await analyze({
    inputs: positionals,
    config,
    year,
    signal,
    intel: intel?.index,
    sigma,
    onProgress:
      progress === undefined
        ? undefined
        : (p: AnalyzeProgress) => {
            progress.update(p);
          },
  });
  progress?.done();

  const destinations: { store?: Destinations['store']; ndjson?: string } = {};
  /** Alerts the store did not hold before this run: only they trigger playbooks (re-runs notify nobody twice). */
  const freshAlerts: Alert[] = [];
  if (ndjson !== undefined) {
    await writeNdjson(ndjson, summary.alerts);
    destinations.ndjson = ndjson;
  }
  if (values['no-store'] !== true) {
    const path = values.db ?? DEFAULT_DB_PATH;
    // Loaded only when storing: the native SQLite binding is not needed for --no-store runs.
    const { openSqliteStore } = await import('../../runtime/store/sqlite-store.js');
    const store = openSqliteStore(path);
    try {
      if (values.respond === true) {
        for (const alert of summary.alerts) if ((await store.getAlert(alert.id)) === undefined) freshAlerts.push(alert);
      }
      const result = await store.putAlerts(summary.alerts);
      await store.recordRun({
        id: randomUUID(),
        startedAt,
        finishedAt: new Date().toISOString(),
        inputs: positionals,
        stats: { ...totals(summary.inputs), alerts: summary.alerts.length, durationMs: Math.round(summary.durationMs) },
      });
      destinations.store = { path, result };
    } finally {
      await store.close();
    }
  }

  const respondMod = values.respond === true ? await import('../../runtime/respond/respond.js') : undefined;
  const response = await respondMod?.respondToAlerts(freshAlerts, {
    dbPath: values.db ?? DEFAULT_DB_PATH,
    config: vigilConfig,
    execute: values.execute === true,
    signal,
    ...(process.env.VIGIL_NOW === undefined || process.env.VIGIL_NOW === '' ? {} : { now: fixedClock(process.env.VIGIL_NOW) }),
  });
  const report =
    values.json === true
      ? `${JSON.stringify(
          {
            inputs: summary.inputs,
            totals: totals(summary.inputs),
            alerts: summary.alerts.length,
            duration_ms: Math.round(summary.durationMs),
            actions: Object.fromEntries(summary.actions),
            ...(response === undefined ? {} : { respond: response }),
          },
          null,
          2,
        )}\n`
      : formatAnalyzeReport(summary, destinations) + (response === undefined ? '' : respondMod!.describeResponse(response, values.execute === true));
  // With alerts on standard output, the report goes to standard error so the stream stays pure NDJSON.
  (ndjson === '-' ? process.stderr : process.stdout).write(report);
  if (intel !== undefined) process.stderr.write(intelMod!.describeSuppression(intel.suppression));
  const failed = summary.inputs.filter((i) => i.error !== undefined);
  for (const input of failed) process.stderr.write(`vigil: ${input.path}: ${input.error!.message}\n`);
  return failed.length > 0 ? 1 : 0;
}

function parseOptions(args: string[]) {
  return parseCommandArgs(
    {
      args,
      allowPositionals: true,
      options: {
        ndjson: { type: 'string' },
        db: { type: 'string' },
        'no-store': { type: 'boolean' },
        year: { type: 'string' },
        config: { type: 'string' },
        intel: { type: 'string', multiple: true },
        rules: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        respond: { type: 'boolean' },
        execute: { type: 'boolean' },
        progress: { type: 'boolean' },
        'no-progress': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    HELP,
  );
}

/** `VIGIL_NOW` (ISO-8601) fixes the wall clock of cases and playbook runs, for tests and replays. */
function fixedClock(value: string): () => number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError('VIGIL_NOW must be an ISO-8601 time');
  return () => ms;
}

function parseYear(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const year = Number(raw);
  if (!/^\d{4}$/.test(raw) || year < 1970 || year > 9999) throw new UsageError(`--year must be a four-digit year, not "${raw}"`);
  return year;
}

async function writeNdjson(target: string, alerts: readonly Alert[]): Promise<void> {
  const text = alerts.map((a) => `${JSON.stringify(a)}\n`).join('');
  if (target !== '-') {
    try {
      writeFileSync(target, text);
    } catch (cause) {
      throw new VigilError('OUTPUT_FAILED', `cannot write ${target}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
    return;
  }
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

/** Loads Sigma rules and the shipped mappings (only when --rules is given: rule loading is not free). */
async function loadSigma(paths: string[]): Promise<{ rules: SigmaRule[]; mappings: SigmaMappings }> {
  const [{ loadRules }, { loadSigmaMappings }] = await Promise.all([import('../../runtime/content/load-rules.js'), import('../../runtime/content/load-mappings.js')]);
  const mappings = await loadSigmaMappings();
  if (!mappings.ok) throw new VigilError('INVALID_CONFIG', `the shipped Sigma mappings are invalid: ${mappings.error.map((i) => i.message).join('; ')}`);
  const loaded = await loadRules(paths);
  process.stderr.write(`Sigma: ${loaded.rules.length} rules from ${loaded.files} files${loaded.errors.length ? ` (${loaded.errors.length} did not load; see "vigil rules lint")` : ''}.\n`);
  return { rules: loaded.rules, mappings: mappings.value };
}
