import type { EvidenceLine } from '../../schema/alert.js';

export type EntityKind = 'source' | 'user';

/** Evidence lines a window keeps: its first events. */
export const EVIDENCE_PER_WINDOW = 5;

/**
 * What one entity did in one window: raw counts, kept to explain an anomaly in plain numbers.
 *
 * A month of a busy auth log holds some 65,000 windows, all alive until the forest is fitted, so a
 * window is one object: its first peer and host sit in fields, a `Set` is made only when a second
 * distinct value comes, and its evidence lines live in a shared `EvidenceStore`. A window of plain objects (two
 * small sets, an evidence array and its line objects) took about 490 bytes and eight objects, and
 * the young-generation collector copied every one of them. Its numbers stay small integers (see
 * `small`), which V8 keeps in the object rather than in a box each.
 */
export class EntityWindow {
  failures = 0;
  successes = 0;
  invalidFailures = 0;
  newSources = 0;
  count = 0;
  /** Milliseconds from `start` to the window's last event (a small integer, stored unboxed). */
  private lastOffset = 0;
  private peer: string | undefined = undefined;
  private morePeers: Set<string> | undefined = undefined;
  private host: string | undefined = undefined;
  private moreHosts: Set<string> | undefined = undefined;
  private evidenceCount = 0;
  /** The first of this window's EVIDENCE_PER_WINDOW slots in `evidenceStore`. */
  private readonly evidenceAt: number;

  constructor(
    readonly kind: EntityKind,
    readonly entity: string,
    readonly start: number,
    readonly firstSeen: boolean,
    /** The entity's window before this one, if any: the way to its history (see `historyBefore`). */
    readonly previous: EntityWindow | undefined,
    /** Where the evidence lines of this entity's windows are kept (shared by every window of a run). */
    private readonly evidenceStore: EvidenceStore,
  ) {
    this.evidenceAt = evidenceStore.reserve(EVIDENCE_PER_WINDOW);
  }

  /** Time of the window's last event (its start before any). */
  get end(): number {
    return this.start + this.lastOffset;
  }

  /** Counts one authentication event at `ts` (not before `start`). */
  record(ts: number, success: boolean, invalid: boolean, newForUser: boolean, peer: string, host: string | undefined, evidence: EvidenceLine | undefined): void {
    this.count++;
    this.lastOffset = small(ts - this.start);
    if (success) this.successes++;
    else this.failures++;
    if (invalid && !success) this.invalidFailures++;
    if (newForUser) this.newSources++;
    if (this.peer === undefined) this.peer = peer;
    else if (peer !== this.peer) (this.morePeers ??= new Set([this.peer])).add(peer);
    if (host !== undefined) {
      if (this.host === undefined) this.host = host;
      else if (host !== this.host) (this.moreHosts ??= new Set([this.host])).add(host);
    }
    if (evidence !== undefined && this.evidenceCount < EVIDENCE_PER_WINDOW) this.addEvidence(evidence);
  }

  /** Distinct peers: accounts a source tried, or sources an account was tried from. */
  get peerCount(): number {
    return this.morePeers?.size ?? (this.peer === undefined ? 0 : 1);
  }

  get hostCount(): number {
    return this.moreHosts?.size ?? (this.host === undefined ? 0 : 1);
  }

  peers(): Iterable<string> {
    return this.morePeers ?? (this.peer === undefined ? [] : [this.peer]);
  }

  hosts(): Iterable<string> {
    return this.moreHosts ?? (this.host === undefined ? [] : [this.host]);
  }

  /** The window's first evidence lines, in the order seen. */
  evidence(): EvidenceLine[] {
    const out: EvidenceLine[] = [];
    for (let i = 0; i < this.evidenceCount; i++) out.push(this.evidenceStore.line(this.evidenceAt + i));
    return out;
  }

  private addEvidence(line: EvidenceLine): void {
    this.evidenceStore.set(this.evidenceAt + this.evidenceCount++, line);
  }
}

/**
 * Evidence lines of many windows in flat arrays: a line number and a path number per slot, the paths
 * kept once each. No object per line, and nothing here for the garbage collector to trace.
 */
export class EvidenceStore {
  private lines = new Float64Array(1024);
  private pathIds = new Int32Array(1024);
  private used = 0;
  private readonly paths: string[] = [];
  private readonly pathId = new Map<string, number>();

  /** Takes `n` slots; returns the first. */
  reserve(n: number): number {
    const at = this.used;
    this.used += n;
    if (this.used > this.lines.length) {
      const size = Math.max(this.used, this.lines.length * 2);
      const lines = new Float64Array(size);
      lines.set(this.lines);
      this.lines = lines;
      const pathIds = new Int32Array(size);
      pathIds.set(this.pathIds);
      this.pathIds = pathIds;
    }
    return at;
  }

  set(slot: number, { path, line }: EvidenceLine): void {
    let id = this.pathId.get(path);
    if (id === undefined) {
      id = this.paths.length;
      this.paths.push(path);
      this.pathId.set(path, id);
    }
    this.lines[slot] = line;
    this.pathIds[slot] = id;
  }

  line(slot: number): EvidenceLine {
    return { path: this.paths[this.pathIds[slot]!]!, line: this.lines[slot]! };
  }
}

/** Largest small integer V8 stores in place (31-bit with pointer compression). */
const SMALL_MAX = 0x3fffffff;

/**
 * `n` as an integer V8 can keep unboxed in a field: an offset computed from epoch milliseconds is a
 * double, and without the `| 0` every window would box it; larger values are kept as they are.
 */
function small(n: number): number {
  return n >= 0 && n <= SMALL_MAX ? n | 0 : n;
}
