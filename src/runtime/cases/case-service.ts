import {
  caseIdFor,
  computeCaseMetrics,
  foldCaseEvents,
  groupAlerts,
  newServiceLevelBreaches,
  planCaseUpdate,
  type CaseDomainEvent,
  type CaseEvent,
  type CaseMetrics,
  type CasesConfig,
  type CaseState,
  type CaseUpdate,
  type CaseUpdateRefusal,
} from '../../core/cases/index.js';
import { VigilError } from '../../lib/errors.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Alert } from '../../schema/alert.js';
import type { AlertStore } from '../store/alert-store.js';
import type { CandidateQuery, CaseCommit, CaseStore } from './case-store.js';

/** When and as whom an operation runs; `now` is injected so tests and replays control time. */
export interface CaseOperationOptions {
  /** Wall-clock time of the operation (ISO-8601). */
  readonly now: string;
  readonly config: CasesConfig;
  /** Who acts (analyst name, playbook id); default `vigil`. */
  readonly actor?: string;
}

/** What ingesting a batch did; `events` is what playbooks trigger on. */
export interface IngestOutcome {
  readonly events: readonly CaseDomainEvent[];
  readonly casesCreated: number;
  readonly casesUpdated: number;
  /** Alerts added as new entries of a case, and alerts counted as occurrences of one already there. */
  readonly alertsAdded: number;
  readonly alertsRepeated: number;
}

export type UpdateRefusal = CaseUpdateRefusal | { readonly reason: 'not_found'; readonly message: string };

/** Cases over a store: grouping alerts, analyst updates, service levels and metrics. */
export interface CaseService {
  /** Groups alerts into new or existing open cases, then records service-level breaches of the cases touched. */
  ingestAlerts(alerts: readonly Alert[], options: CaseOperationOptions): Promise<IngestOutcome>;
  /** Groups the alerts of `alertStore` that are in no case yet (`vigil cases build`). */
  ingestStoredAlerts(alertStore: AlertStore, options: CaseOperationOptions): Promise<IngestOutcome & { readonly alertsConsidered: number }>;
  updateCase(id: string, update: CaseUpdate, options: CaseOperationOptions): Promise<Result<{ readonly case: CaseState; readonly events: readonly CaseDomainEvent[] }, UpdateRefusal>>;
  /** Records missed service levels of every open case at `now` (once per case and target). */
  evaluateServiceLevels(options: CaseOperationOptions): Promise<readonly CaseDomainEvent[]>;
  metrics(period: { readonly since?: string; readonly until?: string }): Promise<CaseMetrics>;
}

const MAX_ATTEMPTS = 5;
const MAX_STORED_ALERTS = 100_000;
const OPEN_STATUSES = ['new', 'in_progress', 'contained'] as const;

const updatedEvent = (state: CaseState, event: CaseEvent): CaseDomainEvent => {
  if (event.type === 'sla_breached') return { type: 'sla.breached', caseId: state.id, case: state, breach: event };
  if (event.type === 'created' || event.type === 'alert_added') throw new Error(`${event.type} is not an update`);
  return { type: 'case.updated', caseId: state.id, case: state, change: event.type, event };
};

/** One spelling of every time (`toISOString`), so stored times compare as strings. */
function isoTime(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new VigilError('INVALID_ARGUMENT', `not an ISO-8601 time: ${value.slice(0, 100)}`);
  return new Date(ms).toISOString();
}

const normalized = (options: CaseOperationOptions): CaseOperationOptions => ({ ...options, now: isoTime(options.now) });

/** The open cases a batch could join: by the entity kinds that link, within the window around the batch's activity. */
function candidateQuery(alerts: readonly Alert[], config: CasesConfig): CandidateQuery {
  const never = new Set(config.neverLink);
  const values = (pick: (a: Alert) => readonly string[]): string[] => [...new Set(alerts.flatMap(pick))].filter((v) => !never.has(v));
  const links = new Set(config.linkBy);
  let from = Infinity;
  let until = -Infinity;
  for (const a of alerts) {
    from = Math.min(from, Date.parse(a.event.start));
    until = Math.max(until, Date.parse(a.event.end));
  }
  const window = config.windowMinutes * 60_000;
  return {
    ips: links.has('ip') ? values((a) => a.related.ip) : [],
    users: links.has('user') ? values((a) => a.related.user) : [],
    hosts: links.has('host') ? values((a) => a.related.hosts) : [],
    alertIds: alerts.map((a) => a.id),
    ...(alerts.length === 0 ? {} : { activeFrom: new Date(from - window).toISOString(), activeUntil: new Date(until + window).toISOString() }),
  };
}

