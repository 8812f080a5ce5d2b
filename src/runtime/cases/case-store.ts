import type { CaseEvent, CaseState, CaseStatus } from '../../core/cases/index.js';
import type { Result } from '../../lib/result.js';

/** A case's whole history. */
export interface CaseHistoryRecord {
  readonly id: string;
  readonly events: readonly CaseEvent[];
}

/** New events for one case, appended only if the case is still at `expectedVersion` (0: create it). */
export interface CaseCommit {
  readonly caseId: string;
  readonly expectedVersion: number;
  readonly events: readonly CaseEvent[];
  /** The state after the events (the store indexes it: status, severity, entities); never trusted on read. */
  readonly state: CaseState;
  /** Alert ids the events place in the case, with their fingerprints. */
  readonly alerts: readonly { readonly id: string; readonly fingerprint: string }[];
}

/** Someone else changed the case first: reload and try again. */
export interface CaseConflict {
  readonly caseId: string;
  readonly expectedVersion: number;
  readonly actualVersion: number;
}

export interface CaseQuery {
  readonly status?: CaseStatus;
  /** Only cases opened at or after / before these ISO times. */
  readonly openedSince?: string;
  readonly openedUntil?: string;
  readonly limit?: number;
}

/** What may take a batch of alerts: open cases naming one of these entities, and cases holding one of these alert ids. */
export interface CandidateQuery {
  readonly ips: readonly string[];
  readonly users: readonly string[];
  readonly hosts: readonly string[];
  readonly alertIds: readonly string[];
  /** Only open cases whose activity (event time) reaches into [activeFrom, activeUntil]; alert-id matches ignore it. */
  readonly activeFrom?: string;
  readonly activeUntil?: string;
}

/**
 * Where cases live: append-only event histories, from which every read folds the current state.
 * Two implementations are planned (SQLite embedded, PostgreSQL at scale); both must pass
 * `case-store.conformance.ts`.
 */
export interface CaseStore {
  /** Appends every commit in one transaction, or none of them if any case moved on (optimistic concurrency). */
  commit(commits: readonly CaseCommit[]): Promise<Result<void, CaseConflict>>;
  getCase(id: string): Promise<CaseState | undefined>;
  getHistory(id: string): Promise<CaseHistoryRecord | undefined>;
  /** Cases, most recently opened first. */
  listCases(query?: CaseQuery): Promise<CaseState[]>;
  findCandidates(query: CandidateQuery): Promise<CaseHistoryRecord[]>;
  /** Of these alert ids, those already in a case, with the case's id. */
  casesOfAlerts(alertIds: readonly string[]): Promise<Map<string, string>>;
  close(): Promise<void>;
}
