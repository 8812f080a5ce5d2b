import type Database from 'better-sqlite3';
import { z } from 'zod';
import { type Indicator, type IndicatorType, INDICATOR_TYPES, TLP_LEVELS, indicatorKey, indicatorSchema, mergeIndicator } from '../../core/intel/index.js';
import { VigilError } from '../../lib/errors.js';
import { migrateComponent, openSqliteDatabase } from '../store/sqlite-database.js';
import type { FeedListingResult, FeedState, IndicatorPutResult, IndicatorQuery, IndicatorStats, IndicatorStore } from './indicator-store.js';

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE intel_indicators (
     id INTEGER PRIMARY KEY,
     type TEXT NOT NULL,
     value TEXT NOT NULL,
     source TEXT NOT NULL,
     confidence INTEGER,
     tlp TEXT,
     labels TEXT NOT NULL,
     first_seen INTEGER,
     last_seen INTEGER,
     valid_from INTEGER,
     valid_until INTEGER,
     revoked INTEGER NOT NULL,
     ref TEXT,
     description TEXT,
     UNIQUE (type, value, source)
   ) STRICT;
   CREATE INDEX intel_indicators_value ON intel_indicators(value);
   CREATE TABLE intel_feeds (
     name TEXT PRIMARY KEY,
     state TEXT NOT NULL
   ) STRICT;`,
  // Which indicators each feed lists now: an indicator no feed lists any more is withdrawn.
  `ALTER TABLE intel_indicators ADD COLUMN withdrawn_at INTEGER;
   CREATE TABLE intel_feed_members (
     feed TEXT NOT NULL,
     indicator INTEGER NOT NULL,
     PRIMARY KEY (feed, indicator)
   ) WITHOUT ROWID, STRICT;
   CREATE INDEX intel_feed_members_indicator ON intel_feed_members(indicator);`,
];

const rowSchema = z.object({
  type: z.enum(INDICATOR_TYPES),
  value: z.string(),
  source: z.string(),
  confidence: z.number().int().nullable(),
  tlp: z.enum(TLP_LEVELS).nullable(),
  labels: z.string(),
  first_seen: z.number().int().nullable(),
  last_seen: z.number().int().nullable(),
  valid_from: z.number().int().nullable(),
  valid_until: z.number().int().nullable(),
  revoked: z.number().int(),
  ref: z.string().nullable(),
  description: z.string().nullable(),
});
type Row = z.infer<typeof rowSchema>;

const feedStateSchema = z
  .object({
    name: z.string(),
    lastAttempt: z.number().optional(),
    lastSuccess: z.number().optional(),
    lastError: z.string().optional(),
    etag: z.string().optional(),
    lastModified: z.string().optional(),
    cursor: z.string().optional(),
    lastCount: z.number().int().optional(),
  })
  .strict();

const ACTIVE = 'revoked = 0 AND withdrawn_at IS NULL AND (valid_from IS NULL OR valid_from <= @at) AND (valid_until IS NULL OR valid_until > @at)';
const COLUMNS = 'type, value, source, confidence, tlp, labels, first_seen, last_seen, valid_from, valid_until, revoked, ref, description';

/** Opens (creating if needed) the indicator store in the SQLite file at `path` (the alerts' file by default). */
export function openSqliteIndicatorStore(path: string): IndicatorStore {
  const db = openSqliteDatabase(path);
  try {
    return indicatorStoreOn(db, { closeDatabase: true });
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The indicator store on an open database (its own `intel` tables); `closeDatabase` as for the alert store. */
export function indicatorStoreOn(db: Database.Database, options: { readonly closeDatabase: boolean }): IndicatorStore {
  migrateComponent(db, 'intel', MIGRATIONS);
  const getOne = db.prepare<[string, string, string]>(`SELECT ${COLUMNS} FROM intel_indicators WHERE type = ? AND value = ? AND source = ?`);
  const insert = db.prepare(
    `INSERT INTO intel_indicators (${COLUMNS}) VALUES (@type, @value, @source, @confidence, @tlp, @labels, @first_seen, @last_seen, @valid_from, @valid_until, @revoked, @ref, @description)`,
  );
  // Storing an indicator again asserts it again: a withdrawn one comes back.
  const update = db.prepare(
    `UPDATE intel_indicators SET confidence = @confidence, tlp = @tlp, labels = @labels, first_seen = @first_seen, last_seen = @last_seen,
       valid_from = @valid_from, valid_until = @valid_until, revoked = @revoked, ref = @ref, description = @description, withdrawn_at = NULL
     WHERE type = @type AND value = @value AND source = @source`,
  );
  const idOf = db.prepare<[string, string, string], { id: number }>('SELECT id FROM intel_indicators WHERE type = ? AND value = ? AND source = ?');
  const listed = db.prepare<[string], { indicator: number }>('SELECT indicator FROM intel_feed_members WHERE feed = ?');
  const addMember = db.prepare('INSERT OR IGNORE INTO intel_feed_members (feed, indicator) VALUES (?, ?)');
  const dropMember = db.prepare('DELETE FROM intel_feed_members WHERE feed = ? AND indicator = ?');
  const withdraw = db.prepare<{ id: number; at: number }>(
    `UPDATE intel_indicators SET withdrawn_at = @at
     WHERE id = @id AND withdrawn_at IS NULL AND NOT EXISTS (SELECT 1 FROM intel_feed_members WHERE indicator = @id)`,
  );
  const active = db.prepare<{ at: number }>(`SELECT ${COLUMNS} FROM intel_indicators WHERE ${ACTIVE} ORDER BY id`);
  const countActive = db.prepare<{ at: number }, { n: number }>(`SELECT count(*) AS n FROM intel_indicators WHERE ${ACTIVE}`);
  const byValue = db.prepare<[string, string]>(`SELECT ${COLUMNS} FROM intel_indicators WHERE value = ? AND type = ? ORDER BY id`);
  const getFeed = db.prepare<[string], { state: string }>('SELECT state FROM intel_feeds WHERE name = ?');
  const putFeed = db.prepare('INSERT INTO intel_feeds (name, state) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET state = excluded.state');
  const allFeeds = db.prepare<[], { state: string }>('SELECT state FROM intel_feeds ORDER BY name');

  const putMany = db.transaction((batch: readonly Indicator[]): IndicatorPutResult => {
    // Within a batch the same key may repeat (a feed listing a value twice): merge as we go.
    let inserted = 0;
    let updated = 0;
    const seen = new Set<string>();
    for (const raw of batch) {
      const incoming = indicatorSchema.parse(raw);
      const prevRow = getOne.get(incoming.type, incoming.value, incoming.source);
      if (prevRow === undefined) {
        insert.run(toParams(incoming));
        inserted++;
      } else {
        update.run(toParams(mergeIndicator(fromRow(prevRow), incoming)));
        const k = indicatorKey(incoming);
        if (!seen.has(k)) updated++;
      }
      seen.add(indicatorKey(incoming));
    }
    return { inserted, updated };
  });

  const recordListing = db.transaction((feed: string, indicators: readonly Indicator[], at: number, complete: boolean): FeedListingResult => {
    const now = new Set<number>();
    for (const i of indicators) {
      const row = idOf.get(i.type, i.value, i.source);
      if (row !== undefined) now.add(row.id);
    }
    const before = listed.all(feed).map((r) => r.indicator);
    for (const id of now) addMember.run(feed, id);
    let withdrawn = 0;
    if (complete) {
      for (const id of before) {
        if (now.has(id)) continue;
        dropMember.run(feed, id);
        withdrawn += withdraw.run({ id, at }).changes;
      }
    }
    return { listed: now.size, withdrawn };
  });

  return {
    recordFeedListing: (feed, indicators, at, complete) => {
      try {
        return Promise.resolve(recordListing(feed, indicators, at, complete));
      } catch (cause) {
        return Promise.reject(new VigilError('STORE_FAILED', `cannot record what feed ${feed} lists: ${cause instanceof Error ? cause.message : String(cause)}`, { cause }));
      }
    },
    putIndicators: (indicators) => {
      try {
        return Promise.resolve(putMany(indicators));
      } catch (cause) {
        return Promise.reject(new VigilError('STORE_FAILED', `cannot store indicators: ${cause instanceof Error ? cause.message : String(cause)}`, { cause }));
      }
    },
    activeIndicators: (at) => Promise.resolve(active.all({ at }).map(fromRow)),
    countActive: (at) => Promise.resolve(countActive.get({ at })?.n ?? 0),
    findByValue: (type, value) => Promise.resolve(byValue.all(value, type).map(fromRow)),
    listIndicators: (query: IndicatorQuery = {}) => {
      const where: string[] = [];
      const params: Record<string, string | number> = {};
      if (query.type !== undefined) {
        where.push('type = @type');
        params.type = query.type;
      }
      if (query.source !== undefined) {
        where.push('source = @source');
        params.source = query.source;
      }
      if (query.activeAt !== undefined) {
        where.push(ACTIVE);
        params.at = query.activeAt;
      }
      if (query.contains !== undefined) {
        where.push("instr(lower(value), @contains) > 0");
        params.contains = query.contains.toLowerCase();
      }
      params.limit = Math.min(Math.max(query.limit ?? 1000, 1), 100_000);
      const sql = `SELECT ${COLUMNS} FROM intel_indicators ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT @limit`;
      return Promise.resolve(db.prepare<Record<string, string | number>>(sql).all(params).map(fromRow));
    },
    stats: (at) => Promise.resolve(statsAt(db, at)),
    getFeedState: (name) => {
      const row = getFeed.get(name);
      return Promise.resolve(row === undefined ? undefined : parseFeedState(row.state));
    },
    putFeedState: (state) => {
      putFeed.run(state.name, JSON.stringify(feedStateSchema.parse(state)));
      return Promise.resolve();
    },
    listFeedStates: () => Promise.resolve(allFeeds.all().map((r) => parseFeedState(r.state))),
    close: () => {
      if (options.closeDatabase) db.close();
      return Promise.resolve();
    },
  };
}

function statsAt(db: Database.Database, at: number): IndicatorStats {
  const counts = db
    .prepare<{ at: number }, { total: number; active: number | null; revoked: number | null; withdrawn: number | null; expired: number | null; early: number | null }>(
      `SELECT count(*) AS total,
              sum(CASE WHEN ${ACTIVE} THEN 1 ELSE 0 END) AS active,
              sum(revoked) AS revoked,
              sum(CASE WHEN revoked = 0 AND withdrawn_at IS NOT NULL THEN 1 ELSE 0 END) AS withdrawn,
              sum(CASE WHEN revoked = 0 AND withdrawn_at IS NULL AND valid_until IS NOT NULL AND valid_until <= @at THEN 1 ELSE 0 END) AS expired,
              sum(CASE WHEN revoked = 0 AND withdrawn_at IS NULL AND valid_from IS NOT NULL AND valid_from > @at THEN 1 ELSE 0 END) AS early
       FROM intel_indicators`,
    )
    .get({ at });
  const group = (column: 'type' | 'source'): Record<string, number> =>
    Object.fromEntries(
      db
        .prepare<{ at: number }, { k: string; n: number }>(`SELECT ${column} AS k, count(*) AS n FROM intel_indicators WHERE ${ACTIVE} GROUP BY ${column} ORDER BY n DESC, k LIMIT 1000`)
        .all({ at })
        .map((r) => [r.k, r.n]),
    );
  return {
    total: counts?.total ?? 0,
    active: counts?.active ?? 0,
    revoked: counts?.revoked ?? 0,
    withdrawn: counts?.withdrawn ?? 0,
    expired: counts?.expired ?? 0,
    notYetValid: counts?.early ?? 0,
    byType: group('type'),
    bySource: group('source'),
  };
}

function parseFeedState(text: string): FeedState {
  const s = feedStateSchema.parse(JSON.parse(text));
  const out: { -readonly [K in keyof FeedState]: FeedState[K] } = { name: s.name };
  if (s.lastAttempt !== undefined) out.lastAttempt = s.lastAttempt;
  if (s.lastSuccess !== undefined) out.lastSuccess = s.lastSuccess;
  if (s.lastError !== undefined) out.lastError = s.lastError;
  if (s.etag !== undefined) out.etag = s.etag;
  if (s.lastModified !== undefined) out.lastModified = s.lastModified;
  if (s.cursor !== undefined) out.cursor = s.cursor;
  if (s.lastCount !== undefined) out.lastCount = s.lastCount;
  return out;
}

function toParams(i: Indicator): Record<string, string | number | null> {
  return {
    type: i.type,
    value: i.value,
    source: i.source,
    confidence: i.confidence ?? null,
    tlp: i.tlp ?? null,
    labels: JSON.stringify(i.labels),
    first_seen: i.firstSeen ?? null,
    last_seen: i.lastSeen ?? null,
    valid_from: i.validFrom ?? null,
    valid_until: i.validUntil ?? null,
    revoked: i.revoked ? 1 : 0,
    ref: i.ref ?? null,
    description: i.description ?? null,
  };
}

const labelsSchema = z.array(z.string());

function fromRow(raw: unknown): Indicator {
  const r: Row = rowSchema.parse(raw);
  const out: Indicator = { type: r.type satisfies IndicatorType, value: r.value, source: r.source, labels: labelsSchema.parse(JSON.parse(r.labels)), revoked: r.revoked !== 0 };
  if (r.confidence !== null) out.confidence = r.confidence;
  if (r.tlp !== null) out.tlp = r.tlp;
  if (r.first_seen !== null) out.firstSeen = r.first_seen;
  if (r.last_seen !== null) out.lastSeen = r.last_seen;
  if (r.valid_from !== null) out.validFrom = r.valid_from;
  if (r.valid_until !== null) out.validUntil = r.valid_until;
  if (r.ref !== null) out.ref = r.ref;
  if (r.description !== null) out.description = r.description;
  return out;
}
