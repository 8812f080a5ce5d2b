import type Database from 'better-sqlite3';
import { migrateComponent } from '../store/sqlite-database.js';

const MIGRATIONS = [
  `CREATE TABLE mail_sender_domains (
     domain TEXT PRIMARY KEY,
     first_seen TEXT NOT NULL,
     messages INTEGER NOT NULL
   ) STRICT`,
];

/** Which sender domains mail came from before, kept in the store so "first seen" survives runs. */
export interface SenderHistory {
  /** True when seen, false when never, undefined while the history is still empty (nothing to compare with). */
  isKnown(domain: string): boolean | undefined;
  record(domain: string, at: Date): void;
}

/** The sender history in the store's SQLite database (component `mail`). */
export function senderHistoryOn(db: Database.Database): SenderHistory {
  migrateComponent(db, 'mail', MIGRATIONS);
  const has = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM mail_sender_domains WHERE domain = ?');
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM mail_sender_domains');
  const upsert = db.prepare<[string, string]>(
    'INSERT INTO mail_sender_domains (domain, first_seen, messages) VALUES (?, ?, 1) ON CONFLICT(domain) DO UPDATE SET messages = messages + 1',
  );
  let empty = (count.get()?.n ?? 0) === 0;
  return {
    isKnown(domain) {
      if (empty) return undefined;
      return has.get(domain) !== undefined;
    },
    record(domain, at) {
      upsert.run(domain, at.toISOString());
      empty = false;
    },
  };
}
