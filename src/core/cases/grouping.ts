import type { Alert } from '../../schema/alert.js';
import { caseTitle, summarizeAlert } from './alert-summary.js';
import type { CaseEvent } from './case-event.js';
import { CaseBuilder, isOpen, type CaseState } from './case-state.js';
import type { CasesConfig, LinkKind } from './cases-config.js';
import type { CaseDomainEvent } from './domain-event.js';

/** A case that may take alerts of the batch, with its whole history. */
export interface CaseHistory {
  readonly id: string;
  readonly events: readonly CaseEvent[];
}

export interface GroupingInput {
  readonly alerts: readonly Alert[];
  /** Open cases sharing an entity with the batch, and any case already holding one of its alert ids. */
  readonly cases: readonly CaseHistory[];
  /** Wall-clock time of this ingestion (ISO): the events' `at` and the alerts' `detected_at`. */
  readonly now: string;
  readonly actor: string;
  readonly config: CasesConfig;
  /** The id of a new case opened by `alert` (deterministic ids keep replays stable). */
  readonly newCaseId: (alert: Alert) => string;
}

/** New events for one case: append them if the case is still at `expectedVersion` (0: a new case). */
export interface CaseChange {
  readonly caseId: string;
  readonly expectedVersion: number;
  readonly events: readonly CaseEvent[];
  readonly state: CaseState;
  /** Every alert id this change places in the case, with its fingerprint (for "already in a case" lookups). */
  readonly alerts: readonly { readonly id: string; readonly fingerprint: string }[];
}

export interface GroupingResult {
  readonly changes: readonly CaseChange[];
  readonly domainEvents: readonly CaseDomainEvent[];
}

interface Working {
  readonly id: string;
  readonly builder: CaseBuilder;
  readonly baseVersion: number;
  open: boolean;
  readonly events: CaseEvent[];
  readonly placed: { id: string; fingerprint: string }[];
  readonly links: Record<LinkKind, Set<string>>;
  first: number;
  last: number;
  /** fingerprint → the entry's first alert id and the end of its latest occurrence (ms). */
  readonly fingerprints: Map<string, { id: string; end: number }>;
}

const KIND_FIELD = { ip: 'ip', user: 'user', host: 'hosts' } as const;
const ms = (iso: string): number => Date.parse(iso);

/**
 * Groups a batch of alerts into cases (pure). Alerts are taken in time order. An alert already in a
 * case is an occurrence of it there. Otherwise it joins the open case whose activity is within the
 * window and that it links to — a shared source IP; a shared user (or host, when configured) only when
 * one side names no source IP — preferring an IP link, then the most recently active case; the same
 * fingerprint in that case within the window is an occurrence, not a new alert. Else it opens a case.
 */
