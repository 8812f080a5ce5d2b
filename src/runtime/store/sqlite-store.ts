import type Database from 'better-sqlite3';
import { z } from 'zod';
import { alertSchema, SEVERITIES, type Alert } from '../../schema/alert.js';
import type { AlertQuery, AlertStore, AnalysisRunRecord, PutResult } from './alert-store.js';
import { migrateComponent, openSqliteDatabase } from './sqlite-database.js';

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE alerts (
     id TEXT PRIMARY KEY,
     ts TEXT NOT NULL,
     start_ts TEXT NOT NULL,
     end_ts TEXT NOT NULL,
     rule_id TEXT NOT NULL,
     severity_rank INTEGER NOT NULL,
     technique TEXT NOT NULL,
     doc TEXT NOT NULL
   ) STRICT;
   CREATE INDEX alerts_end ON alerts(end_ts);
   CREATE INDEX alerts_rule ON alerts(rule_id);
   CREATE TABLE runs (
     id TEXT PRIMARY KEY,
     started_at TEXT NOT NULL,
     finished_at TEXT NOT NULL,
     inputs TEXT NOT NULL,
     stats TEXT NOT NULL
   ) STRICT;`,
];

const runRowSchema = z.object({ id: z.string(), started_at: z.string(), finished_at: z.string(), inputs: z.string(), stats: z.string() });
const docRowSchema = z.object({ doc: z.string() });

/** Opens (creating if needed) the SQLite store at `path` (WAL mode; `:memory:` for tests). */
export function openSqliteStore(path: string): AlertStore {
  const db = openSqliteDatabase(path);
  try {
    return alertStoreOn(db, { closeDatabase: true });
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The alert store on an already open database (shared with the case and playbook stores);
 * `closeDatabase` says whether `close()` also closes the database.
 */
export function alertStoreOn(db: Database.Database, options: { readonly closeDatabase: boolean }): AlertStore {
  adoptLegacySchemaVersion(db);
  migrateComponent(db, 'alerts', MIGRATIONS);

  const exists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM alerts WHERE id = ?');
  const upsert = db.prepare(
    `INSERT INTO alerts (id, ts, start_ts, end_ts, rule_id, severity_rank, technique, doc)
     VALUES (@id, @ts, @start, @end, @rule, @rank, @technique, @doc)
     ON CONFLICT(id) DO UPDATE SET ts = excluded.ts, end_ts = excluded.end_ts, severity_rank = excluded.severity_rank, doc = excluded.doc`,
  );
  const putMany = db.transaction((alerts: readonly Alert[]): PutResult => {
    let inserted = 0;
    let updated = 0;
    for (const a of alerts) {
      if (exists.get(a.id) === undefined) inserted++;
      else updated++;
      upsert.run({
        id: a.id,
        ts: a['@timestamp'],
        start: a.event.start,
        end: a.event.end,
        rule: a.rule.id,
        rank: SEVERITIES.indexOf(a.severity),
        technique: a.threat.technique.id[0] ?? '',
        doc: JSON.stringify(a),
      });
    }
    return { inserted, updated };
  });
  const getOne = db.prepare<[string]>('SELECT doc FROM alerts WHERE id = ?');
  const countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM alerts');
  const insertRun = db.prepare('INSERT OR REPLACE INTO runs (id, started_at, finished_at, inputs, stats) VALUES (?, ?, ?, ?, ?)');
  const listRunRows = db.prepare<[number]>('SELECT * FROM runs ORDER BY finished_at DESC LIMIT ?');

  const parseDoc = (row: unknown): Alert => alertSchema.parse(JSON.parse(docRowSchema.parse(row).doc));

  return {
    putAlerts: (alerts) => Promise.resolve(putMany(alerts)),
    getAlert: (id) => {
      const row = getOne.get(id);
      return Promise.resolve(row === undefined ? undefined : parseDoc(row));
    },
    listAlerts: (query: AlertQuery = {}) => {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (query.minSeverity !== undefined) {
        where.push('severity_rank >= ?');
        params.push(SEVERITIES.indexOf(query.minSeverity));
      }
      if (query.ruleId !== undefined) {
        where.push('rule_id = ?');
        params.push(query.ruleId);
      }
      if (query.since !== undefined) {
        where.push('end_ts >= ?');
        params.push(query.since);
      }
      const sql = `SELECT doc FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ts, id LIMIT ?`;
      params.push(Math.min(Math.max(query.limit ?? 1000, 1), 100_000));
      return Promise.resolve(db.prepare<(string | number)[]>(sql).all(...params).map(parseDoc));
    },
    countAlerts: () => Promise.resolve(countAll.get()?.n ?? 0),
    recordRun: (run: AnalysisRunRecord) => {
      insertRun.run(run.id, run.startedAt, run.finishedAt, JSON.stringify(run.inputs), JSON.stringify(run.stats));
      return Promise.resolve();
    },
    listRuns: (limit = 20) =>
      Promise.resolve(
        listRunRows.all(limit).map((raw) => {
          const row = runRowSchema.parse(raw);
          return {
            id: row.id,
            startedAt: row.started_at,
            finishedAt: row.finished_at,
            inputs: z.array(z.string()).parse(JSON.parse(row.inputs)),
            stats: z.record(z.string(), z.unknown()).parse(JSON.parse(row.stats)),
          };
        }),
      ),
    close: () => {
      if (options.closeDatabase) db.close();
      return Promise.resolve();
    },
  };
}

/** Databases made before the stores were split kept one `schema_version` row for the alert tables. */
function adoptLegacySchemaVersion(db: Database.Database): void {
  const legacy = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
  if (legacy === undefined) return;
  const version = db.prepare<[], { version: number }>('SELECT version FROM schema_version').get()?.version ?? 0;
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (component TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT');
    db.prepare("INSERT OR IGNORE INTO schema_migrations (component, version) VALUES ('alerts', ?)").run(version);
    db.exec('DROP TABLE schema_version');
  })();
}
