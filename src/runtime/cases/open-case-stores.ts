import type { AlertStore } from '../store/alert-store.js';
import { openSqliteDatabase } from '../store/sqlite-database.js';
import { alertStoreOn } from '../store/sqlite-store.js';
import { createCaseService, type CaseService } from './case-service.js';
import type { CaseStore } from './case-store.js';
import { caseStoreOn } from './sqlite-case-store.js';

/** The alert and case stores on one SQLite file, and the case service over them. */
export interface CaseStores {
  readonly alerts: AlertStore;
  readonly cases: CaseStore;
  readonly service: CaseService;
  close(): Promise<void>;
}

/** Opens (creating if needed) the SQLite file at `path` with its alert and case tables. */
export function openCaseStores(path: string): CaseStores {
  const db = openSqliteDatabase(path);
  try {
    const alerts = alertStoreOn(db, { closeDatabase: false });
    const cases = caseStoreOn(db, { closeDatabase: false });
    return {
      alerts,
      cases,
      service: createCaseService(cases),
      close: () => {
        db.close();
        return Promise.resolve();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
