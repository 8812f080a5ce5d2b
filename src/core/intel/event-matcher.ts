import type { EcsEvent } from '../../schema/event.js';
import { assertNever } from './indicator.js';
import { parseIpv4 } from '../../lib/ip.js';
import type { IndicatorHit, MatchEventOptions } from './match-types.js';
import type { IndicatorIndex } from './matcher.js';
import { EVENT_FIELDS, type ObservableKind } from './observables.js';
import { quickUrlHost } from './url.js';

/**
 * Matches whole events against an index: reads the ECS observable fields in place (grouped by
 * top-level object), de-duplicates values within an event in reused buffers, and caches the last
 * `@timestamp` parse, so an event without observables costs a few property reads.
 */
export class EventMatcher {
  /** Observables already matched in the current event (kind, value), reused. */
  private readonly seenKinds: ObservableKind[] = [];
  private readonly seenValues: string[] = [];
  private lastStamp = '';
  private lastStampMs = NaN;

  constructor(private readonly index: IndicatorIndex) {}

  /**
   * Every hit of an event: the values of its observable fields (`OBSERVABLE_FIELDS`; a URL also
   * yields its host, an e-mail address its domain) matched at the event's time, each distinct value
   * once, named by the first field that carries it. Expired, not-yet-valid and revoked indicators do
   * not match. Reads the fields in place: an event without observables costs a few property reads.
   */
  match(event: EcsEvent, options: MatchEventOptions = {}): IndicatorHit[] {
    let at = options.at;
    if (at === undefined) {
      const stamp = event['@timestamp'];
      if (stamp !== this.lastStamp) {
        this.lastStamp = stamp;
        this.lastStampMs = Date.parse(stamp);
      }
      at = this.lastStampMs;
    }
    const hits: IndicatorHit[] = [];
    this.seenKinds.length = 0;
    this.seenValues.length = 0;
    const root = event as unknown as Record<string, unknown>;
    for (const group of EVENT_FIELDS) {
      const top = root[group.top];
      if (typeof top !== 'object' || top === null) continue;
      for (const f of group.fields) {
        const v = readPath(top, f.rest, 0);
        if (v === undefined) continue;
        if (typeof v === 'string') this.observe(f.kind, f.field, v, at, hits);
        else for (const x of v) if (typeof x === 'string') this.observe(f.kind, f.field, x, at, hits);
      }
    }
    return hits;
  }

  /** Matches one observed value (and what it implies: a URL's host, an address's domain). */
  private observe(kind: ObservableKind, field: string, v: string, at: number, hits: IndicatorHit[]): void {
    if (v.length === 0) return;
    switch (kind) {
      case 'ip':
      case 'hash':
        this.observeOne(kind, field, v, at, hits);
        return;
      case 'domain':
        this.observeOne(looksLikeIp(v) ? 'ip' : 'domain', field, v, at, hits);
        return;
      case 'url': {
        this.observeOne('url', field, v, at, hits);
        const host = quickUrlHost(v);
        if (host !== undefined && host.length > 0) this.observeOne(looksLikeIp(host) ? 'ip' : 'domain', field, host, at, hits);
        return;
      }
      case 'email': {
        const a = v.lastIndexOf('@');
        if (a <= 0) return;
        this.observeOne('email', field, v, at, hits);
        this.observeOne('domain', field, v.slice(a + 1), at, hits);
        return;
      }
      default:
        assertNever(kind);
    }
  }

  private observeOne(kind: ObservableKind, field: string, value: string, at: number, hits: IndicatorHit[]): void {
    const kinds = this.seenKinds;
    const values = this.seenValues;
    for (let i = 0; i < values.length; i++) if (values[i] === value && kinds[i] === kind) return;
    kinds.push(kind);
    values.push(value);
    const found = this.index.matchValue(kind, value, at);
    for (let i = 0; i < found.length; i++) {
      const m = found[i]!;
      hits.push({ indicator: m.indicator, match: m.match, field, observed: value });
    }
  }
}

/** An IPv4 address, or something with a colon (IPv6): matched as an IP, not a domain. */
function looksLikeIp(v: string): boolean {
  return v.includes(':') || parseIpv4(v) !== undefined;
}

/** The string or strings at a dotted path below `node`, one level of arrays flattened on the way. */
function readPath(node: unknown, path: readonly string[], depth: number): string | readonly unknown[] | undefined {
  let cur = node;
  for (let i = depth; i < path.length; i++) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    if (Array.isArray(cur)) return collectArray(cur, path, i);
    cur = (cur as Record<string, unknown>)[path[i]!];
  }
  if (typeof cur === 'string') return cur;
  return Array.isArray(cur) ? cur : undefined;
}

/** An array met inside a path (`email.attachments[].file.hash`): the strings below each element. */
function collectArray(arr: readonly unknown[], path: readonly string[], depth: number): string[] {
  const out: string[] = [];
  for (const x of arr) {
    if (Array.isArray(x)) continue;
    const v = readPath(x, path, depth);
    if (typeof v === 'string') out.push(v);
    else if (v !== undefined) for (const y of v) if (typeof y === 'string') out.push(y);
  }
  return out;
}
