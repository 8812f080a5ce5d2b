import { domainToUnicode } from 'node:url';
import { parse as parseDomain } from 'tldts';
import { asciiDomain, type Brand, type KeywordTarget, ownerOf, type ProtectedDomains } from '../protected-domains.js';
import { isPlainAscii, scriptsOf, skeleton } from './confusables.js';
import { boundedEditDistance } from './edit-distance.js';

/**
 * Weights of lookalike findings in verdict points (`verdict.ts`: 30 suspicious, 60 malicious): a
 * homoglyph of a brand is suspicious on its own, punycode alone a hint.
 */
export const LOOKALIKE_WEIGHTS = {
  homoglyph: 40,
  characterSwap: 30,
  tldSwap: 25,
  domainInSubdomain: 30,
  editDistance: 20,
  brandWithWords: 20,
  brandInSubdomain: 15,
  mixedScript: 15,
  punycode: 4,
} as const;

/** One lookalike finding, ready to become a `Reason` once the caller adds where it was seen. */
export interface LookalikeFinding {
  readonly code: string;
  readonly weight: number;
  readonly summary: string;
  /** The brand imitated, when there is one. */
  readonly brand?: string;
}

/** What `checkDomainLookalike` learnt about one domain. */
export interface DomainCheck {
  /** The host name in ASCII (punycode), lower case; '' when it is not a valid domain. */
  readonly domain: string;
  /** The host name as a reader sees it (punycode decoded). */
  readonly unicode: string;
  /** The registrable domain (public-suffix list, private suffixes included), when there is one. */
  readonly registrable: string | undefined;
  /** The protected brand that owns the domain, or 'trusted'; owned domains have no findings. */
  readonly owner: Brand | 'trusted' | undefined;
  readonly isIp: boolean;
  readonly findings: readonly LookalikeFinding[];
}

/** ccTLDs used as generic TLDs: `paypal.co` is a TLD swap even for a brand with country domains. */
const GENERIC_CCTLDS: ReadonlySet<string> = new Set(['co', 'io', 'me', 'tv', 'ai', 'ly', 'to', 'cc', 'ws', 'la', 'gg', 'sh', 'so', 'fm', 'im', 'su', 'nu', 'pw', 'tk', 'ml', 'ga', 'cf', 'gq', 'ms', 'ac', 'vc', 'gd', 'ru', 'cn', 'top']);

/** Suffixes whose hosts name departments and projects, not brands (`citi.umich.edu`). */
const INSTITUTIONAL: ReadonlySet<string> = new Set(['edu', 'gov', 'mil', 'int']);

/**
 * Checks one domain against the protected brands: homoglyphs and mixed scripts (skeletons after
 * UTS #39, punycode decoded), edit distance, brand names with added words, TLD swaps, brands in the
 * subdomain. A protected domain, its subdomains and trusted domains are never flagged. At most one
 * brand finding (the strongest), plus mixed script or punycode when no homoglyph explains them.
 */
export function checkDomainLookalike(domain: string, protectedDomains: ProtectedDomains): DomainCheck {
  let memo = MEMO.get(protectedDomains);
  if (memo === undefined) {
    memo = new Map();
    MEMO.set(protectedDomains, memo);
  }
  const known = memo.get(domain);
  if (known !== undefined) return known;
  const check = checkUncached(domain, protectedDomains);
  if (memo.size >= MEMO_SIZE) memo.clear();
  memo.set(domain, check);
  return check;
}

/**
 * Results of the pure check, kept per compiled `ProtectedDomains` (the same hosts recur across a
 * batch: CDNs, trackers, the brands themselves). Bounded: cleared when full.
 */
const MEMO = new WeakMap<ProtectedDomains, Map<string, DomainCheck>>();
const MEMO_SIZE = 20_000;

