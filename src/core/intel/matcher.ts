import type { EcsEvent } from '../../schema/event.js';
import { CidrIndex, type CidrEntry } from './cidr-index.js';
import { MAX_WALKED_DOMAIN, hasUpper, normalizeForWalk } from './domain.js';
import { type Indicator, assertNever } from './indicator.js';
import type { IndicatorHit, IndicatorMatch, MatchEventOptions, MatchKind } from './match-types.js';
import { formatIpv4, ipv4FromMapped, parseCidr, parseIpv4, parseIpv6 } from '../../lib/ip.js';
import type { KnownGood } from './known-good.js';
import { EventMatcher } from './event-matcher.js';
import type { ObservableKind } from './observables.js';
import { isPublicSuffix } from './public-suffix-guard.js';
import { SPAN_HASH_START, SpanTable, lowerAscii, mixChar } from './span-table.js';
import { canonicalizeUrl, quickUrlHost } from './url.js';

export type { IndicatorHit, IndicatorMatch, MatchEventOptions, MatchKind } from './match-types.js';

/** Options of `IndicatorIndex.build`. */
export interface IndicatorIndexOptions {
  /**
   * Known-good values (MISP warninglists): a hit whose observed value this covers is dropped (and
   * recorded by the check). Consulted only on hits, so it costs nothing on the common miss.
   */
  readonly knownGood?: KnownGood;
}

type Slot = number | number[];

const NONE: readonly IndicatorMatch[] = Object.freeze([]);

/**
 * An in-memory index over indicators, built once and queried per event:
 * - IPv4/IPv6 addresses and CIDR blocks: one `CidrIndex` (sorted blocks, binary search), a single
 *   address being a /32 or /128 block, so an address finds exact and enclosing-block indicators in
 *   one O(log n) search;
 * - domains: a `SpanTable` looked up for the observed name and each parent domain, walking the name
 *   once from its end by index (no per-label strings), so a subdomain of a listed domain matches;
 *   a listed public suffix (`co.uk`) matches only itself;
 * - URLs, e-mail addresses, hashes: hash maps of canonical values. A URL is looked up only when its
 *   host (hashed in place) carries at least one URL indicator, and canonicalized only when its text
 *   is not already canonical.
 * An indicator matches at time t when it is not revoked and `validFrom <= t < validUntil`.
 */
export class IndicatorIndex {
  readonly indicators: readonly Indicator[];
  private readonly validFrom: Float64Array;
  private readonly validUntil: Float64Array;
  private readonly revoked: Uint8Array;
  private readonly ips: CidrIndex;
  private readonly domains: SpanTable;
  /** Per indicator: 1 when it is a domain that is a public suffix (matched exactly only). */
  private readonly exactOnly: Uint8Array;
  private readonly urls = new Map<string, Slot>();
  private readonly urlHosts: SpanTable;
  private readonly knownGood: KnownGood | undefined;
  private readonly suffixPos = new Int32Array(MAX_WALKED_DOMAIN);
  private readonly suffixHash = new Int32Array(MAX_WALKED_DOMAIN);
  private events: EventMatcher | undefined;
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

