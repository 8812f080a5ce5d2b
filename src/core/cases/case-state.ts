import { SEVERITIES, type Severity } from '../../schema/severity.js';
import { MAX_ENTITY_VALUES, type AlertSummary, type CaseEvent, type CaseObservable, type CaseStatus, type Resolution } from './case-event.js';

/** One distinct alert of a case (by fingerprint), with how often it was seen. */
export interface CaseAlert {
  /** The first id seen; `ids` holds every id counted here (bounded). */
  readonly id: string;
  readonly ids: readonly string[];
  readonly fingerprint: string;
  readonly rule: { readonly id: string; readonly name: string };
  readonly severity: Severity;
  readonly occurrences: number;
  readonly technique: readonly string[];
  /** Event time at which the detection first held (the first occurrence's `@timestamp`). */
  readonly timestamp: string;
  /** Event time at which the detection could first have fired (see `AlertSummary.detection_time`). */
  readonly detectionTime: string;
  readonly start: string;
  readonly end: string;
  /** Wall-clock time Vigil first saw it. */
  readonly detectedAt: string;
}

/** A case as its events make it (never stored on its own: always folded from the events). */
export interface CaseState {
  readonly id: string;
  /** Number of events: the version an append must expect. */
  readonly version: number;
  readonly title: string;
  readonly severity: Severity;
  readonly status: CaseStatus;
  readonly resolution: Resolution | null;
  readonly assignee: string | null;
  readonly tags: readonly string[];
  readonly observables: readonly CaseObservable[];
  readonly alerts: readonly CaseAlert[];
  readonly related: { readonly ip: readonly string[]; readonly user: readonly string[]; readonly hosts: readonly string[] };
  readonly openedAt: string;
  readonly updatedAt: string;
  readonly acknowledgedAt: string | null;
  readonly resolvedAt: string | null;
  /** Event-time span of the case's activity (min `event.start`, max `event.end` of its alerts). */
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly breached: { readonly acknowledge: boolean; readonly resolve: boolean };
}

const MAX_IDS_PER_ALERT = 100;
const MAX_OBSERVABLES = 5000;

const maxSeverity = (a: Severity, b: Severity): Severity => (SEVERITIES.indexOf(a) >= SEVERITIES.indexOf(b) ? a : b);
const minIso = (a: string, b: string): string => (Date.parse(a) <= Date.parse(b) ? a : b);
const maxIso = (a: string, b: string): string => (Date.parse(a) >= Date.parse(b) ? a : b);

interface MutableAlert {
  id: string;
  ids: string[];
  fingerprint: string;
  rule: { id: string; name: string };
  severity: Severity;
  occurrences: number;
  technique: string[];
  timestamp: string;
  detectionTime: string;
  start: string;
  end: string;
  detectedAt: string;
}

/**
 * Folds a case's events one by one into its state. Used for a whole history (`foldCaseEvents`) and
 * incrementally while grouping a batch of alerts, so both paths derive state the same way.
 */
export class CaseBuilder {
  private version = 0;
  private title = '';
  private status: CaseStatus = 'new';
  private resolution: Resolution | null = null;
  private assignee: string | null = null;
  private openedAt = '';
  private updatedAt = '';
  private acknowledgedAt: string | null = null;
  private resolvedAt: string | null = null;
  private firstSeen = '';
  private lastSeen = '';
  private readonly tags = new Set<string>();
  private readonly observables = new Map<string, CaseObservable>();
  private readonly alerts: MutableAlert[] = [];
  private readonly alertById = new Map<string, MutableAlert>();
  private readonly related = { ip: new Set<string>(), user: new Set<string>(), hosts: new Set<string>() };
  private readonly breached = { acknowledge: false, resolve: false };

  constructor(readonly id: string) {}

