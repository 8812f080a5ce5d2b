import { domainToASCII } from 'node:url';
import type { EcsEvent } from '../../schema/event.js';
import { CidrIndex, type CidrEntry } from './cidr-index.js';
import { type Indicator, assertNever } from './indicator.js';
import { formatIpv4, ipv4FromMapped, parseCidr, parseIpv4, parseIpv6 } from './ip.js';
import { type ObservableKind, collectObservables } from './observables.js';
import { canonicalizeUrl, quickUrlHost } from './url.js';

/** How an observable met an indicator. */
export type MatchKind = 'exact' | 'cidr' | 'subdomain';

/** One indicator an observable matched. */
export interface IndicatorMatch {
  readonly indicator: Indicator;
  readonly match: MatchKind;
}

/** One hit of an event: the indicator, and where in the event its value was seen. */
export interface IndicatorHit extends IndicatorMatch {
  /** ECS field of the observed value (`source.ip`, `url.full`, …). */
  readonly field: string;
  /** The value as it appeared in the event. */
  readonly observed: string;
}

/** Options of `matchEvent`. */
export interface MatchEventOptions {
  /** The time validity is judged at (epoch ms); default the event's `@timestamp`. */
  readonly at?: number;
}

type Slot = number | number[];

const NONE: readonly IndicatorMatch[] = Object.freeze([]);

/**
 * An in-memory index over indicators, built once and queried per event:
 * - IPv4/IPv6 addresses and CIDR blocks: one `CidrIndex` (sorted blocks, binary search), a single
 *   address being a /32 or /128 block, so an address finds exact and enclosing-block indicators in
 *   one O(log n) search;
 * - domains: a hash map, looked up for the observed name and each parent domain (walking the labels
 *   from the left), so a subdomain of a listed domain matches;
 * - URLs, e-mail addresses, hashes: hash maps of canonical values. A URL is canonicalized only when
 *   its host carries at least one URL indicator.
 * An indicator matches at time t when it is not revoked and `validFrom <= t < validUntil`.
 */
export class IndicatorIndex {
  readonly indicators: readonly Indicator[];
  private readonly validFrom: Float64Array;
  private readonly validUntil: Float64Array;
  private readonly revoked: Uint8Array;
  private readonly ips: CidrIndex;
  private readonly domains = new Map<string, Slot>();
  private readonly urls = new Map<string, Slot>();
  private readonly urlHosts = new Set<string>();
  private readonly emails = new Map<string, Slot>();
  private readonly hashes = new Map<string, Slot>();
  private hitIds = new Int32Array(16);
  /** Cached one-hit results per indicator id (exact or cidr / subdomain); dense arrays, not sparse ones. */
  private readonly singleExact: (readonly IndicatorMatch[] | undefined)[];
  private readonly singleSub: (readonly IndicatorMatch[] | undefined)[];
  /**
   * Per indicator: bit 0 set for CIDR blocks (the kind of an IP hit without touching the indicator),
   * bit 1 when it is revoked or has validity bounds (else `live` needs no other array).
   */
  private readonly flags: Uint8Array;

  private constructor(indicators: readonly Indicator[]) {
    this.indicators = indicators;
    const n = indicators.length;
    this.validFrom = new Float64Array(n).fill(-Infinity);
    this.validUntil = new Float64Array(n).fill(Infinity);
    this.revoked = new Uint8Array(n);
    this.flags = new Uint8Array(n);
    this.singleExact = new Array<readonly IndicatorMatch[] | undefined>(n).fill(undefined);
    this.singleSub = new Array<readonly IndicatorMatch[] | undefined>(n).fill(undefined);
    const blocks: CidrEntry[] = [];
    for (let id = 0; id < n; id++) {
      const ind = indicators[id]!;
      if (ind.validFrom !== undefined) this.validFrom[id] = ind.validFrom;
      if (ind.validUntil !== undefined) this.validUntil[id] = ind.validUntil;
      if (ind.revoked) this.revoked[id] = 1;
      if (ind.validFrom !== undefined || ind.validUntil !== undefined || ind.revoked) this.flags[id] = 2;
      switch (ind.type) {
        case 'ipv4': {
          const v = parseIpv4(ind.value);
          if (v !== undefined) blocks.push({ cidr: { family: 4, network: v, prefix: 32 }, id });
          break;
        }
        case 'ipv6': {
          const w = parseIpv6(ind.value);
          if (w !== undefined) blocks.push({ cidr: { family: 6, network: w, prefix: 128 }, id });
          break;
        }
        case 'cidr': {
          const c = parseCidr(ind.value);
          if (c.ok) blocks.push({ cidr: c.value, id });
          this.flags[id] = this.flags[id]! | 1;
          break;
        }
        case 'domain':
          addSlot(this.domains, ind.value, id);
          break;
        case 'url': {
          addSlot(this.urls, ind.value, id);
          const host = quickUrlHost(ind.value);
          if (host !== undefined) this.urlHosts.add(host);
          break;
        }
        case 'email':
          addSlot(this.emails, ind.value, id);
          break;
        case 'md5':
        case 'sha1':
        case 'sha256':
        case 'sha512':
          addSlot(this.hashes, ind.value, id);
          break;
        default:
          assertNever(ind.type);
      }
    }
    this.ips = CidrIndex.build(blocks);
  }

