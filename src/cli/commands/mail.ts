import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Reason, ReasonSource } from '../../core/mail/contract.js';
import { registrableDomain } from '../../core/mail/headers/index.js';
import { VERDICTS } from '../../core/mail/verdict.js';
import type { Alert } from '../../schema/alert.js';
import type { MailResult } from '../../runtime/mail/analyze-mail-batch.js';
import { loadVigilConfig } from '../../runtime/config/load-config.js';
import { DEFAULT_DB_PATH } from '../../runtime/store/default-path.js';
import { parseCommandArgs, UsageError } from '../command.js';

const HELP = `Usage: vigil mail <command> [options]

Commands:
  analyze FILE|DIR|MBOX...   verdict (malicious, suspicious, spam, clean), score and reasons per message
  train ...                  retrain the classifier on your own labelled mail ("vigil mail train --help")
`;

const ANALYZE_HELP = `Usage: vigil mail analyze FILE|DIR|MBOX... [options]

Analyses reported emails: .eml and Outlook .msg files, mbox files, folders and Maildir folders.
Each message gets a verdict (malicious, suspicious, spam, clean), a score (0-100) and the reasons,
heaviest first, each naming the header, URL or attachment it comes from. Malicious and suspicious
messages become alerts in the store (deterministic ids: re-running never duplicates them).
Attachments are analysed in memory only; nothing is written but the store.

Options:
  --json           one JSON object per message (NDJSON) on standard output; the summary goes to stderr
  --db PATH        SQLite store (default ./${DEFAULT_DB_PATH})
  --no-store       do not store alerts or sender history
  --config FILE    YAML/JSON configuration: protected domains and brands under "protectedDomains:"
  --model FILE     a classifier trained with "vigil mail train" instead of the shipped one
  --no-model       run without the classifier
  --live-auth      verify DKIM/SPF/DMARC now, with DNS (the recorded results are always read)
  --progress       show progress even when standard error is not a terminal
  --no-progress    never show progress
  -h, --help       this help
Exit codes: 0 done, 1 an input could not be read, 2 usage error.
`;

const optionsSchema = z.strictObject({
  json: z.boolean().default(false),
  db: z.string().min(1).optional(),
  'no-store': z.boolean().default(false),
  config: z.string().min(1).optional(),
  model: z.string().min(1).optional(),
  'no-model': z.boolean().default(false),
  'live-auth': z.boolean().default(false),
  progress: z.boolean().optional(),
  'no-progress': z.boolean().optional(),
  help: z.boolean().default(false),
});

/** `vigil mail …` */
export async function runMail(args: string[], signal: AbortSignal): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'analyze') return runMailAnalyze(rest, signal);
  if (sub === 'train') return (await import('./mail-train.js')).runMailTrain(rest);
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    process.stdout.write(HELP);
    return sub === undefined ? 2 : 0;
  }
  throw new UsageError(`unknown mail command "${sub}"\n\n${HELP}`);
}

