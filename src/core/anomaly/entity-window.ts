import type { EvidenceLine } from '../../schema/alert.js';

export type EntityKind = 'source' | 'user';

/** Evidence lines a window keeps: its first events. */
export const EVIDENCE_PER_WINDOW = 5;

/**
 * What one entity did in one window: raw counts, kept to explain an anomaly in plain numbers.
 *
 * A month of a busy auth log holds some 65,000 windows, all alive until the forest is fitted, so a
 * window is one object: its first peer and host and its evidence sit in fields, and a `Set` (or a
 * list of paths) is made only when a second distinct value comes. A window of plain objects (two
 * small sets, an evidence array and its line objects) took about 490 bytes and eight objects, and
 * the young-generation collector copied every one of them. Its numbers stay small integers (see
 * `small`), so that V8 keeps them in the object rather than in a box each.
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
  private line0 = 0;
  private line1 = 0;
  private line2 = 0;
  private line3 = 0;
  private line4 = 0;
  /** The path of the first evidence line; `paths` holds every line's path once one differs. */
  private path0 = '';
  private paths: string[] | undefined = undefined;

  constructor(
    readonly kind: EntityKind,
    readonly entity: string,
    readonly start: number,
    readonly firstSeen: boolean,
    /** The entity's window before this one, if any: the way to its history (see `historyBefore`). */
    readonly previous: EntityWindow | undefined,
  ) {}

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
    const lines = [this.line0, this.line1, this.line2, this.line3, this.line4];
    const out: EvidenceLine[] = [];
    for (let i = 0; i < this.evidenceCount; i++) out.push({ path: this.paths?.[i] ?? this.path0, line: lines[i]! });
    return out;
  }

  private addEvidence({ path, line: at }: EvidenceLine): void {
    const line = small(at);
    const i = this.evidenceCount++;
    if (i === 0) this.path0 = path;
    else if (this.paths !== undefined) this.paths.push(path);
    else if (path !== this.path0) this.paths = [...Array<string>(i).fill(this.path0), path];
    switch (i) {
      case 0:
        this.line0 = line;
        break;
      case 1:
        this.line1 = line;
        break;
      case 2:
        this.line2 = line;
        break;
      case 3:
        this.line3 = line;
        break;
      default:
        this.line4 = line;
    }
  }
}

/** Largest small integer V8 stores in place (31-bit with pointer compression). */
const SMALL_MAX = 0x3fffffff;

/**
 * `n` as an integer V8 can keep unboxed in a field. Line numbers come from a Float64Array and
 * offsets from subtracting epoch milliseconds, so without the `| 0` they arrive as doubles and every
 * such field of every window gets a heap box; larger values are kept as they are.
 */
function small(n: number): number {
  return n >= 0 && n <= SMALL_MAX ? n | 0 : n;
}
