import type { EvidenceLine } from '../../schema/alert.js';
import type { EcsEvent } from '../../schema/event.js';
import { SmallStringSet } from '../../lib/small-string-set.js';

/** Features of one source address in one time window. Counts enter the forest as log1p. */
export const SOURCE_FEATURES = [
  'failures',
  'successes',
  'distinct_users',
  'invalid_user_ratio',
  'distinct_hosts',
  'hour_of_day',
  'first_seen_source',
] as const;

/** Features of one account in one time window. */
export const USER_FEATURES = ['failures', 'successes', 'distinct_sources', 'distinct_hosts', 'hour_of_day', 'new_sources_for_user'] as const;

export type EntityKind = 'source' | 'user';
const EVIDENCE_PER_WINDOW = 5;

/** What one entity did in one window: raw counts, kept to explain an anomaly in plain numbers. */
export interface EntityWindow {
  readonly kind: EntityKind;
  readonly entity: string;
  readonly start: number;
  end: number;
  failures: number;
  successes: number;
  invalidFailures: number;
  newSources: number;
  readonly firstSeen: boolean;
  readonly peers: SmallStringSet;
  readonly hosts: SmallStringSet;
  readonly evidence: EvidenceLine[];
  count: number;
  /** The entity's own history before this window: how many windows, and each raw feature's maximum. */
  readonly prior: EntityHistory;
}

/** What an entity did in its earlier windows (immutable: a window keeps the history it started with). */
export interface EntityHistory {
  readonly windows: number;
  /** Per feature of the entity's kind (same order as its feature names), the largest raw value seen. */
  readonly max: readonly number[];
}

const NO_HISTORY: Record<EntityKind, EntityHistory> = {
  source: { windows: 0, max: SOURCE_FEATURES.map(() => 0) },
  user: { windows: 0, max: USER_FEATURES.map(() => 0) },
};

/** A feature matrix (row-major) with the window behind each row. */
export interface FeatureMatrix {
  readonly names: readonly string[];
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
  readonly windows: readonly EntityWindow[];
}

/** Features whose increase above the typical window signals risk (see `anomaly.minRiskShare`). */
export const RISK_FEATURES: ReadonlySet<string> = new Set([
  'failures',
  'distinct_users',
  'invalid_user_ratio',
  'first_seen_source',
  'distinct_sources',
  'new_sources_for_user',
]);

/**
 * Aggregates SSH authentication events into per-entity, per-window features: never raw ports or
 * addresses-as-numbers, which carry no signal, but what each source and account did. Events arrive
 * in time order, so each entity has one open window; a later bucket closes it.
 */
export class AuthWindowFeatures {
  private readonly closed: Record<EntityKind, EntityWindow[]> = { source: [], user: [] };
  private readonly current: Record<EntityKind, Map<string, EntityWindow>> = { source: new Map(), user: new Map() };
  private readonly history: Record<EntityKind, Map<string, EntityHistory>> = { source: new Map(), user: new Map() };
  private readonly seenSources = new Set<string>();
  private readonly userSources = new Map<string, Set<string>>();

  constructor(private readonly windowMs: number) {}

  /** Adds one event; only SSH login attempts with a source and a user count. */
  observe(ts: number, e: EcsEvent): void {
    if (e.event.action !== 'ssh_login') return;
    const ip = e.source?.ip;
    const user = e.user?.name;
    if (ip === undefined || user === undefined) return;
    const bucket = ts - (ts % this.windowMs);
    const success = e.event.outcome === 'success';
    const invalid = e.system?.auth?.ssh?.invalid_user === true;
    let known = this.userSources.get(user);
    if (known === undefined) this.userSources.set(user, (known = new Set()));
    const newForUser = success && known.size > 0 && !known.has(ip);
    if (success) known.add(ip);
    const firstSeen = !this.seenSources.has(ip);
    if (firstSeen) this.seenSources.add(ip);
    const host = e.host?.name;
    accumulate(this.window('source', ip, bucket, firstSeen), ts, success, invalid, newForUser, user, host, e);
    accumulate(this.window('user', user, bucket, false), ts, success, invalid, newForUser, ip, host, e);
  }