/** The case service over `store`. */
export function createCaseService(store: CaseStore): CaseService {
  /** Commits, reloading and re-planning when another writer got there first. */
  async function withRetry<T>(attempt: () => Promise<{ commits: readonly CaseCommit[]; value: T }>): Promise<T> {
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const { commits, value } = await attempt();
      if (commits.length === 0) return value;
      const result = await store.commit(commits);
      if (result.ok) return value;
    }
    throw new VigilError('STORE_FAILED', `cases kept changing under this update (${MAX_ATTEMPTS} attempts)`);
  }

  const ingestAlerts = (alerts: readonly Alert[], rawOptions: CaseOperationOptions): Promise<IngestOutcome> =>
    withRetry(async () => {
      const options = normalized(rawOptions);
      const actor = options.actor ?? 'vigil';
      const histories = await store.findCandidates(candidateQuery(alerts, options.config));
      const grouped = groupAlerts({ alerts, cases: histories, now: options.now, actor, config: options.config, newCaseId: (a) => caseIdFor(a.id) });
      const before = new Map(histories.map((h) => [h.id, h.events]));
      const now = Date.parse(options.now);
      const finalState = new Map<string, CaseState>();
      const breachEvents: CaseDomainEvent[] = [];
      const commits = grouped.changes.map((change): CaseCommit => {
        const breaches = newServiceLevelBreaches(change.state, now, options.config, actor);
        if (breaches.length === 0) {
          finalState.set(change.caseId, change.state);
          return change;
        }
        const state = foldCaseEvents(change.caseId, [...(before.get(change.caseId) ?? []), ...change.events, ...breaches]);
        finalState.set(change.caseId, state);
        for (const b of breaches) breachEvents.push(updatedEvent(state, b));
        return { ...change, events: [...change.events, ...breaches], state };
      });
      const events = [...grouped.domainEvents.map((e) => ({ ...e, case: finalState.get(e.caseId) ?? e.case })), ...breachEvents];
      const value: IngestOutcome = {
        events,
        casesCreated: grouped.domainEvents.filter((e) => e.type === 'case.created').length,
        casesUpdated: grouped.changes.filter((c) => c.expectedVersion > 0).length,
        alertsAdded: grouped.domainEvents.filter((e) => e.type === 'case.created' || (e.type === 'case.updated' && e.change === 'alert_added')).length,
        alertsRepeated: grouped.domainEvents.filter((e) => e.type === 'case.updated' && e.change === 'alert_repeated').length,
      };
      return { commits, value };
    });

  return {
    ingestAlerts,

    async ingestStoredAlerts(alertStore, options) {
      const alerts = await alertStore.listAlerts({ limit: MAX_STORED_ALERTS });
      const placed = await store.casesOfAlerts(alerts.map((a) => a.id));
      const fresh = alerts.filter((a) => !placed.has(a.id));
      const outcome = await ingestAlerts(fresh, options);
      return { ...outcome, alertsConsidered: fresh.length };
    },

    updateCase: (id, update, rawOptions) =>
      withRetry<Result<{ readonly case: CaseState; readonly events: readonly CaseDomainEvent[] }, UpdateRefusal>>(async () => {
        const options = normalized(rawOptions);
        const actor = options.actor ?? 'vigil';
        const history = await store.getHistory(id);
        if (history === undefined) return { commits: [], value: err({ reason: 'not_found' as const, message: `no case ${id}` }) };
        const state = foldCaseEvents(id, history.events);
        const planned = planCaseUpdate(state, update, options.now, actor);
        if (!planned.ok) return { commits: [], value: err(planned.error) };
        const afterUpdate = foldCaseEvents(id, [...history.events, ...planned.value]);
        const breaches = newServiceLevelBreaches(afterUpdate, Date.parse(options.now), options.config, 'vigil');
        const added = [...planned.value, ...breaches];
        const next = breaches.length === 0 ? afterUpdate : foldCaseEvents(id, [...history.events, ...added]);
        const commits: CaseCommit[] = added.length === 0 ? [] : [{ caseId: id, expectedVersion: state.version, events: added, state: next, alerts: [] }];
        return { commits, value: ok({ case: next, events: added.map((e) => updatedEvent(next, e)) }) };
      }),

    evaluateServiceLevels: (rawOptions) =>
      withRetry(async () => {
        const options = normalized(rawOptions);
        const now = Date.parse(options.now);
        const commits: CaseCommit[] = [];
        const events: CaseDomainEvent[] = [];
        for (const status of OPEN_STATUSES) {
          for (const state of await store.listCases({ status, limit: 100_000 })) {
            const breaches = newServiceLevelBreaches(state, now, options.config, options.actor ?? 'vigil');
            if (breaches.length === 0) continue;
            const history = await store.getHistory(state.id);
            const next = foldCaseEvents(state.id, [...(history?.events ?? []), ...breaches]);
            commits.push({ caseId: state.id, expectedVersion: state.version, events: breaches, state: next, alerts: [] });
            for (const b of breaches) events.push(updatedEvent(next, b));
          }
        }
        return { commits, value: events };
      }),

    async metrics(rawPeriod) {
      const period = {
        ...(rawPeriod.since === undefined ? {} : { since: isoTime(rawPeriod.since) }),
        ...(rawPeriod.until === undefined ? {} : { until: isoTime(rawPeriod.until) }),
      };
      const cases = await store.listCases({
        limit: 100_000,
        ...(period.since === undefined ? {} : { openedSince: period.since }),
        ...(period.until === undefined ? {} : { openedUntil: period.until }),
      });
      return computeCaseMetrics(cases, period);
    },
  };
}