  /** Applies one event. A history that does not start with `created` is corrupt: that is a bug, it throws. */
  apply(event: CaseEvent): void {
    if ((this.version === 0) !== (event.type === 'created')) throw new Error(`case ${this.id}: event ${this.version} is "${event.type}"`);
    this.version++;
    this.updatedAt = event.at;
    switch (event.type) {
      case 'created':
        this.title = event.title;
        this.openedAt = event.at;
        break;
      case 'alert_added':
        this.addAlert(event.alert, event.detected_at, event.repeat_of);
        break;
      case 'status_changed':
        this.status = event.to;
        this.resolution = event.to === 'resolved' ? (event.resolution ?? null) : null;
        this.resolvedAt = event.to === 'resolved' ? event.at : null;
        break;
      case 'assigned':
        this.assignee = event.assignee;
        break;
      case 'tagged':
        this.tags.add(event.tag);
        break;
      case 'observable_added':
        this.addObservable(event.observable);
        break;
      case 'comment':
        break;
      case 'sla_breached':
        this.breached[event.target] = true;
        break;
      case 'acknowledged':
        this.acknowledgedAt ??= event.at;
        break;
      default: {
        const never: never = event;
        throw new Error(`unknown case event ${JSON.stringify(never)}`);
      }
    }
  }

  /** The case's alert entry holding this alert id, if any. */
  alertWithId(alertId: string): CaseAlert | undefined {
    return this.alertById.get(alertId);
  }

  /** An immutable copy of the current state. */
  snapshot(): CaseState {
    let severity: Severity = 'low';
    for (const a of this.alerts) severity = maxSeverity(severity, a.severity);
    return {
      id: this.id,
      version: this.version,
      title: this.title,
      severity,
      status: this.status,
      resolution: this.resolution,
      assignee: this.assignee,
      tags: [...this.tags],
      observables: [...this.observables.values()],
      alerts: this.alerts.map((a) => ({ ...a, ids: [...a.ids], rule: { ...a.rule }, technique: [...a.technique] })),
      related: { ip: [...this.related.ip].sort(), user: [...this.related.user].sort(), hosts: [...this.related.hosts].sort() },
      openedAt: this.openedAt,
      updatedAt: this.updatedAt,
      acknowledgedAt: this.acknowledgedAt,
      resolvedAt: this.resolvedAt,
      firstSeen: this.firstSeen || this.openedAt,
      lastSeen: this.lastSeen || this.openedAt,
      breached: { ...this.breached },
    };
  }

  private addAlert(alert: AlertSummary, detectedAt: string, repeatOf: string | undefined): void {
    this.firstSeen = this.firstSeen === '' ? alert.start : minIso(this.firstSeen, alert.start);
    this.lastSeen = this.lastSeen === '' ? alert.end : maxIso(this.lastSeen, alert.end);
    const entry = repeatOf === undefined ? undefined : this.alertById.get(repeatOf);
    if (entry !== undefined) {
      entry.occurrences++;
      entry.severity = maxSeverity(entry.severity, alert.severity);
      entry.end = maxIso(entry.end, alert.end);
      if (!this.alertById.has(alert.id) && entry.ids.length < MAX_IDS_PER_ALERT) entry.ids.push(alert.id);
      this.alertById.set(alert.id, entry);
    } else {
      const fresh: MutableAlert = {
        id: alert.id,
        ids: [alert.id],
        fingerprint: alert.fingerprint,
        rule: { ...alert.rule },
        severity: alert.severity,
        occurrences: 1,
        technique: [...alert.technique],
        timestamp: alert.timestamp,
        detectionTime: alert.detection_time,
        start: alert.start,
        end: alert.end,
        detectedAt,
      };
      this.alerts.push(fresh);
      this.alertById.set(alert.id, fresh);
    }
    for (const kind of ['ip', 'user', 'hosts'] as const) {
      const set = this.related[kind];
      for (const v of alert.related[kind]) if (set.size < MAX_ENTITY_VALUES) set.add(v);
    }
    for (const o of alert.observables) this.addObservable(o);
  }

  private addObservable(o: CaseObservable): void {
    if (this.observables.size >= MAX_OBSERVABLES) return;
    const key = `${o.type}\u0000${o.value}`;
    if (!this.observables.has(key)) this.observables.set(key, { ...o });
  }
}

/** The state of a case from its whole history. */
export function foldCaseEvents(id: string, events: readonly CaseEvent[]): CaseState {
  const builder = new CaseBuilder(id);
  for (const e of events) builder.apply(e);
  return builder.snapshot();
}

/** Open means not resolved: new, in progress and contained cases still take alerts. */
export function isOpen(state: CaseState): boolean {
  return state.status !== 'resolved';
}
