import type { Severity } from '../../../schema/severity.js';

/** Observable kinds a case holds (issue 6, item 1). */
export const OBSERVABLE_TYPES = ['ip', 'domain', 'url', 'hash', 'user', 'host', 'email'] as const;
export type ObservableType = (typeof OBSERVABLE_TYPES)[number];
export interface Observable {
  readonly type: ObservableType;
  readonly value: string;
}

export const CASE_STATUSES = ['new', 'in_progress', 'contained', 'resolved'] as const;
export const CASE_RESOLUTIONS = ['true_positive', 'false_positive', 'benign'] as const;

/**
 * What Vigil's case actions need from the case store. The integrator adapts the case store to it;
 * the actions never import the store.
 */
export interface CasePort {
  /** Adds an alert and observables to a case: the given one, or the open case these observables belong to, or a new one. */
  addToCase(
    request: {
      readonly caseId?: string;
      readonly alertId?: string;
      readonly title: string;
      readonly severity: Severity;
      readonly observables: readonly Observable[];
      readonly tags: readonly string[];
      readonly note?: string;
      readonly actor: string;
    },
    signal: AbortSignal,
  ): Promise<{ readonly caseId: string; readonly created: boolean }>;
  setStatus(
    request: {
      readonly caseId: string;
      readonly status: (typeof CASE_STATUSES)[number];
      readonly resolution?: (typeof CASE_RESOLUTIONS)[number];
      readonly note?: string;
      readonly actor: string;
    },
    signal: AbortSignal,
  ): Promise<{ readonly caseId: string; readonly status: string }>;
}

export const INDICATOR_TYPES = ['ip', 'cidr', 'domain', 'url', 'hash', 'email'] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

/** One indicator the intel store knows. */
export interface IntelMatch {
  readonly type: IndicatorType;
  readonly value: string;
  readonly source: string;
  /** 0–100. */
  readonly confidence: number;
  readonly tags: readonly string[];
}

/** What Vigil's intel actions need from the indicator store. */
export interface IntelPort {
  lookup(type: IndicatorType, value: string, signal: AbortSignal): Promise<readonly IntelMatch[]>;
  addIndicator(
    indicator: { readonly type: IndicatorType; readonly value: string; readonly source: string; readonly confidence: number; readonly tags: readonly string[]; readonly expiresAt?: string },
    signal: AbortSignal,
  ): Promise<{ readonly added: boolean }>;
}