function checkUncached(domain: string, protectedDomains: ProtectedDomains): DomainCheck {
  const ascii = domain.length > 253 ? '' : asciiDomain(domain);
  const base = { domain: ascii, unicode: ascii, registrable: undefined, owner: undefined, isIp: false, findings: [] };
  if (ascii === '' || !ascii.includes('.')) return base;
  const p = parseDomain(ascii, { allowPrivateDomains: true });
  if (p.isIp === true) return { ...base, isIp: true };
  const registrable = p.domain ?? undefined;
  let owner = ownerOf(ascii, protectedDomains);
  const label = p.domainWithoutSuffix ?? '';
  const suffix = p.publicSuffix ?? '';
  if (owner === undefined && label !== '' && p.isIcann === true) {
    const brand = protectedDomains.countryKeywords.get(label);
    const tld = suffix.slice(suffix.lastIndexOf('.') + 1);
    if (brand !== undefined && tld.length === 2 && !GENERIC_CCTLDS.has(tld) && suffix.split('.').length <= 2) owner = brand;
  }
  const unicode = ascii.includes('xn--') ? domainToUnicode(ascii) || ascii : ascii;
  // An unknown suffix (`yahoo.comm`, a typo) is no registrable name anyone could own.
  const realSuffix = p.isIcann === true || p.isPrivate === true;
  if (owner !== undefined || registrable === undefined || label === '' || !realSuffix) return { ...base, unicode, registrable, owner };

  const asciiLabels = ascii.split('.');
  const uniLabels = unicode.split('.');
  const labels = uniLabels.length === asciiLabels.length ? uniLabels : asciiLabels;
  const regIdx = labels.length - suffix.split('.').length - 1;
  const regLabel = labels[regIdx] ?? label;
  const subLabels = labels.slice(0, Math.max(0, regIdx));

  const best: { finding?: LookalikeFinding } = {};
  const offer = (finding: LookalikeFinding): void => {
    if (best.finding === undefined || finding.weight > best.finding.weight) best.finding = finding;
  };
  checkRegistrableLabel(regLabel, unicode, registrable, protectedDomains, offer);
  if (subLabels.length > 0 && !INSTITUTIONAL.has(suffix.slice(suffix.lastIndexOf('.') + 1)) && !suffix.startsWith('ac.') && !suffix.startsWith('edu.') && !suffix.startsWith('gov.')) checkSubdomain(subLabels, p.subdomain ?? '', unicode, protectedDomains, offer);

  const findings: LookalikeFinding[] = [];
  if (best.finding !== undefined) findings.push(best.finding);
  const homoglyph = best.finding?.code === 'lookalike.homoglyph';
  if (!homoglyph && labels.some(isMixedScript)) {
    findings.push({ code: 'lookalike.mixed_script', weight: LOOKALIKE_WEIGHTS.mixedScript, summary: `${unicode} mixes letters of different scripts in one label` });
  }
  if (!homoglyph && ascii.includes('xn--')) {
    findings.push({ code: 'lookalike.punycode', weight: LOOKALIKE_WEIGHTS.punycode, summary: `${ascii} is an internationalized (punycode) name that reads ${unicode}` });
  }
  return { domain: ascii, unicode, registrable, owner, isIp: false, findings };
}

