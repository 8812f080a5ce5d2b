import { type Result, err, ok } from '../../../lib/result.js';
import { type IntelError, intelError } from '../errors.js';
import { INTEL_LIMITS } from '../limits.js';
import { type Candidate, EXTRACTED_TYPES, type ExtractedType } from './candidate.js';
import { fangWithMap } from './fang.js';
import { type PublicSuffixList, builtinPublicSuffixList } from './public-suffix.js';
import { scanIpv4, scanIpv6 } from './scan-ip.js';
import { scanAttackIds, scanBitcoin, scanCves, scanHashes } from './scan-tokens.js';
import { scanDomains, scanEmails, scanUrls } from './scan-web.js';
import { scanRegistryKeys, scanWindowsPaths } from './scan-windows.js';

/** Where a value occurs in the input text (0-based, end exclusive, UTF-16 offsets). */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

/** One distinct value found, with every place it occurs. */
export interface ExtractedIoc {
  readonly value: string;
  readonly positions: readonly TextSpan[];
  /** True when at least one occurrence was written defanged (`evil[.]example`). */
  readonly defanged: boolean;
}

/** What extraction found, grouped by type, each group deduplicated in order of first occurrence. */
export type ExtractedIocs = Readonly<Record<ExtractedType, readonly ExtractedIoc[]>>;

/** Options of `extractIocs`. */
export interface ExtractOptions {
  /** Domain validation; default `builtinPublicSuffixList()` (the Public Suffix List). */
  readonly publicSuffixes?: PublicSuffixList;
  /** Longest text accepted (default `INTEL_LIMITS.maxExtractText`). */
  readonly maxLength?: number;
}

/**
 * Extracts indicators of compromise from free text. The text is refanged first (every ioc-fanger
 * rule: `hxxp`, `[.]`, `(at)`, `[:]` …) with an offset map, so positions point into the text as
 * given; network indicators (IPs, CIDRs, URLs, e-mail addresses, domains) are scanned in the refanged
 * text, the others (hashes, CVE and ATT&CK ids, Bitcoin addresses, registry keys, Windows paths) in
 * the original. Every scanner is RE2 or a bounded hand-written loop: linear in the text.
 */
export function extractIocs(text: string, options: ExtractOptions = {}): Result<ExtractedIocs, IntelError> {
  const max = options.maxLength ?? INTEL_LIMITS.maxExtractText;
  if (text.length > max) return err(intelError('INTEL_TOO_LARGE', `text longer than ${max} characters`));
  const psl = options.publicSuffixes ?? builtinPublicSuffixList();
  const mapped = fangWithMap(text);
  const f = mapped.text;
  const toOriginal = (c: Candidate): TextSpan => ({ start: mapped.start[c.start] ?? c.start, end: mapped.end[c.end - 1] ?? c.end });
  const isDefanged = (start: number, end: number): boolean => {
    const span = toOriginal({ type: 'domain', value: '', start, end });
    return span.end - span.start !== end - start || text.slice(span.start, span.end) !== f.slice(start, end);
  };
  const fanged: Candidate[] = [];
  scanUrls(f, fanged);
  scanEmails(f, psl, fanged);
  scanIpv4(f, fanged);
  scanIpv6(f, fanged);
  scanDomains(f, psl, isDefanged, fanged);
  const original: Candidate[] = [];
  scanHashes(text, original);
  scanCves(text, original);
  scanAttackIds(text, original);
  scanBitcoin(text, original);
  scanRegistryKeys(text, original);
  scanWindowsPaths(text, original);

  const groups = new Map<ExtractedType, Map<string, { positions: TextSpan[]; defanged: boolean }>>();
  for (const t of EXTRACTED_TYPES) groups.set(t, new Map());
  const add = (c: Candidate, span: TextSpan, defanged: boolean): void => {
    const g = groups.get(c.type)!;
    const key = c.type === 'registry' || c.type === 'filepath' ? c.value.toLowerCase() : c.value;
    const prev = g.get(key);
    if (prev === undefined) g.set(key, { positions: [span], defanged });
    else {
      prev.positions.push(span);
      prev.defanged ||= defanged;
    }
  };
  for (const c of fanged) add(c, toOriginal(c), isDefanged(c.start, c.end));
  for (const c of original) add(c, { start: c.start, end: c.end }, false);

  const out = {} as Record<ExtractedType, ExtractedIoc[]>;
  for (const t of EXTRACTED_TYPES) {
    const list: ExtractedIoc[] = [];
    for (const [key, v] of groups.get(t)!) {
      const first = v.positions.sort((a, b) => a.start - b.start)[0]!;
      const value = t === 'registry' || t === 'filepath' ? text.slice(first.start, first.end) : key;
      list.push({ value, positions: v.positions, defanged: v.defanged });
    }
    list.sort((a, b) => a.positions[0]!.start - b.positions[0]!.start);
    out[t] = list;
  }
  return ok(out);
}
