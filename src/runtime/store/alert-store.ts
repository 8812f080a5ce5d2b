import type { Alert, Severity } from '../../schema/alert.js';

/** Which alerts to list. */
export interface AlertQuery {
  readonly minSeverity?: Severity;
  readonly ruleId?: string;
  /** Only alerts whose episode ended at or after this ISO time. */
  readonly since?: string;
  readonly limit?: number;
}

/** A finished `vigil analyze` run, kept for auditing and metrics. */
export interface AnalysisRunRecord {
  readonly id: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly inputs: readonly string[];
  readonly stats: Record<string, unknown>;
}

/** Outcome of storing a batch of alerts. */
export interface PutResult {
  readonly inserted: number;
  readonly updated: number;
}

/**
 * Where alerts live. Two implementations are planned (SQLite embedded, PostgreSQL at scale); both
 * must pass `alert-store.conformance.ts`. Alert ids are deterministic, so `putAlerts` is an upsert:
 * storing the same alert twice never duplicates it.
 */
export interface AlertStore {
  putAlerts(alerts: readonly Alert[]): Promise<PutResult>;
  getAlert(id: string): Promise<Alert | undefined>;
  listAlerts(query?: AlertQuery): Promise<Alert[]>;
  countAlerts(): Promise<number>;
  recordRun(run: AnalysisRunRecord): Promise<void>;
  listRuns(limit?: number): Promise<AnalysisRunRecord[]>;
  close(): Promise<void>;
}
