import type RE2 from 're2';
import { z } from 'zod';
import { LiteralScanner } from '../../lib/aho-corasick.js';
import { CidrIndex, type CidrEntry } from './cidr-index.js';
import { type IntelError, intelError } from './errors.js';
import { type IndicatorType, assertNever } from './indicator.js';
import { parseCidr, parseIpv4, parseIpv6 } from '../../lib/ip.js';
import { compilePcreLiteral } from './pcre-regex.js';
import { isPublicSuffix } from './public-suffix-guard.js';
import { observableKindOf, type ObservableKind } from './observables.js';
import { quickUrlHost } from './url.js';

/** The five MISP warninglist types. */
export const WARNINGLIST_TYPES = ['string', 'substring', 'hostname', 'cidr', 'regex'] as const;
/** One warninglist type. */
export type WarninglistType = (typeof WARNINGLIST_TYPES)[number];

/** A MISP warninglist file (`lists/<name>/list.json`), as `schema.json` of misp-warninglists defines it. */
export const mispWarninglistSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    version: z.number().int(),
    type: z.enum(WARNINGLIST_TYPES),
    list: z.array(z.string()),
    matching_attributes: z.array(z.string()).optional(),
  })
  .strict();
/** One warninglist. */
export type MispWarninglist = z.infer<typeof mispWarninglistSchema>;

/** A known-good match: which list, of which type, and the entry that matched. */
export interface WarninglistHit {
  readonly list: string;
  readonly listType: WarninglistType;
  readonly entry: string;
}

type Family = ObservableKind;
const FAMILIES: readonly Family[] = ['ip', 'domain', 'url', 'email', 'hash'];

/** MISP attribute types (`matching_attributes`) by the indicator families they cover. */
const ATTRIBUTE_FAMILIES: Readonly<Record<string, readonly Family[]>> = {
  'ip-src': ['ip'], 'ip-dst': ['ip'], 'ip-src|port': ['ip'], 'ip-dst|port': ['ip'], 'domain|ip': ['domain', 'ip'],
  domain: ['domain'], hostname: ['domain'], 'hostname|port': ['domain'],
  url: ['url'], uri: ['url'], link: ['url'],
  email: ['email'], 'email-src': ['email'], 'email-dst': ['email'], 'target-email': ['email'], 'email-reply-to': ['email'], 'whois-registrant-email': ['email'], 'dns-soa-email': ['email'],
  md5: ['hash'], sha1: ['hash'], sha256: ['hash'], sha512: ['hash'], 'filename|md5': ['hash'], 'filename|sha1': ['hash'], 'filename|sha256': ['hash'], 'filename|sha512': ['hash'], 'malware-sample': ['hash'],
};


interface Entry {
  readonly list: number;
  readonly text: string;
}

class FamilyIndex {
  readonly strings = new Map<string, number[]>();
  readonly hostnames = new Map<string, number[]>();
  /** Hostname entries that are public suffixes (`co.uk`): they cover the name itself, not its subdomains. */
  readonly exactHostnames = new Map<string, number[]>();
  readonly cidrEntries: CidrEntry[] = [];
  cidr: CidrIndex | undefined;
  readonly substringEntries: number[] = [];
  substrings: LiteralScanner | undefined;
  readonly regexes: { entry: number; re: RE2 }[] = [];
}

/**
 * Known-good suppression with MISP warninglists, all five list types, matched as MISP does:
 * `string` exact (case-insensitive: MISP stores domains and hashes lower-cased, and the `tlds` list is
 * upper case), `substring` anywhere in the value (one Aho–Corasick pass for all entries),
 * `hostname` the name or any parent domain (the host of a URL, the domain of an address; an entry
 * that is itself a public suffix, such as `co.uk`, covers only that name),
 * `cidr` an address inside a listed block or a block inside one, `regex` PCRE literals run by RE2.
 * A list applies to the indicator types its `matching_attributes` name (all types when absent).
 */
export class WarninglistIndex {
  private readonly names: string[] = [];
  private readonly types: WarninglistType[] = [];
  private readonly entries: Entry[] = [];
  private readonly families = new Map<Family, FamilyIndex>(FAMILIES.map((f) => [f, new FamilyIndex()]));

  private constructor() {}

  /** Loads warninglist documents (parsed JSON); invalid documents and entries are reported and skipped. */
  static load(docs: readonly unknown[]): { index: WarninglistIndex; errors: IntelError[] } {
    const w = new WarninglistIndex();
    const errors: IntelError[] = [];
    docs.forEach((doc, i) => {
      const parsed = mispWarninglistSchema.safeParse(doc);
      if (!parsed.success) {
        errors.push(intelError('INTEL_BAD_OBJECT', `not a MISP warninglist: ${parsed.error.issues[0]?.message ?? 'invalid'} at ${parsed.error.issues[0]?.path.join('.') ?? ''}`, { index: i }));
        return;
      }
      w.add(parsed.data, errors);
    });
    for (const f of w.families.values()) {
      f.cidr = CidrIndex.build(f.cidrEntries);
      f.substrings = new LiteralScanner(f.substringEntries.map((e) => w.entries[e]!.text));
    }
    return { index: w, errors };
  }