function checkRegistrableLabel(label: string, unicode: string, registrable: string, pd: ProtectedDomains, offer: (f: LookalikeFinding) => void): void {
  const sk = skeleton(label, pd.confusables);
  const whole = pd.keywordsBySkeleton.get(sk);
  if (whole !== undefined) {
    offer(sameSkeleton(label, whole, unicode, registrable));
    return;
  }
  const tokens = label.includes('-') ? label.split('-').filter((t) => t !== '') : [];
  for (const token of tokens) {
    const t = pd.keywordsBySkeleton.get(skeleton(token, pd.confusables));
    if (t === undefined) continue;
    if (token !== t.keyword) {
      const f = sameSkeleton(token, t, unicode, registrable);
      offer({ ...f, summary: `${f.summary}, with added words` });
    } else {
      offer({ code: 'lookalike.brand_with_words', weight: LOOKALIKE_WEIGHTS.brandWithWords, summary: `${unicode} adds words to ${t.brand.name}'s name "${t.keyword}"`, brand: t.brand.name });
    }
  }
  for (const k of pd.keywords) {
    if (k.skeleton.length >= 6 && sk.length >= k.skeleton.length + 2 && sk.includes(k.skeleton)) {
      offer({ code: 'lookalike.brand_with_words', weight: LOOKALIKE_WEIGHTS.brandWithWords, summary: `${unicode} contains ${k.brand.name}'s name "${k.keyword}" with added words`, brand: k.brand.name });
    }
    for (const part of tokens.length > 0 ? [sk, ...tokens.map((t) => skeleton(t, pd.confusables))] : [sk]) {
      const near = nearKeyword(part, k);
      if (near !== undefined) {
        offer({ code: 'lookalike.edit_distance', weight: LOOKALIKE_WEIGHTS.editDistance, summary: `${unicode} is ${near} edit${near === 1 ? '' : 's'} away from ${k.brand.name}'s "${k.keyword}"`, brand: k.brand.name });
      }
    }
  }
}

/** Edit distance to a keyword when it is a plausible typo: 1 from 6 letters, 2 from 9; same first letter. */
function nearKeyword(part: string, k: KeywordTarget): number | undefined {
  const len = k.skeleton.length;
  if (len < 6 || part === k.skeleton || part.charCodeAt(0) !== k.skeleton.charCodeAt(0)) return undefined;
  const max = len >= 9 ? 2 : 1;
  const d = boundedEditDistance(part, k.skeleton, max);
  return d >= 1 && d <= max ? d : undefined;
}

function sameSkeleton(label: string, t: KeywordTarget, unicode: string, registrable: string): LookalikeFinding {
  const brand = t.brand.name;
  if (label === t.keyword) {
    return { code: 'lookalike.tld_swap', weight: LOOKALIKE_WEIGHTS.tldSwap, summary: `${registrable} puts ${brand}'s name "${t.keyword}" under another suffix`, brand };
  }
  if (!isPlainAscii(label)) {
    return { code: 'lookalike.homoglyph', weight: LOOKALIKE_WEIGHTS.homoglyph, summary: `${unicode} imitates ${brand}'s "${t.keyword}" with look-alike letters`, brand };
  }
  return { code: 'lookalike.character_swap', weight: LOOKALIKE_WEIGHTS.characterSwap, summary: `${unicode} imitates ${brand}'s "${t.keyword}" by swapping look-alike characters`, brand };
}

function checkSubdomain(subLabels: readonly string[], asciiSub: string, unicode: string, pd: ProtectedDomains, offer: (f: LookalikeFinding) => void): void {
  const owner = asciiSub.includes('.') ? ownerOf(asciiSub, pd) : undefined;
  if (owner !== undefined && owner !== 'trusted') {
    offer({ code: 'lookalike.domain_in_subdomain', weight: LOOKALIKE_WEIGHTS.domainInSubdomain, summary: `${unicode} starts with ${owner.name}'s domain but belongs to another`, brand: owner.name });
    return;
  }
  for (const sub of subLabels) {
    for (const token of sub.includes('-') ? sub.split('-') : [sub]) {
      if (token === '') continue;
      const t = pd.keywordsBySkeleton.get(skeleton(token, pd.confusables));
      // short names (dhl, ups, citi) are common words and initials in host names
      if (t === undefined || t.keyword.length < 5) continue;
      offer({ code: 'lookalike.brand_in_subdomain', weight: LOOKALIKE_WEIGHTS.brandInSubdomain, summary: `${unicode} names ${t.brand.name} ("${t.keyword}") in a subdomain of another domain`, brand: t.brand.name });
      return;
    }
  }
}

function isMixedScript(label: string): boolean {
  if (isPlainAscii(label)) return false;
  const s = scriptsOf(label);
  if (s.size < 2) return false;
  let lookalikeScripts = 0;
  for (const x of s) if (x !== 'other') lookalikeScripts++;
  return lookalikeScripts >= 2;
}