  private window(kind: EntityKind, entity: string, bucket: number, firstSeen: boolean): EntityWindow {
    const open = this.current[kind];
    const w = open.get(entity);
    if (w !== undefined && w.start >= bucket) return w;
    if (w !== undefined) {
      this.closed[kind].push(w);
      this.remember(w);
    }
    const fresh: EntityWindow = {
      kind,
      entity,
      start: bucket,
      end: bucket,
      failures: 0,
      successes: 0,
      invalidFailures: 0,
      newSources: 0,
      firstSeen,
      peers: new SmallStringSet(),
      hosts: new SmallStringSet(),
      evidence: [],
      count: 0,
      prior: this.history[kind].get(entity) ?? NO_HISTORY[kind],
    };
    open.set(entity, fresh);
    return fresh;
  }

  /** Folds a finished window into its entity's history. */
  private remember(w: EntityWindow): void {
    const names = featureNames(w.kind);
    const before = this.history[w.kind].get(w.entity) ?? NO_HISTORY[w.kind];
    const max = names.map((name, c) => Math.max(before.max[c]!, rawFeature(w, name)));
    this.history[w.kind].set(w.entity, { windows: before.windows + 1, max });
  }

  /** The feature matrix of one entity kind: closed windows, then the still-open ones. */
  matrix(kind: EntityKind): FeatureMatrix {
    const windows = [...this.closed[kind], ...this.current[kind].values()];
    const names = featureNames(kind);
    const cols = names.length;
    const data = new Float64Array(windows.length * cols);
    windows.forEach((w, r) => {
      data.set(featureRow(w), r * cols);
    });
    return { names, data, rows: windows.length, cols, windows };
  }
}

function accumulate(
  w: EntityWindow,
  ts: number,
  success: boolean,
  invalid: boolean,
  newForUser: boolean,
  peer: string,
  host: string | undefined,
  e: EcsEvent,
): void {
  w.count++;
  w.end = ts;
  if (success) w.successes++;
  else w.failures++;
  if (invalid && !success) w.invalidFailures++;
  if (newForUser) w.newSources++;
  w.peers.add(peer);
  if (host !== undefined) w.hosts.add(host);
  const line = e.event.sequence;
  if (line !== undefined && w.evidence.length < EVIDENCE_PER_WINDOW) w.evidence.push({ path: e.log?.file?.path ?? '-', line });
}

/** The feature names of an entity kind. */
export function featureNames(kind: EntityKind): readonly string[] {
  return kind === 'source' ? SOURCE_FEATURES : USER_FEATURES;
}

/** The feature values of one window, in the order of its kind's feature names. */
export function featureRow(w: EntityWindow): number[] {
  const hour = Math.floor(w.start / 3_600_000) % 24;
  if (w.kind === 'source') {
    const ratio = w.failures === 0 ? 0 : w.invalidFailures / w.failures;
    return [Math.log1p(w.failures), Math.log1p(w.successes), Math.log1p(w.peers.size), ratio, Math.log1p(w.hosts.size), hour, w.firstSeen ? 1 : 0];
  }
  return [Math.log1p(w.failures), Math.log1p(w.successes), Math.log1p(w.peers.size), Math.log1p(w.hosts.size), hour, Math.log1p(w.newSources)];
}

/** The raw (untransformed) value of a feature, for explanations. */
export function rawFeature(w: EntityWindow, name: string): number {
  switch (name) {
    case 'failures':
      return w.failures;
    case 'successes':
      return w.successes;
    case 'distinct_users':
    case 'distinct_sources':
      return w.peers.size;
    case 'invalid_user_ratio':
      return w.failures === 0 ? 0 : w.invalidFailures / w.failures;
    case 'distinct_hosts':
      return w.hosts.size;
    case 'hour_of_day':
      return Math.floor(w.start / 3_600_000) % 24;
    case 'first_seen_source':
      return w.firstSeen ? 1 : 0;
    case 'new_sources_for_user':
      return w.newSources;
    default:
      return Number.NaN;
  }
}