  /** Names and types of the lists loaded. */
  get lists(): readonly { readonly name: string; readonly type: WarninglistType }[] {
    return this.names.map((name, i) => ({ name, type: this.types[i]! }));
  }

  /** The first list (in load order of the checks: string, hostname, cidr, substring, regex) that says the value is known good. */
  isKnownGood(type: IndicatorType, value: string): WarninglistHit | undefined {
    return this.check(type, value, true)[0];
  }

  /** Every list that matches. */
  matches(type: IndicatorType, value: string): WarninglistHit[] {
    return this.check(type, value, false);
  }

  private add(list: MispWarninglist, errors: IntelError[]): void {
    const listId = this.names.length;
    this.names.push(list.name);
    this.types.push(list.type);
    const fams = new Set<Family>();
    if (list.matching_attributes === undefined || list.matching_attributes.length === 0) FAMILIES.forEach((f) => fams.add(f));
    else for (const a of list.matching_attributes) for (const f of ATTRIBUTE_FAMILIES[a] ?? []) fams.add(f);
    if (fams.size === 0) return;
    const targets = [...fams].map((f) => this.families.get(f)!);
    for (const raw of list.list) {
      const entry = this.entries.length;
      this.entries.push({ list: listId, text: raw });
      switch (list.type) {
        case 'string':
          for (const t of targets) push(t.strings, raw.trim().toLowerCase(), entry);
          break;
        case 'hostname': {
          const h = raw.trim().toLowerCase().replace(/^\.+|\.+$/g, '');
          if (h !== '') for (const t of targets) push(isPublicSuffix(h) ? t.exactHostnames : t.hostnames, h, entry);
          break;
        }
        case 'cidr': {
          const s = raw.trim();
          const c = s.includes('/') ? parseCidr(s) : undefined;
          const v4 = s.includes('/') ? undefined : parseIpv4(s);
          const v6 = s.includes('/') || v4 !== undefined ? undefined : parseIpv6(s);
          const cidr = c?.ok ? c.value : v4 !== undefined ? { family: 4 as const, network: v4, prefix: 32 } : v6 !== undefined ? { family: 6 as const, network: v6, prefix: 128 } : undefined;
          if (cidr === undefined) errors.push(intelError('INTEL_INVALID_VALUE', `${list.name}: "${s.slice(0, 60)}" is not an IP address or network block`, { path: list.name }));
          else for (const t of targets) t.cidrEntries.push({ cidr, id: entry });
          break;
        }
        case 'substring':
          if (raw !== '') for (const t of targets) t.substringEntries.push(entry);
          this.entries[entry] = { list: listId, text: raw.toLowerCase() };
          break;
        case 'regex': {
          const re = compilePcreLiteral(raw);
          if (!re.ok) errors.push(intelError('INTEL_UNSAFE_REGEX', `${list.name}: ${re.reason}`, { path: list.name }));
          else for (const t of targets) t.regexes.push({ entry, re: re.value });
          break;
        }
        default:
          assertNever(list.type);
      }
    }
  }

  private check(type: IndicatorType, value: string, firstOnly: boolean): WarninglistHit[] {
    const f = this.families.get(observableKindOf(type))!;
    const hits: WarninglistHit[] = [];
    const hit = (entry: number): boolean => {
      const e = this.entries[entry]!;
      hits.push({ list: this.names[e.list]!, listType: this.types[e.list]!, entry: e.text });
      return firstOnly;
    };
    const lower = value.trim().toLowerCase();
    for (const e of f.strings.get(lower) ?? []) if (hit(e)) return hits;
    const host = type === 'url' ? quickUrlHost(lower) : type === 'email' ? lower.slice(lower.lastIndexOf('@') + 1) : type === 'domain' ? lower : undefined;
    if (host !== undefined) {
      let h = host.replace(/\.+$/, '');
      for (const e of f.exactHostnames.get(h) ?? []) if (hit(e)) return hits;
      for (;;) {
        for (const e of f.hostnames.get(h) ?? []) if (hit(e)) return hits;
        const dot = h.indexOf('.');
        if (dot === -1) break;
        h = h.slice(dot + 1);
      }
    }
    if (f.cidr !== undefined && (type === 'ipv4' || type === 'ipv6' || type === 'cidr')) {
      const ids: number[] = [];
      if (type === 'cidr') {
        const c = parseCidr(lower);
        if (c.ok) f.cidr.collectContaining(c.value, ids);
      } else {
        const v4 = parseIpv4(lower);
        if (v4 !== undefined) f.cidr.collectV4(v4, ids);
        else {
          const w = parseIpv6(lower);
          if (w !== undefined) f.cidr.collectV6(w, ids);
        }
      }
      for (const e of ids) if (hit(e)) return hits;
    }
    if (f.substrings !== undefined) {
      const found = firstOnly ? [f.substrings.firstMatch(lower)].filter((x) => x !== -1) : f.substrings.allMatches(lower);
      for (const k of found) if (hit(f.substringEntries[k]!)) return hits;
    }
    for (const r of f.regexes) if (r.re.test(value) && hit(r.entry)) return hits;
    return hits;
  }
}

function push(map: Map<string, number[]>, key: string, entry: number): void {
  const prev = map.get(key);
  if (prev === undefined) map.set(key, [entry]);
  else prev.push(entry);
}