function parseOptions(args: string[]) {
  const parsed = parseCommandArgs(
    {
      args,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        db: { type: 'string' },
        'no-store': { type: 'boolean' },
        config: { type: 'string' },
        model: { type: 'string' },
        'no-model': { type: 'boolean' },
        'live-auth': { type: 'boolean' },
        progress: { type: 'boolean' },
        'no-progress': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    ANALYZE_HELP,
  );
  const values = optionsSchema.safeParse(parsed.values);
  if (!values.success) throw new UsageError(`${values.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}\n\n${ANALYZE_HELP}`);
  if (values.data.model !== undefined && values.data['no-model']) throw new UsageError('--model and --no-model exclude each other');
  return { values: values.data, positionals: parsed.positionals };
}

async function runMailAnalyze(args: string[], signal: AbortSignal): Promise<number> {
  const { values, positionals } = parseOptions(args);
  if (values.help) {
    process.stdout.write(ANALYZE_HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError(`mail analyze needs at least one FILE, DIR or MBOX\n\n${ANALYZE_HELP}`);
  const [{ analyzeMailBatch }, { loadMailSetup }] = await Promise.all([import('../../runtime/mail/analyze-mail-batch.js'), import('../../runtime/mail/load-mail-setup.js')]);
  const model = values['no-model'] ? false : values.model === undefined ? undefined : await loadModelFile(values.model);
  const vigilConfig = values.config === undefined ? undefined : await loadVigilConfig(values.config);
  const section = vigilConfig?.protectedDomains;
  // Intel lookups (URLs, domains, addresses, attachment hashes) when the store holds indicators.
  const intelDb = values['no-store'] ? values.db : (values.db ?? DEFAULT_DB_PATH);
  const lookups = intelDb === undefined || !existsSync(intelDb) ? undefined : await (await import('../../runtime/intel/mail-lookups.js')).mailLookupsFromStore(intelDb, (vigilConfig ?? (await loadVigilConfig(undefined))).intel, Date.now());
  const setup = await loadMailSetup({
    ...(model === undefined ? {} : { model }),
    ...(section === undefined ? {} : { protectedDomainsSection: section }),
    ...(lookups === undefined ? {} : { lookups }),
  });
  const resolver = values['live-auth'] ? (await import('../../runtime/mail/dns-resolver.js')).createDnsResolver() : undefined;
  const store = values['no-store'] ? undefined : await openMailStore(values.db ?? DEFAULT_DB_PATH);
  const showProgress = values['no-progress'] !== true && (values.progress === true || process.stderr.isTTY);
  const startedAt = new Date().toISOString();
  const out = process.stdout;
  const pending: Alert[] = [];
  const rows: MailResult[] = [];
  const started = performance.now();
  let shown = 0;
  let lastProgress = 0;
  let summary;
  try {
    summary = await analyzeMailBatch({
      paths: positionals,
      setup,
      signal,
      ...(resolver === undefined ? {} : { resolver }),
      ...(store === undefined ? {} : { headerContext: { isKnownSenderDomain: (d: string) => store.history.isKnown(d) } }),
      onFailure: (label, error) => {
        process.stderr.write(`${showProgress ? '\r\x1b[K' : ''}vigil: ${label}: ${error.message}\n`);
      },
      onResult: async (result) => {
        if (store !== undefined) {
          const domain = result.mail.from === undefined ? undefined : registrableDomain(result.mail.from.address);
          if (domain !== undefined) store.history.record(domain, new Date());
          if (result.alert !== undefined) pending.push(result.alert);
          if (pending.length >= 200) await store.alerts.putAlerts(pending.splice(0));
        }
        if (rows.length < 10_000) rows.push(result);
        shown++;
        const text = values.json ? `${JSON.stringify(toJson(result))}\n` : formatResult(result);
        if (showProgress) process.stderr.write('\r\x1b[K');
        if (!out.write(text)) await once(out, 'drain');
        const now = performance.now();
        if (showProgress && now - lastProgress > 250) {
          lastProgress = now;
          const rate = Math.round(shown / Math.max((now - started) / 1000, 1e-3));
          process.stderr.write(`[${shown}] ${result.label}  ${rate}/s`);
        }
      },
    });
  } finally {
    if (showProgress) process.stderr.write('\r\x1b[K');
    if (store !== undefined) {
      try {
        if (pending.length > 0) await store.alerts.putAlerts(pending.splice(0));
      } finally {
        if (summary === undefined) await store.alerts.close();
      }
    }
  }
  if (store !== undefined) {
    try {
      await store.alerts.recordRun({
        id: randomUUID(),
        startedAt,
        finishedAt: new Date().toISOString(),
        inputs: positionals,
        stats: { kind: 'mail', messages: summary.messages, ...summary.byVerdict, alerts: summary.alerts, failures: summary.failures.length, durationMs: Math.round(summary.durationMs) },
      });
    } finally {
      await store.alerts.close();
    }
  }
  const report = formatSummary(summary, rows, store === undefined ? undefined : values.db ?? DEFAULT_DB_PATH);
  (values.json ? process.stderr : process.stdout).write(report);
  return summary.failures.length > 0 ? 1 : 0;
}

async function loadModelFile(path: string) {
  const { loadMailModel } = await import('../../runtime/mail-train/index.js');
  return loadMailModel(path);
}

async function openMailStore(path: string) {
  const [{ openSqliteDatabase }, { alertStoreOn }, { senderHistoryOn }] = await Promise.all([
    import('../../runtime/store/sqlite-database.js'),
    import('../../runtime/store/sqlite-store.js'),
    import('../../runtime/mail/sender-history.js'),
  ]);
  const db = openSqliteDatabase(path);
  const alerts = alertStoreOn(db, { closeDatabase: true });
  return { alerts, history: senderHistoryOn(db) };
}

function describeSource(source: ReasonSource): string {
  switch (source.kind) {
    case 'header':
      return `header ${source.name}`;
    case 'url':
      return `url ${source.url.length > 100 ? `${source.url.slice(0, 100)}…` : source.url}${source.where === undefined ? '' : ` (${source.where})`}`;
    case 'attachment':
      return `attachment #${source.index} ${JSON.stringify(source.filename)}${source.path !== undefined && source.path.length > 0 ? ` › ${source.path.join(' › ')}` : ''}`;
    case 'body':
      return source.part === undefined ? 'body' : `body (${source.part})`;
    case 'message':
      return 'message';
    case 'model':
      return `model ${source.model}`;
    default: {
      const never: never = source;
      return String(never);
    }
  }
}

function reasonJson(r: Reason) {
  return { code: r.code, weight: r.weight, summary: r.summary, source: r.source };
}

function toJson(result: MailResult) {
  return {
    file: result.label,
    verdict: result.analysis.verdict,
    score: result.analysis.score,
    subject: result.mail.subject,
    from: result.mail.from?.address ?? null,
    message_id: result.mail.messageId ?? null,
    sha256: result.sha256,
    classifier_probability: result.analysis.classifierProbability ?? null,
    reasons: result.analysis.reasons.map(reasonJson),
    observables: result.analysis.observables,
    alert_id: result.alert?.id ?? null,
  };
}

const MAX_SHOWN_REASONS = 12;

function formatResult(result: MailResult): string {
  const a = result.analysis;
  const lines = [`${result.label}  ${a.verdict.toUpperCase()}  score ${a.score}`];
  if (result.mail.subject !== '' || result.mail.from !== undefined) {
    lines.push(`  from ${result.mail.from?.address ?? '(none)'}  subject ${JSON.stringify(result.mail.subject.slice(0, 120))}`);
  }
  for (const r of a.reasons.slice(0, MAX_SHOWN_REASONS)) {
    const w = r.weight > 0 ? `+${r.weight}` : String(r.weight);
    lines.push(`  ${w.padStart(5)}  ${r.summary}  [${describeSource(r.source)}]`);
  }
  if (a.reasons.length > MAX_SHOWN_REASONS) lines.push(`         … ${a.reasons.length - MAX_SHOWN_REASONS} more (--json shows all)`);
  return `${lines.join('\n')}\n\n`;
}

function formatSummary(summary: { messages: number; byVerdict: Readonly<Record<string, number>>; failures: readonly unknown[]; alerts: number; durationMs: number }, rows: readonly MailResult[], db: string | undefined): string {
  const lines: string[] = [];
  if (summary.messages > 1) {
    lines.push('verdict       messages');
    for (const v of VERDICTS) lines.push(`${v.padEnd(12)}  ${String(summary.byVerdict[v] ?? 0).padStart(8)}`);
    const top = [...rows].sort((x, y) => y.analysis.score - x.analysis.score).slice(0, 5).filter((r) => r.analysis.score > 0);
    if (top.length > 0) {
      lines.push('', 'highest scores:');
      for (const r of top) lines.push(`  ${String(r.analysis.score).padStart(3)}  ${r.analysis.verdict.padEnd(10)}  ${r.label}`);
    }
    lines.push('');
  }
  const seconds = summary.durationMs / 1000;
  lines.push(
    `${summary.messages} message(s) in ${seconds.toFixed(2)} s (${Math.round(summary.messages / Math.max(seconds, 1e-3))}/s), ${summary.alerts} alert(s)${db === undefined ? '' : ` stored in ${db}`}${summary.failures.length > 0 ? `, ${summary.failures.length} input(s) not read` : ''}.`,
  );
  return `${lines.join('\n')}\n`;
}