export function groupAlerts(input: GroupingInput): GroupingResult {
  const { config, now, actor } = input;
  const windowMs = config.windowMinutes * 60_000;
  const neverLink = new Set(config.neverLink);
  const linkBy = new Set(config.linkBy);
  const index = new Map<string, Set<Working>>();
  const byAlertId = new Map<string, Working>();
  const working = new Map<string, Working>();
  const order: { w: Working; alert: Alert; kind: 'created' | 'alert_added' | 'alert_repeated' }[] = [];

  const remember = (w: Working, state: CaseState): void => {
    for (const a of state.alerts) for (const id of a.ids) byAlertId.set(id, w);
  };
  const indexValues = (w: Working, kind: LinkKind, values: readonly string[]): void => {
    const set = w.links[kind];
    for (const v of values) {
      if (neverLink.has(v) || set.has(v) || set.size >= 500) continue;
      set.add(v);
      const key = `${kind}\u0000${v}`;
      let cases = index.get(key);
      if (cases === undefined) index.set(key, (cases = new Set()));
      cases.add(w);
    }
  };
  const track = (w: Working, start: string, end: string, related: { ip: readonly string[]; user: readonly string[]; hosts: readonly string[] }): void => {
    w.first = Math.min(w.first, ms(start));
    w.last = Math.max(w.last, ms(end));
    for (const kind of ['ip', 'user', 'host'] as const) indexValues(w, kind, related[KIND_FIELD[kind]]);
  };
  const load = (id: string, events: readonly CaseEvent[]): Working => {
    const builder = new CaseBuilder(id);
    for (const e of events) builder.apply(e);
    const state = builder.snapshot();
    const w: Working = {
      id,
      builder,
      baseVersion: state.version,
      open: isOpen(state),
      events: [],
      placed: [],
      links: { ip: new Set(), user: new Set(), host: new Set() },
      first: Infinity,
      last: -Infinity,
      fingerprints: new Map(),
    };
    working.set(id, w);
    remember(w, state);
    if (w.open && state.alerts.length > 0) {
      track(w, state.firstSeen, state.lastSeen, state.related);
      for (const a of state.alerts) w.fingerprints.set(a.fingerprint, { id: a.id, end: ms(a.end) });
    }
    return w;
  };
  for (const c of input.cases) if (!working.has(c.id)) load(c.id, c.events);

  const append = (w: Working, event: CaseEvent): void => {
    w.builder.apply(event);
    w.events.push(event);
  };

  const alerts = [...input.alerts].sort((a, b) => ms(a['@timestamp']) - ms(b['@timestamp']) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const alert of alerts) {
    const summary = summarizeAlert(alert);
    const known = byAlertId.get(alert.id);
    if (known !== undefined) {
      append(known, { type: 'alert_added', at: now, actor, alert: summary, detected_at: now, repeat_of: alert.id });
      order.push({ w: known, alert, kind: 'alert_repeated' });
      continue;
    }
    const start = ms(summary.start);
    const end = ms(summary.end);
    const ips = summary.related.ip.filter((v) => !neverLink.has(v));
    let best: Working | undefined;
    let bestScore = 0;
    for (const kind of ['ip', 'user', 'host'] as const) {
      if (!linkBy.has(kind)) continue;
      for (const v of summary.related[KIND_FIELD[kind]]) {
        for (const w of index.get(`${kind}\u0000${v}`) ?? []) {
          if (!w.open || start > w.last + windowMs || end < w.first - windowMs) continue;
          // A user or host links only when one side names no source: two unrelated sources are two incidents.
          if (kind !== 'ip' && ips.length > 0 && w.links.ip.size > 0) continue;
          const score = kind === 'ip' ? 2 : 1;
          if (best === undefined || score > bestScore || (score === bestScore && (w.last > best.last || (w.last === best.last && w.id < best.id)))) {
            best = w;
            bestScore = score;
          }
        }
      }
    }
    let target = best;
    let kind: 'created' | 'alert_added' | 'alert_repeated' = 'alert_added';
    if (target === undefined) {
      const id = input.newCaseId(alert);
      // Ids derive from the opening alert, and an alert already in a case never opens one: a clash is a bug.
      if (working.has(id)) throw new Error(`case id ${id} is already taken`);
      target = load(id, []);
      target.open = true;
      append(target, { type: 'created', at: now, actor, title: caseTitle(summary) });
      kind = 'created';
    }
    const same = target.fingerprints.get(summary.fingerprint);
    const repeatOf = same !== undefined && start <= same.end + windowMs ? same.id : undefined;
    append(target, { type: 'alert_added', at: now, actor, alert: summary, detected_at: now, ...(repeatOf === undefined ? {} : { repeat_of: repeatOf }) });
    if (repeatOf !== undefined) {
      kind = 'alert_repeated';
      same!.end = Math.max(same!.end, end);
    } else {
      target.fingerprints.set(summary.fingerprint, { id: alert.id, end });
    }
    target.placed.push({ id: alert.id, fingerprint: summary.fingerprint });
    byAlertId.set(alert.id, target);
    track(target, summary.start, summary.end, summary.related);
    order.push({ w: target, alert, kind });
  }

  const states = new Map<Working, CaseState>();
  const changes: CaseChange[] = [];
  for (const w of working.values()) {
    if (w.events.length === 0) continue;
    const state = w.builder.snapshot();
    states.set(w, state);
    changes.push({ caseId: w.id, expectedVersion: w.baseVersion, events: w.events, state, alerts: w.placed });
  }
  const domainEvents: CaseDomainEvent[] = order.map(({ w, alert, kind }) => {
    const state = states.get(w)!;
    return kind === 'created'
      ? { type: 'case.created', caseId: w.id, case: state, alert }
      : { type: 'case.updated', caseId: w.id, case: state, change: kind, alert };
  });
  return { changes, domainEvents };
}

