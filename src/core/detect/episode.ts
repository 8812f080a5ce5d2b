import type { EcsEvent } from '../../schema/event.js';
import type { EvidenceLine } from '../../schema/alert.js';

const FIRST_EVIDENCE = 20;
const LAST_EVIDENCE = 10;

/**
 * One burst of related activity behind one alert: when it started and ended, how many events,
 * which entities took part, and a bounded sample of the evidence (the first and the last lines).
 * Memory per episode is constant however long the attack lasts.
 */
export class Episode {
  end: number;
  count = 0;
  readonly ips = new Set<string>();
  readonly users = new Set<string>();
  readonly hosts = new Set<string>();
  private readonly first: EvidenceLine[] = [];
  private readonly last: EvidenceLine[] = [];
  private lastNext = 0;

  constructor(
    readonly start: number,
    /** Event time at which the detection's condition first held. */
    readonly triggeredAt: number,
  ) {
    this.end = start;
  }

  /** Adds one event (its time, entities and line) to the episode. */
  add(ts: number, event: EcsEvent): void {
    this.count++;
    if (ts > this.end) this.end = ts;
    const ip = event.source?.ip;
    if (ip !== undefined) this.ips.add(ip);
    const user = event.user?.name;
    if (user !== undefined) this.users.add(user);
    const host = event.host?.name;
    if (host !== undefined) this.hosts.add(host);
    const line = evidenceOf(event);
    if (line !== undefined) this.addEvidence([line]);
  }

  /** Adds evidence lines that were collected elsewhere (e.g. per window). */
  addEvidence(lines: Iterable<EvidenceLine>): void {
    for (const line of lines) this.addLine(line);
  }

  private addLine(line: EvidenceLine): void {
    if (this.first.length < FIRST_EVIDENCE) {
      this.first.push(line);
    } else {
      this.last[this.lastNext] = line;
      this.lastNext = (this.lastNext + 1) % LAST_EVIDENCE;
    }
  }

  /** The evidence sample in input order. */
  evidence(): EvidenceLine[] {
    const tail = this.last.length < LAST_EVIDENCE ? this.last : [...this.last.slice(this.lastNext), ...this.last.slice(0, this.lastNext)];
    return [...this.first, ...tail];
  }
}

/** Where an event came from, if its parser recorded it. */
export function evidenceOf(event: EcsEvent): EvidenceLine | undefined {
  const line = event.event.sequence;
  if (line === undefined) return undefined;
  const path = event.log?.file?.path ?? '-';
  const offset = event.log?.offset;
  return offset === undefined ? { path, line } : { path, line, offset };
}
