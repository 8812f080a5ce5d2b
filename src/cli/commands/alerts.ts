import { existsSync } from 'node:fs';
import { openSqliteStore } from '../../runtime/store/sqlite-store.js';
import { SEVERITIES, type Severity } from '../../schema/severity.js';
import { DEFAULT_DB_PATH } from '../../runtime/store/default-path.js';
import { parseCommandArgs, UsageError } from '../command.js';

const HELP = `Usage: vigil alerts [options]

Lists alerts kept in the store, oldest first.

Options:
  --db PATH            SQLite store (default ./.vigil/vigil.db)
  --severity LEVEL     only alerts at least this severe (${SEVERITIES.join(', ')})
  --rule ID            only alerts of this rule
  --since ISO-TIME     only alerts whose activity ended at or after this time
  --limit N            at most N alerts (default 1000)
  --ndjson             one alert per line as JSON
  -h, --help           this help
`;

const isSeverity = (s: string): s is Severity => (SEVERITIES as readonly string[]).includes(s);

/** `vigil alerts` */
export async function runAlerts(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    {
      args,
      options: {
        db: { type: 'string' },
        severity: { type: 'string' },
        rule: { type: 'string' },
        since: { type: 'string' },
        limit: { type: 'string' },
        ndjson: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    HELP,
  );
  if (values.help === true) {
    process.stdout.write(HELP);
    return 0;
  }
  const path = values.db ?? DEFAULT_DB_PATH;
  if (!existsSync(path)) throw new UsageError(`no store at ${path}: run "vigil analyze" first or pass --db`);
  if (values.severity !== undefined && !isSeverity(values.severity)) throw new UsageError(`--severity must be one of ${SEVERITIES.join(', ')}`);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UsageError('--limit must be a positive whole number');
  if (values.since !== undefined && Number.isNaN(Date.parse(values.since))) throw new UsageError('--since must be an ISO-8601 time');
  const store = openSqliteStore(path);
  try {
    const alerts = await store.listAlerts({
      ...(values.severity !== undefined && isSeverity(values.severity) ? { minSeverity: values.severity } : {}),
      ...(values.rule !== undefined ? { ruleId: values.rule } : {}),
      ...(values.since !== undefined ? { since: new Date(values.since).toISOString() } : {}),
      ...(limit !== undefined ? { limit } : {}),
    });
    for (const a of alerts) {
      process.stdout.write(
        values.ndjson === true ? `${JSON.stringify(a)}\n` : `${a['@timestamp']}  ${a.severity.padEnd(8)} ${a.rule.id.padEnd(42)} ${a.message}\n`,
      );
    }
    if (values.ndjson !== true) process.stdout.write(`${alerts.length} alert(s)\n`);
  } finally {
    await store.close();
  }
  return 0;
}
