import type { EcsEvent } from '../../schema/event.js';
import { EntityWindow, EvidenceStore, type EntityKind } from './entity-window.js';

export { EntityWindow, EvidenceStore, type EntityKind } from './entity-window.js';

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

/** What an entity did in its windows before a given one. */
export interface EntityHistory {
  readonly windows: number;
  /** Per feature of the entity's kind (same order as its feature names), the largest raw value seen (0 without history). */
  readonly max: readonly number[];
}

/** A feature matrix (row-major) with the window behind each row. */
export interface FeatureMatrix {
  readonly names: readonly string[];
  /** What the forest sees: the raw values, with counts as log1p. */
  readonly data: Float64Array;
  /** The raw values (same layout), to explain and gate in plain numbers. */
  readonly raw: Float64Array;
  readonly rows: number;
  readonly cols: number;
  readonly windows: readonly EntityWindow[];
}

/** Features whose values are counts (the others are shares, flags or the hour); they enter the forest as log1p. */
export const COUNT_FEATURES: ReadonlySet<string> = new Set(['failures', 'successes', 'distinct_users', 'distinct_sources', 'distinct_hosts', 'new_sources_for_user']);

/** Features whose increase above the typical window signals risk (see `anomaly.minRiskShare`). */
export const RISK_FEATURES: ReadonlySet<string> = new Set([
  'failures',
  'distinct_users',
  'invalid_user_ratio',
  'first_seen_source',
  'distinct_sources',
  'new_sources_for_user',
]);

/** One entity's open window (its closed windows hang off it through `previous`). */
interface EntityTrack {
  open: EntityWindow;
}

/** An account's track, plus every source it has logged in from successfully. */
interface UserTrack extends EntityTrack {
  readonly knownSources: Set<string>;
}

/**
 * Aggregates SSH authentication events into per-entity, per-window features: never raw ports or
 * addresses-as-numbers, which carry no signal, but what each source and account did. Events arrive
 * in time order, so each entity has one open window; a later bucket closes it.
 *
 * Each entity has one track holding all of its state, so an event costs one map lookup per entity
 * (this runs for every SSH login; separate maps for windows, histories and seen sources cost several).
 */
export class AuthWindowFeatures {
  private readonly closed: Record<EntityKind, EntityWindow[]> = { source: [], user: [] };
  /** By address; an address without a track has never been seen (`first_seen_source`). */
  private readonly sources = new Map<string, EntityTrack>();
  private readonly users = new Map<string, UserTrack>();
  private readonly evidence = new EvidenceStore();

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
    const host = e.host?.name;
    let userTrack = this.users.get(user);
    if (userTrack === undefined) {
      userTrack = { open: new EntityWindow('user', user, bucket, false, undefined, this.evidence), knownSources: new Set() };
      this.users.set(user, userTrack);
    }
    let newForUser = false;
    if (success && !userTrack.knownSources.has(ip)) {
      newForUser = userTrack.knownSources.size > 0;
      userTrack.knownSources.add(ip);
    }
    let sourceTrack = this.sources.get(ip);
    if (sourceTrack === undefined) {
      sourceTrack = { open: new EntityWindow('source', ip, bucket, true, undefined, this.evidence) };
      this.sources.set(ip, sourceTrack);
    }
    const line = e.event.sequence;
    const evidence = line === undefined ? undefined : { path: e.log?.file?.path ?? '-', line };
    this.windowOf(sourceTrack, bucket).record(ts, success, invalid, newForUser, user, host, evidence);
    this.windowOf(userTrack, bucket).record(ts, success, invalid, newForUser, ip, host, evidence);
  }

  /** The track's window for `bucket`; an older open window is closed first. */
  private windowOf(track: EntityTrack, bucket: number): EntityWindow {
    const w = track.open;
    if (w.start >= bucket) return w;
    this.closed[w.kind].push(w);
    track.open = new EntityWindow(w.kind, w.entity, bucket, false, w, this.evidence);
    return track.open;
  }

  /** The feature matrix of one entity kind: closed windows, then the still-open ones. */
  matrix(kind: EntityKind): FeatureMatrix {
    const tracks: Iterable<EntityTrack> = kind === 'source' ? this.sources.values() : this.users.values();
    const windows = this.closed[kind].slice();
    for (const track of tracks) windows.push(track.open);
    const names = featureNames(kind);
    const cols = names.length;
    const raw = new Float64Array(windows.length * cols);
    const data = new Float64Array(raw.length);
    const logScaled = names.map((name) => COUNT_FEATURES.has(name));
    for (let r = 0, offset = 0; r < windows.length; r++, offset += cols) {
      writeRawRow(windows[r]!, raw, offset);
      for (let c = 0; c < cols; c++) data[offset + c] = logScaled[c] ? Math.log1p(raw[offset + c]!) : raw[offset + c]!;
    }
    return { names, data, raw, rows: windows.length, cols, windows };
  }
}

/**
 * The entity's history before window `w`: how many windows, and each raw feature's maximum. Computed
 * when asked, by walking back through the entity's windows: only the few windows that reach the
 * anomaly gates need it, whereas keeping it up to date would cost every window.
 */
export function historyBefore(w: EntityWindow): EntityHistory {
  const max = featureNames(w.kind).map(() => 0);
  const row = new Float64Array(max.length);
  let windows = 0;
  for (let earlier = w.previous; earlier !== undefined; earlier = earlier.previous) {
    windows++;
    writeRawRow(earlier, row, 0);
    for (let c = 0; c < max.length; c++) max[c] = Math.max(max[c]!, row[c]!);
  }
  return { windows, max };
}

/** The feature names of an entity kind. */
export function featureNames(kind: EntityKind): readonly string[] {
  return kind === 'source' ? SOURCE_FEATURES : USER_FEATURES;
}

/** Writes the raw feature values of one window, in the order of its kind's feature names, at `out[offset…]`. */
function writeRawRow(w: EntityWindow, out: Float64Array, offset: number): void {
  out[offset] = w.failures;
  out[offset + 1] = w.successes;
  out[offset + 2] = w.peerCount;
  const hour = Math.floor(w.start / 3_600_000) % 24;
  if (w.kind === 'source') {
    out[offset + 3] = w.failures === 0 ? 0 : w.invalidFailures / w.failures;
    out[offset + 4] = w.hostCount;
    out[offset + 5] = hour;
    out[offset + 6] = w.firstSeen ? 1 : 0;
  } else {
    out[offset + 3] = w.hostCount;
    out[offset + 4] = hour;
    out[offset + 5] = w.newSources;
  }
}