  /** Builds the index. Indicators are expected in canonical form (`normalizeIndicator`). */
  static build(indicators: readonly Indicator[]): IndicatorIndex {
    return new IndicatorIndex(indicators);
  }

  /** Number of indicators indexed. */
  get size(): number {
    return this.indicators.length;
  }

  /** Indicators matching an observed value of the given kind at time `at` (epoch ms; NaN: ignore validity times). */
  matchValue(kind: ObservableKind, value: string, at: number): readonly IndicatorMatch[] {
    switch (kind) {
      case 'ip':
        return this.matchIp(value, at);
      case 'domain':
        return this.matchDomain(value, at);
      case 'url':
        return this.matchUrl(value, at);
      case 'email':
        return this.matchEmail(value, at);
      case 'hash':
        return this.matchHash(value, at);
      default:
        return assertNever(kind);
    }
  }

  /** IPv4 or IPv6 address (IPv4-mapped IPv6 counts as IPv4; brackets and zone ids are ignored). */
  matchIp(value: string, at: number): readonly IndicatorMatch[] {
    const ips = this.ips;
    let n = 0;
    const v4 = parseIpv4(value);
    if (v4 !== undefined) {
      for (let b = ips.innermostV4(v4); b !== -1; b = ips.parentV4(b)) {
        for (let x = ips.idStartV4(b), end = ips.idEndV4(b); x < end; x++) n = this.hit(ips.idV4(x), at, n);
      }
    } else {
      let s = value;
      if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
      const pct = s.indexOf('%');
      if (pct !== -1) s = s.slice(0, pct);
      const w = parseIpv6(s);
      if (w === undefined) return NONE;
      const mapped = ipv4FromMapped(w);
      if (mapped !== undefined) return this.matchIp(formatIpv4(mapped), at);
      for (let b = ips.innermostV6(w); b !== -1; b = ips.parentV6(b)) {
        for (let x = ips.idStartV6(b), end = ips.idStartV6(b + 1); x < end; x++) n = this.hit(ips.idV6(x), at, n);
      }
    }
    return this.result(n, 'auto');
  }

  /** Domain name: the name itself and every parent domain of it. */
  matchDomain(value: string, at: number): readonly IndicatorMatch[] {
    let d = value.toLowerCase();
    if (d.endsWith('.')) d = d.slice(0, -1);
    if (!isAscii(d)) d = domainToASCII(d);
    let n = 0;
    let exact = 0;
    let pos = 0;
    for (;;) {
      const slot = this.domains.get(pos === 0 ? d : d.slice(pos));
      if (slot !== undefined) n = this.hitSlot(slot, at, n);
      if (pos === 0) exact = n;
      const dot = d.indexOf('.', pos);
      // A listed domain has two labels at least: stop before the last label.
      if (dot === -1 || d.indexOf('.', dot + 1) === -1) break;
      pos = dot + 1;
    }
    return this.result(n, exact === n ? 'exact' : exact === 0 ? 'subdomain' : 'split', exact);
  }

