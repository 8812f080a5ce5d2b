import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { VigilError } from '../../lib/errors.js';
import { alertSchema, SEVERITIES, type Alert } from '../../schema/alert.js';
import type { AlertQuery, AlertStore, AnalysisRunRecord, PutResult } from './alert-store.js';

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
  let db: Database.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (cause) {
    throw new VigilError('STORE_FAILED', `cannot open the SQLite store at ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }

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
      db.close();
      return Promise.resolve();
    },
  };
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare<[], { version: number }>('SELECT version FROM schema_version').get();
  const current = row?.version ?? 0;
  if (current > MIGRATIONS.length) throw new Error(`the database has schema version ${current}, newer than this Vigil (${MIGRATIONS.length})`);
  db.transaction(() => {
    for (let v = current; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
    if (row === undefined) db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(MIGRATIONS.length);
    else db.prepare('UPDATE schema_version SET version = ?').run(MIGRATIONS.length);
  })();
}
