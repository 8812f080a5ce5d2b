import { domainToASCII } from 'node:url';
import { parse as parseDomain } from 'tldts';
import { compileConfusables, type Confusables, skeleton } from './lookalike/confusables.js';
import type { BrandConfig, ProtectedDomainsConfig } from './lookalike/config-schema.js';
import type { MailContent } from './lookalike/mail-content.js';

export { type BrandConfig, brandSchema, type ProtectedDomainsConfig, protectedDomainsConfigSchema } from './lookalike/config-schema.js';
export { EMPTY_MAIL_CONTENT, MAIL_CONTENT_FILES, type MailContent, type MailContentTexts, parseMailContent } from './lookalike/mail-content.js';

/** A protected brand, compiled. `own` marks the organisation itself. */
export interface Brand {
  readonly name: string;
  readonly domains: readonly string[];
  readonly keywords: readonly string[];
  readonly own: boolean;
  readonly countryDomains: boolean;
}

/** A keyword of a brand with its skeleton, compared with domain labels. */
export interface KeywordTarget {
  readonly brand: Brand;
  readonly keyword: string;
  readonly skeleton: string;
}

interface NamePhrase {
  readonly brand: Brand;
  /** Normalized phrase: skeleton, words separated by one space. */
  readonly words: string;
  /** Matched inside words too (`PayPalSupport`) when long and a single word. */
  readonly compact: boolean;
}

/**
 * Everything lookalike and URL analysis compare against, compiled once: owned and trusted domains,
 * brand keywords (by skeleton for O(1) homoglyph lookups), the phrases that name each brand, the
 * confusables table and the URL host lists (shorteners, user-content hosting, abused TLDs).
 */
export interface ProtectedDomains {
  readonly brands: readonly Brand[];
  /** Owned domain (ASCII) → its brand; a subdomain of an owned domain is owned too. */
  readonly owned: ReadonlyMap<string, Brand>;
  readonly trusted: ReadonlySet<string>;
  readonly keywords: readonly KeywordTarget[];
  readonly keywordsBySkeleton: ReadonlyMap<string, KeywordTarget>;
  /** Keyword → brand, for brands that own `<keyword>.<ccTLD>`. */
  readonly countryKeywords: ReadonlyMap<string, Brand>;
  readonly phrases: readonly NamePhrase[];
  readonly confusables: Confusables;
  /** Registrable domains (ASCII) of link shorteners. */
  readonly urlShorteners: ReadonlySet<string>;
  /** User-content hosts: host → path prefixes ('' for the whole host). */
  readonly userContentHosts: ReadonlyMap<string, readonly string[]>;
  /** Top-level domains (ASCII) where abuse dominates registrations. */
  readonly abusedTlds: ReadonlySet<string>;
}

/** ASCII, lower-case form of a configured domain ('' when invalid). */
export function asciiDomain(d: string): string {
  let s = d.trim().toLowerCase();
  if (s.endsWith('.')) s = s.slice(0, -1);
  return /^[a-z0-9._-]*$/.test(s) ? s : domainToASCII(s);
}

function compileBrand(config: BrandConfig, own: boolean): Brand {
  const domains = [...new Set(config.domains.map(asciiDomain).filter((d) => d !== ''))];
  let keywords = config.keywords?.map((k) => k.toLowerCase());
  if (keywords === undefined) {
    keywords = [];
    for (const d of domains) {
      const label = parseDomain(d, { allowPrivateDomains: true }).domainWithoutSuffix;
      if (label !== null && label !== '' && label.length >= 3 && !label.startsWith('xn--')) keywords.push(label);
    }
  }
  return { name: config.name, domains, keywords: [...new Set(keywords)], own, countryDomains: config.countryDomains ?? false };
}

/** Words of `s` for phrase matching: skeleton, runs of other characters as one space, trimmed. */
export function phraseWords(s: string, confusables: Confusables): string {
  const sk = skeleton(s.length > 1_000 ? s.slice(0, 1_000) : s, confusables);
  let out = '';
  let space = false;
  for (const ch of sk) {
    const c = ch.charCodeAt(0);
    const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c > 0x7f;
    if (word) {
      if (space && out !== '') out += ' ';
      out += ch;
      space = false;
    } else space = true;
  }
  return out;
}