  /** URL, compared in canonical form. */
  matchUrl(value: string, at: number): readonly IndicatorMatch[] {
    if (this.urls.size === 0) return NONE;
    const host = quickUrlHost(value);
    if (host === undefined || !this.urlHosts.has(host)) return NONE;
    let slot = this.urls.get(value);
    if (slot === undefined) {
      const c = canonicalizeUrl(value);
      if (!c.ok) return NONE;
      slot = this.urls.get(c.value);
    }
    return slot === undefined ? NONE : this.result(this.hitSlot(slot, at, 0), 'exact');
  }

  /** E-mail address (case-insensitive). */
  matchEmail(value: string, at: number): readonly IndicatorMatch[] {
    let v = value.trim().toLowerCase();
    if (v.startsWith('mailto:')) v = v.slice(7);
    const slot = this.emails.get(v);
    return slot === undefined ? NONE : this.result(this.hitSlot(slot, at, 0), 'exact');
  }

  /** MD5, SHA-1, SHA-256 or SHA-512 in hex (case-insensitive). */
  matchHash(value: string, at: number): readonly IndicatorMatch[] {
    const slot = this.hashes.get(value.toLowerCase());
    return slot === undefined ? NONE : this.result(this.hitSlot(slot, at, 0), 'exact');
  }

  /**
   * Every hit of an event: its observables (see `collectObservables`) matched at the event's time.
   * Expired, not-yet-valid and revoked indicators do not match.
   */
  matchEvent(event: EcsEvent, options: MatchEventOptions = {}): IndicatorHit[] {
    const at = options.at ?? Date.parse(event['@timestamp']);
    const hits: IndicatorHit[] = [];
    for (const o of collectObservables(event)) {
      for (const m of this.matchValue(o.kind, o.value, at)) hits.push({ indicator: m.indicator, match: m.match, field: o.field, observed: o.value });
    }
    return hits;
  }

  private live(id: number, at: number): boolean {
    if ((this.flags[id]! & 2) === 0) return true;
    // NaN `at` makes both comparisons false: validity times are then not applied.
    return this.revoked[id] === 0 && !(at < this.validFrom[id]!) && !(at >= this.validUntil[id]!);
  }

  /** Records id as the n-th live hit (when it is live); returns the new count. */
  private hit(id: number, at: number, n: number): number {
    if (!this.live(id, at)) return n;
    if (n === this.hitIds.length) {
      const bigger = new Int32Array(n * 2);
      bigger.set(this.hitIds);
      this.hitIds = bigger;
    }
    this.hitIds[n] = id;
    return n + 1;
  }

  private hitSlot(slot: Slot, at: number, n: number): number {
    if (typeof slot === 'number') return this.hit(slot, at, n);
    for (const id of slot) n = this.hit(id, at, n);
    return n;
  }

  /**
   * The matches for the first n recorded hits. `auto` takes the kind from the indicator type (`cidr`
   * blocks, `exact` otherwise); `split` means the first `exact` hits are exact, the rest subdomain.
   * A single hit returns a cached frozen array: the common hit allocates nothing.
   */
  private result(n: number, kind: MatchKind | 'auto' | 'split', exact = 0): readonly IndicatorMatch[] {
    if (n === 0) return NONE;
    if (n === 1) {
      const id = this.hitIds[0]!;
      const k = this.kindOf(kind, 0, id, exact);
      const cache = k === 'subdomain' ? this.singleSub : this.singleExact;
      let cached = cache[id];
      if (cached === undefined) {
        cached = Object.freeze([Object.freeze({ indicator: this.indicators[id]!, match: k })]);
        cache[id] = cached;
      }
      return cached;
    }
    const out: IndicatorMatch[] = [];
    for (let i = 0; i < n; i++) {
      const id = this.hitIds[i]!;
      out.push({ indicator: this.indicators[id]!, match: this.kindOf(kind, i, id, exact) });
    }
    return out;
  }

  private kindOf(kind: MatchKind | 'auto' | 'split', i: number, id: number, exact: number): MatchKind {
    if (kind === 'auto') return (this.flags[id]! & 1) === 1 ? 'cidr' : 'exact';
    if (kind === 'split') return i < exact ? 'exact' : 'subdomain';
    return kind;
  }
}

function addSlot(map: Map<string, Slot>, key: string, id: number): void {
  const prev = map.get(key);
  if (prev === undefined) map.set(key, id);
  else if (typeof prev === 'number') map.set(key, [prev, id]);
  else prev.push(id);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}