  private constructor(indicators: readonly Indicator[], options: IndicatorIndexOptions) {
    this.indicators = indicators;
    this.knownGood = options.knownGood;
    const n = indicators.length;
    this.exactOnly = new Uint8Array(n);
    const domainValues: string[] = [];
    const domainIds: number[] = [];
    const hostValues: string[] = [];
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
          domainValues.push(ind.value);
          domainIds.push(id);
          if (isPublicSuffix(ind.value)) this.exactOnly[id] = 1;
          break;
        case 'url': {
          addSlot(this.urls, ind.value, id);
          const host = quickUrlHost(ind.value);
          if (host !== undefined) hostValues.push(host);
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
    this.domains = new SpanTable(domainValues, domainIds);
    const hosts = [...new Set(hostValues)];
    this.urlHosts = new SpanTable(hosts, new Int32Array(hosts.length));
  }

  /** Builds the index. Indicators are expected in canonical form (`normalizeIndicator`). */
  static build(indicators: readonly Indicator[], options: IndicatorIndexOptions = {}): IndicatorIndex {
    return new IndicatorIndex(indicators, options);
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
    if (n > 0 && this.knownGood?.check('ip', value) !== undefined) return NONE;
    return this.result(n, 'auto');
  }

  /** Domain name: the name itself and every parent domain of it. */
  matchDomain(value: string, at: number): readonly IndicatorMatch[] {
    return this.matchDomainAs(value, value, at);
  }

  /** Matches `d` (the name to walk: `value` itself, or its normalized form) and reports `value`. */
  private matchDomainAs(value: string, d: string, at: number): readonly IndicatorMatch[] {
    if (this.domains.size === 0) return NONE;
    let end = d.length;
    if (end > 0 && d.charCodeAt(end - 1) === 46) end--;
    if (end === 0 || end > MAX_WALKED_DOMAIN) return NONE;
    // One walk from the end: the hash of every suffix that starts after a dot and has two labels.
    // Upper case or non-ASCII (rare) stops the walk; the name is then normalized and walked again.
    const pos = this.suffixPos;
    const hashes = this.suffixHash;
    let k = 0;
    let dots = 0;
    let h = SPAN_HASH_START;
    for (let i = end - 1; i >= 0; i--) {
      const c = d.charCodeAt(i);
      if (c === 46) {
        if (dots > 0) {
          pos[k] = i + 1;
          hashes[k++] = h;
        }
        dots++;
      } else if (c > 127 || (c >= 65 && c <= 90)) {
        if (d !== value) return NONE; // already normalized once: not a name we can match
        const norm = normalizeForWalk(d.slice(0, end));
        return norm === undefined ? NONE : this.matchDomainAs(value, norm, at);
      }
      h = mixChar(h, c);
    }
    if (dots === 0) return NONE;
    pos[k] = 0;
    hashes[k++] = h;
    // Longest (the name itself) first, as the hits are reported.
    let n = 0;
    let exact = 0;
    const table = this.domains;
    for (let j = k - 1; j >= 0; j--) {
      const p = pos[j]!;
      const hj = hashes[j]!;
      for (let e = table.firstWithHash(hj); e !== -1; e = table.nextWithHash(e, hj)) {
        if (!table.equalsSpan(e, d, p, end)) continue;
        const id = table.idOf(e);
        if (p > 0 && this.exactOnly[id] === 1) continue;
        n = this.hit(id, at, n);
      }
      if (p === 0) exact = n;
    }
    if (n > 0 && this.knownGood?.check('domain', value) !== undefined) return NONE;
    return this.result(n, exact === n ? 'exact' : exact === 0 ? 'subdomain' : 'split', exact);
  }

  /** URL, compared in canonical form. */
  matchUrl(value: string, at: number): readonly IndicatorMatch[] {
    if (this.urls.size === 0 || !this.urlHostListed(value)) return NONE;
    let slot = this.urls.get(value);
    if (slot === undefined) {
      const c = canonicalizeUrl(value);
      if (!c.ok) return NONE;
      slot = this.urls.get(c.value);
    }
    if (slot === undefined) return NONE;
    const n = this.hitSlot(slot, at, 0);
    if (n > 0 && this.knownGood?.check('url', value) !== undefined) return NONE;
    return this.result(n, 'exact');
  }

  /**
   * Whether a URL's host (as `quickUrlHost` reads it: after `://`, without user info, port and a
   * trailing dot, lower-cased) carries a URL indicator, hashed in place without building the host.
   */
  private urlHostListed(url: string): boolean {
    const sep = url.indexOf('://');
    if (sep <= 0) return false;
    let start = sep + 3;
    let end = url.length;
    for (let i = start; i < end; i++) {
      const c = url.charCodeAt(i);
      if (c === 47 || c === 63 || c === 35 || c === 92) {
        end = i;
        break;
      }
    }
    const at = url.lastIndexOf('@', end - 1);
    if (at >= start) start = at + 1;
    if (url.charCodeAt(start) === 91) {
      const close = url.indexOf(']', start);
      if (close === -1 || close >= end) return false;
      start++;
      end = close;
    } else {
      const colon = url.indexOf(':', start);
      if (colon !== -1 && colon < end) end = colon;
      if (end > start && url.charCodeAt(end - 1) === 46) end--;
    }
    let h = SPAN_HASH_START;
    for (let i = end - 1; i >= start; i--) h = mixChar(h, lowerAscii(url.charCodeAt(i)));
    const t = this.urlHosts;
    for (let e = t.firstWithHash(h); e !== -1; e = t.nextWithHash(e, h)) if (t.equalsSpanLower(e, url, start, end)) return true;
    return false;
  }

  /** E-mail address (case-insensitive). */
  matchEmail(value: string, at: number): readonly IndicatorMatch[] {
    let v = value.trim().toLowerCase();
    if (v.startsWith('mailto:')) v = v.slice(7);
    const slot = this.emails.get(v);
    if (slot === undefined) return NONE;
    const n = this.hitSlot(slot, at, 0);
    if (n > 0 && this.knownGood?.check('email', value) !== undefined) return NONE;
    return this.result(n, 'exact');
  }

  /** MD5, SHA-1, SHA-256 or SHA-512 in hex (case-insensitive). */
  matchHash(value: string, at: number): readonly IndicatorMatch[] {
    const slot = this.hashes.get(hasUpper(value) ? value.toLowerCase() : value);
    if (slot === undefined) return NONE;
    const n = this.hitSlot(slot, at, 0);
    if (n > 0 && this.knownGood?.check('hash', value) !== undefined) return NONE;
    return this.result(n, 'exact');
  }

  /**
   * Every hit of an event: the values of its observable fields (`OBSERVABLE_FIELDS`; a URL also
   * yields its host, an e-mail address its domain) matched at the event's time, each distinct value
   * once, named by the first field that carries it. See `EventMatcher`.
   */
  matchEvent(event: EcsEvent, options: MatchEventOptions = {}): IndicatorHit[] {
    this.events ??= new EventMatcher(this);
    return this.events.match(event, options);
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
