import type Database from 'better-sqlite3';
import { z } from 'zod';
import { caseEventSchema, foldCaseEvents, type CaseEvent } from '../../core/cases/index.js';
import { VigilError } from '../../lib/errors.js';
import { err, ok } from '../../lib/result.js';
import { SEVERITIES } from '../../schema/severity.js';
import { migrateComponent, openSqliteDatabase } from '../store/sqlite-database.js';
import type { CaseCommit, CaseConflict, CaseHistoryRecord, CaseQuery, CaseStore } from './case-store.js';

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE cases (
     id TEXT PRIMARY KEY,
     version INTEGER NOT NULL,
     status TEXT NOT NULL,
     severity_rank INTEGER NOT NULL,
     opened_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     first_seen TEXT NOT NULL,
     last_seen TEXT NOT NULL
   ) STRICT;
   CREATE INDEX cases_opened ON cases(opened_at);
   CREATE INDEX cases_open_activity ON cases(last_seen) WHERE status <> 'resolved';
   CREATE INDEX cases_status ON cases(status);
   CREATE TABLE case_events (
     case_id TEXT NOT NULL REFERENCES cases(id),
     seq INTEGER NOT NULL,
     at TEXT NOT NULL,
     actor TEXT NOT NULL,
     type TEXT NOT NULL,
     doc TEXT NOT NULL,
     PRIMARY KEY (case_id, seq)
   ) STRICT;
   CREATE TABLE case_alerts (
     alert_id TEXT PRIMARY KEY,
     case_id TEXT NOT NULL REFERENCES cases(id),
     fingerprint TEXT NOT NULL
   ) STRICT;
   CREATE INDEX case_alerts_case ON case_alerts(case_id);
   CREATE TABLE case_entities (
     kind TEXT NOT NULL,
     value TEXT NOT NULL,
     case_id TEXT NOT NULL REFERENCES cases(id),
     PRIMARY KEY (kind, value, case_id)
   ) STRICT;`,
];

/** Most open cases offered to one batch's grouping: the most recently updated win. */
const MAX_CANDIDATES = 5000;
/** SQLite's bound-parameter limit is 32766; lookups go in chunks well under it. */
const CHUNK = 500;

// One spelling per instant, so stored times compare correctly as text.
const iso = (t: string): string => new Date(t).toISOString();

const docRow = z.object({ doc: z.string() });
const idRow = z.object({ id: z.string() });
const versionRow = z.object({ version: z.number().int() });

/** Runs a synchronous SQLite step as a promise; a failure (I/O, a corrupt row) rejects with STORE_FAILED. */
function attempt<T>(step: () => T): Promise<T> {
  try {
    return Promise.resolve(step());
  } catch (cause) {
    if (cause instanceof VigilError) return Promise.reject(cause);
    return Promise.reject(new VigilError('STORE_FAILED', `the case store failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause }));
  }
}

class ConflictSignal extends Error {
  constructor(readonly conflict: CaseConflict) {
    super(`case ${conflict.caseId} is at version ${conflict.actualVersion}, not ${conflict.expectedVersion}`);
  }
}

/** Opens (creating if needed) a case store in its own SQLite file (tests; Vigil shares the alert store's file). */
export function openSqliteCaseStore(path: string): CaseStore {
  const db = openSqliteDatabase(path);
  try {
    return caseStoreOn(db, { closeDatabase: true });
  } catch (error) {
    db.close();
    throw error;
  }
}

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}

/**
 * The case store on an already open database (the same file as the alert store: see `alertStoreOn`);
 * `closeDatabase` says whether `close()` also closes the database.
 */
