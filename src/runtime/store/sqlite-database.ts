import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { VigilError } from '../../lib/errors.js';

/**
 * Opens (creating if needed) a SQLite database in WAL mode (`:memory:` for tests). Each part of Vigil
 * that keeps data (alerts, cases, playbook runs, indicators) adds its own tables with
 * {@link migrateComponent}, so the parts evolve their schemas independently in one file.
 */
export function openSqliteDatabase(path: string): Database.Database {
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (cause) {
    throw new VigilError('STORE_FAILED', `cannot open the SQLite store at ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * Brings `component`'s tables up to date: runs the migrations after the version recorded for it,
 * in one transaction. Migrations are append-only; a database newer than this Vigil is refused.
 */
export function migrateComponent(db: Database.Database, component: string, migrations: readonly string[]): void {
  try {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (component TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT');
    const row = db.prepare<[string], { version: number }>('SELECT version FROM schema_migrations WHERE component = ?').get(component);
    const current = row?.version ?? 0;
    if (current > migrations.length) {
      throw new Error(`its "${component}" tables have schema version ${current}, newer than this Vigil (${migrations.length})`);
    }
    if (current === migrations.length) return;
    db.transaction(() => {
      for (let v = current; v < migrations.length; v++) db.exec(migrations[v]!);
      db.prepare('INSERT INTO schema_migrations (component, version) VALUES (?, ?) ON CONFLICT(component) DO UPDATE SET version = excluded.version').run(
        component,
        migrations.length,
      );
    })();
  } catch (cause) {
    if (cause instanceof VigilError) throw cause;
    throw new VigilError('STORE_FAILED', `cannot prepare the store: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
