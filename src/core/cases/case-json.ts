import type { CaseObservable } from './case-event.js';
import type { CaseState } from './case-state.js';

/** A case as `--json` output and the API show it (snake_case, like the alerts' ECS fields). */
export interface CaseJson {
  readonly id: string;
  readonly title: string;
  readonly severity: CaseState['severity'];
  readonly status: CaseState['status'];
  readonly resolution: CaseState['resolution'];
  readonly assignee: string | null;
  readonly tags: readonly string[];
  /** Distinct alerts (by fingerprint); `occurrence_count` counts every time one was seen. */
  readonly alert_count: number;
  readonly occurrence_count: number;
  /** Every alert id the case holds, repeats included. */
  readonly alert_ids: readonly string[];
  readonly rules: readonly string[];
  readonly related: CaseState['related'];
  readonly observables: readonly CaseObservable[];
  readonly opened_at: string;
  readonly updated_at: string;
  readonly acknowledged_at: string | null;
  readonly resolved_at: string | null;
  readonly first_seen: string;
  readonly last_seen: string;
  readonly sla_breached: readonly ('acknowledge' | 'resolve')[];
  readonly alerts: readonly {
    readonly id: string;
    readonly ids: readonly string[];
    readonly fingerprint: string;
    readonly rule: { readonly id: string; readonly name: string };
    readonly severity: CaseState['severity'];
    readonly occurrences: number;
    readonly technique: readonly string[];
    readonly timestamp: string;
    readonly start: string;
    readonly end: string;
    readonly detected_at: string;
  }[];
}

/** The JSON form of a case's state. */
export function caseToJson(state: CaseState): CaseJson {
  return {
    id: state.id,
    title: state.title,
    severity: state.severity,
    status: state.status,
    resolution: state.resolution,
    assignee: state.assignee,
    tags: state.tags,
    alert_count: state.alerts.length,
    occurrence_count: state.alerts.reduce((n, a) => n + a.occurrences, 0),
    alert_ids: state.alerts.flatMap((a) => a.ids),
    rules: [...new Set(state.alerts.map((a) => a.rule.id))],
    related: state.related,
    observables: state.observables,
    opened_at: state.openedAt,
    updated_at: state.updatedAt,
    acknowledged_at: state.acknowledgedAt,
    resolved_at: state.resolvedAt,
    first_seen: state.firstSeen,
    last_seen: state.lastSeen,
    sla_breached: (['acknowledge', 'resolve'] as const).filter((t) => state.breached[t]),
    alerts: state.alerts.map((a) => ({
      id: a.id,
      ids: a.ids,
      fingerprint: a.fingerprint,
      rule: a.rule,
      severity: a.severity,
      occurrences: a.occurrences,
      technique: a.technique,
      timestamp: a.timestamp,
      start: a.start,
      end: a.end,
      detected_at: a.detectedAt,
    })),
  };
}
