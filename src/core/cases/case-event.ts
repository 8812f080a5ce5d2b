import { z } from 'zod';
import { SEVERITIES } from '../../schema/severity.js';

/** Case statuses, in their usual order. Only `resolved` closes a case. */
export const CASE_STATUSES = ['new', 'in_progress', 'contained', 'resolved'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** How a resolved case ended. */
export const RESOLUTIONS = ['true_positive', 'false_positive', 'benign'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

/** Typed observables a case collects from its alerts (and from analysts or playbooks). */
export const OBSERVABLE_TYPES = ['ip', 'domain', 'url', 'hash', 'user', 'host', 'email'] as const;
export type ObservableType = (typeof OBSERVABLE_TYPES)[number];

/** Most values of one entity kind kept per alert summary and per case (alerts can name hundreds). */
export const MAX_ENTITY_VALUES = 500;

const text = (max: number) => z.string().max(max);
const iso = z.iso.datetime();
const values = z.array(text(1024)).max(MAX_ENTITY_VALUES);

export const observableSchema = z.strictObject({ type: z.enum(OBSERVABLE_TYPES), value: text(2048).min(1) });
export type CaseObservable = z.infer<typeof observableSchema>;

/** What a case keeps of an alert: enough to group, title, measure and show it without the alert store. */
export const alertSummarySchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{32}$/),
  /** Rule + grouping entities, independent of time (see `alertFingerprint`). */
  fingerprint: z.string().regex(/^[0-9a-f]{32}$/),
  rule: z.strictObject({ id: text(512), name: text(512) }),
  severity: z.enum(SEVERITIES),
  /** The alert's `@timestamp`: the event time at which the detection's condition held. */
  timestamp: iso,
  /**
   * Event time at which the detection could first have fired: `@timestamp` (when its condition held),
   * except for anomaly windows, whose `@timestamp` is the window's start but which are scored only once
   * the window's activity is over (its `event.end`). MTTD runs from `start` to here.
   */
  detection_time: iso,
  start: iso,
  end: iso,
  technique: z.array(text(64)).max(50),
  related: z.strictObject({ ip: values, user: values, hosts: values }),
  observables: z.array(observableSchema).max(MAX_ENTITY_VALUES),
});
export type AlertSummary = z.infer<typeof alertSummarySchema>;

const base = { at: iso, actor: text(200).min(1) };

/**
 * One append-only change to a case: who (`actor`), when (`at`, wall-clock) and what. A case's current
 * state is a fold over its events (`foldCaseEvents`), so its history is never lost.
 */
export const caseEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...base, type: z.literal('created'), title: text(512) }),
  z.strictObject({
    ...base,
    type: z.literal('alert_added'),
    alert: alertSummarySchema,
    /** Wall-clock time at which Vigil created or first saw the alert (what MTTA and MTTR start from). */
    detected_at: iso,
    /** Set when this is the same alert seen again (same id, or same fingerprint within the window): the id whose count grows. */
    repeat_of: z.string().regex(/^[0-9a-f]{32}$/).optional(),
  }),
  z.strictObject({ ...base, type: z.literal('status_changed'), from: z.enum(CASE_STATUSES), to: z.enum(CASE_STATUSES), resolution: z.enum(RESOLUTIONS).optional() }),
  z.strictObject({ ...base, type: z.literal('assigned'), assignee: text(200).min(1).nullable() }),
  z.strictObject({ ...base, type: z.literal('tagged'), tag: text(100).min(1) }),
  z.strictObject({ ...base, type: z.literal('observable_added'), observable: observableSchema }),
  z.strictObject({ ...base, type: z.literal('comment'), text: text(10_000).min(1) }),
  z.strictObject({
    ...base,
    type: z.literal('sla_breached'),
    target: z.enum(['acknowledge', 'resolve']),
    severity: z.enum(SEVERITIES),
    deadline: iso,
    limit_minutes: z.number().positive(),
  }),
  z.strictObject({ ...base, type: z.literal('acknowledged') }),
]);

export type CaseEvent = z.infer<typeof caseEventSchema>;
export type CaseEventType = CaseEvent['type'];