/** Compiles the configuration and the shipped content into what the analysers use. */
export function buildProtectedDomains(config: ProtectedDomainsConfig, content: MailContent): ProtectedDomains {
  const confusables = compileConfusables(content.confusables.characters, content.confusables.sequences);
  const brands: Brand[] = [];
  const phraseSources: { brand: Brand; phrases: readonly string[] }[] = [];
  if (config.ownDomains.length > 0) {
    const name = config.organisation ?? 'your organisation';
    const own = compileBrand({ name, domains: config.ownDomains }, true);
    brands.push(own);
    phraseSources.push({ brand: own, phrases: [...(config.organisation === undefined ? [] : [config.organisation]), ...config.ownNames] });
  }
  const configured = new Set(config.brands.map((b) => b.name.toLowerCase()));
  const brandConfigs = [...config.brands, ...(config.defaultBrands ? content.brands.filter((b) => !configured.has(b.name.toLowerCase())) : [])];
  for (const b of brandConfigs) {
    const brand = compileBrand(b, false);
    brands.push(brand);
    phraseSources.push({ brand, phrases: b.names ?? [b.name, ...brand.keywords] });
  }

  const owned = new Map<string, Brand>();
  const keywords: KeywordTarget[] = [];
  const keywordsBySkeleton = new Map<string, KeywordTarget>();
  const countryKeywords = new Map<string, Brand>();
  for (const brand of brands) {
    for (const d of brand.domains) if (!owned.has(d)) owned.set(d, brand);
    for (const keyword of brand.keywords) {
      const target: KeywordTarget = { brand, keyword, skeleton: skeleton(keyword, confusables) };
      keywords.push(target);
      if (!keywordsBySkeleton.has(target.skeleton)) keywordsBySkeleton.set(target.skeleton, target);
      if (brand.countryDomains && !countryKeywords.has(keyword)) countryKeywords.set(keyword, brand);
    }
  }
  const phrases: NamePhrase[] = [];
  for (const { brand, phrases: list } of phraseSources) {
    for (const p of list) {
      const words = phraseWords(p, confusables);
      if (words.length >= 2) phrases.push({ brand, words, compact: !words.includes(' ') && words.length >= 6 });
    }
  }
  return {
    brands,
    owned,
    trusted: new Set(config.trustedDomains.map(asciiDomain).filter((d) => d !== '')),
    keywords,
    keywordsBySkeleton,
    countryKeywords,
    phrases,
    confusables,
    urlShorteners: new Set(content.urlShorteners.map(asciiDomain).filter((d) => d !== '')),
    userContentHosts: compileHostPrefixes(content.userContentHosts),
    abusedTlds: new Set(content.abusedTlds.map((t) => asciiDomain(t)).filter((t) => t !== '')),
  };
}

function compileHostPrefixes(entries: readonly string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const e of entries) {
    const slash = e.indexOf('/');
    const host = asciiDomain(slash === -1 ? e : e.slice(0, slash));
    if (host === '') continue;
    const list = map.get(host) ?? [];
    list.push(slash === -1 ? '' : e.slice(slash));
    map.set(host, list);
  }
  return map;
}

/**
 * True when a URL (ASCII host and path) is on a host where anyone can publish a page: the host or a
 * parent is listed (with a path prefix when one is given), or it is an Amazon S3 bucket.
 */
export function isUserContentHost(host: string, path: string, protectedDomains: ProtectedDomains): boolean {
  let d = host;
  for (;;) {
    const prefixes = protectedDomains.userContentHosts.get(d);
    if (prefixes !== undefined && prefixes.some((p) => p === '' || path.startsWith(p))) return true;
    const dot = d.indexOf('.');
    if (dot === -1) break;
    d = d.slice(dot + 1);
  }
  return host.endsWith('.amazonaws.com') && (host.startsWith('s3.') || host.startsWith('s3-') || host.includes('.s3.') || host.includes('.s3-'));
}

/**
 * The brand a text names (a display name such as "PayPal Service" or "Micrоsoft 365", Cyrillic or
 * not), or undefined. Phrases match as whole words; long single-word names also inside a word.
 */
export function brandNamedIn(text: string, protectedDomains: ProtectedDomains): Brand | undefined {
  const words = phraseWords(text, protectedDomains.confusables);
  if (words === '') return undefined;
  const padded = ` ${words} `;
  let compact: string | undefined;
  for (const p of protectedDomains.phrases) {
    if (padded.includes(` ${p.words} `)) return p.brand;
    if (p.compact) {
      compact ??= words.replaceAll(' ', '');
      if (compact.includes(p.words)) return p.brand;
    }
  }
  return undefined;
}

/**
 * The brand that owns an ASCII host name (or a parent of it), 'trusted' for a trusted domain, or
 * undefined. Walks the host's parent domains: O(labels).
 */
export function ownerOf(host: string, protectedDomains: ProtectedDomains): Brand | 'trusted' | undefined {
  let d = host;
  for (;;) {
    const brand = protectedDomains.owned.get(d);
    if (brand !== undefined) return brand;
    if (protectedDomains.trusted.has(d)) return 'trusted';
    const dot = d.indexOf('.');
    if (dot === -1) return undefined;
    d = d.slice(dot + 1);
  }
}