export function caseStoreOn(db: Database.Database, options: { readonly closeDatabase: boolean }): CaseStore {
  migrateComponent(db, 'cases', MIGRATIONS);

  const versionOf = db.prepare<[string]>('SELECT version FROM cases WHERE id = ?');
  const insertCase = db.prepare(
    `INSERT INTO cases (id, version, status, severity_rank, opened_at, updated_at, first_seen, last_seen)
     VALUES (@id, @version, @status, @rank, @opened, @updated, @first, @last)`,
  );
  const updateCase = db.prepare('UPDATE cases SET version = @version, status = @status, severity_rank = @rank, updated_at = @updated, first_seen = @first, last_seen = @last WHERE id = @id');
  const insertEvent = db.prepare('INSERT INTO case_events (case_id, seq, at, actor, type, doc) VALUES (?, ?, ?, ?, ?, ?)');
  const insertAlert = db.prepare('INSERT OR IGNORE INTO case_alerts (alert_id, case_id, fingerprint) VALUES (?, ?, ?)');
  const insertEntity = db.prepare('INSERT OR IGNORE INTO case_entities (kind, value, case_id) VALUES (?, ?, ?)');
  const eventsOf = db.prepare<[string]>('SELECT doc FROM case_events WHERE case_id = ? ORDER BY seq');

  // Lookups build their SQL from the number of values; each shape is prepared once.
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      if (statements.size > 1000) statements.clear();
      statements.set(sql, (statement = db.prepare(sql)));
    }
    return statement;
  };

  const readEvents = (id: string): CaseEvent[] => eventsOf.all(id).map((row) => caseEventSchema.parse(JSON.parse(docRow.parse(row).doc)));
  const readHistory = (id: string): CaseHistoryRecord | undefined => {
    const events = readEvents(id);
    return events.length === 0 ? undefined : { id, events };
  };

  const commitAll = db.transaction((commits: readonly CaseCommit[]) => {
    for (const c of commits) {
      const row = versionOf.get(c.caseId);
      const actual = row === undefined ? 0 : versionRow.parse(row).version;
      // Throwing rolls back the commits already applied in this transaction.
      if (actual !== c.expectedVersion) throw new ConflictSignal({ caseId: c.caseId, expectedVersion: c.expectedVersion, actualVersion: actual });
      const columns = {
        id: c.caseId,
        version: c.expectedVersion + c.events.length,
        status: c.state.status,
        rank: SEVERITIES.indexOf(c.state.severity),
        opened: iso(c.state.openedAt),
        updated: iso(c.state.updatedAt),
        first: iso(c.state.firstSeen),
        last: iso(c.state.lastSeen),
      };
      if (row === undefined) insertCase.run(columns);
      else updateCase.run(columns);
      c.events.forEach((e, i) => insertEvent.run(c.caseId, c.expectedVersion + i + 1, e.at, e.actor, e.type, JSON.stringify(caseEventSchema.parse(e))));
      for (const a of c.alerts) insertAlert.run(a.id, c.caseId, a.fingerprint);
      const { ip, user, hosts } = c.state.related;
      for (const [kind, values] of [['ip', ip], ['user', user], ['host', hosts]] as const) for (const v of values) insertEntity.run(kind, v, c.caseId);
    }
  });

  return {
    commit: (commits) =>
      attempt(() => {
        try {
          commitAll.immediate(commits);
          return ok(undefined);
        } catch (error) {
          if (error instanceof ConflictSignal) return err(error.conflict);
          throw error;
        }
      }),
    getCase: (id) =>
      attempt(() => {
        const history = readHistory(id);
        return history === undefined ? undefined : foldCaseEvents(id, history.events);
      }),
    getHistory: (id) => attempt(() => readHistory(id)),
    listCases: (query: CaseQuery = {}) => attempt(() => {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (query.status !== undefined) {
        where.push('status = ?');
        params.push(query.status);
      }
      if (query.openedSince !== undefined) {
        where.push('opened_at >= ?');
        params.push(query.openedSince);
      }
      if (query.openedUntil !== undefined) {
        where.push('opened_at < ?');
        params.push(query.openedUntil);
      }
      params.push(Math.min(Math.max(query.limit ?? 1000, 1), 100_000));
      const sql = `SELECT id FROM cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY opened_at DESC, id LIMIT ?`;
      const ids = prepared(sql).all(...params).map((r) => idRow.parse(r).id);
      return ids.map((id) => foldCaseEvents(id, readEvents(id)));
    }),
    findCandidates: (query) => attempt(() => {
      const ids = new Set<string>();
      const activity: string[] = [];
      const bounds: string[] = [];
      if (query.activeFrom !== undefined) {
        activity.push('c.last_seen >= ?');
        bounds.push(iso(query.activeFrom));
      }
      if (query.activeUntil !== undefined) {
        activity.push('c.first_seen <= ?');
        bounds.push(iso(query.activeUntil));
      }
      const during = activity.map((a) => ` AND ${a}`).join('');
      for (const [kind, values] of [['ip', query.ips], ['user', query.users], ['host', query.hosts]] as const) {
        for (const part of chunks([...new Set(values)])) {
          const sql = `SELECT DISTINCT c.id AS id FROM case_entities e JOIN cases c ON c.id = e.case_id
                       WHERE e.kind = ? AND e.value IN (${part.map(() => '?').join(',')}) AND c.status <> 'resolved'${during}
                       ORDER BY c.updated_at DESC LIMIT ${MAX_CANDIDATES}`;
          for (const r of prepared(sql).all(kind, ...part, ...bounds)) ids.add(idRow.parse(r).id);
        }
      }
      for (const part of chunks([...new Set(query.alertIds)])) {
        const sql = `SELECT DISTINCT case_id AS id FROM case_alerts WHERE alert_id IN (${part.map(() => '?').join(',')})`;
        for (const r of prepared(sql).all(...part)) ids.add(idRow.parse(r).id);
      }
      return [...ids].sort().flatMap((id) => readHistory(id) ?? []);
    }),
    casesOfAlerts: (alertIds) => attempt(() => {
      const out = new Map<string, string>();
      for (const part of chunks([...new Set(alertIds)])) {
        const sql = `SELECT alert_id, case_id FROM case_alerts WHERE alert_id IN (${part.map(() => '?').join(',')})`;
        for (const r of prepared(sql).all(...part)) {
          const row = z.object({ alert_id: z.string(), case_id: z.string() }).parse(r);
          out.set(row.alert_id, row.case_id);
        }
      }
      return out;
    }),
    close: () => {
      if (options.closeDatabase) db.close();
      return Promise.resolve();
    },
  };
}
