import RE2 from 're2';
import { domainToASCII } from 'node:url';
import { domainProblem } from '../domain.js';
import { normalizeEmail } from '../email.js';
import { canonicalizeUrl } from '../url.js';
import { type Candidate, isWordChar, trimTrailingPunctuation } from './candidate.js';
import type { PublicSuffixList } from './public-suffix.js';

const URL_RE = new RE2('\\b(?:https?|ftps?|sftp|wss?)://[^\\s<>"\'`{}|\\\\^]+', 'gi');
const EMAIL_RE = new RE2('[A-Za-z0-9._%+-]+@[\\p{L}\\p{N}.-]+', 'g');
const DOMAIN_RE = new RE2('[\\p{L}\\p{N}_-]+(?:\\.[\\p{L}\\p{N}_-]+)+', 'g');

/**
 * Top-level domains that are far more often file extensions (`setup.py`, `README.md`, `clip.mov`,
 * `run.sh`, `main.rs`, `lib.so`): a two-label name ending so is taken for a file name unless it was
 * defanged (a writer who defangs it means a domain) or is the host of a URL or an e-mail address.
 */
export const FILE_EXTENSION_TLDS: ReadonlySet<string> = new Set(['zip', 'mov', 'py', 'md', 'sh', 'rs', 'ps', 'so', 'pm']);

/** URLs with a scheme, trailing prose punctuation removed, canonicalized (WHATWG). */
export function scanUrls(s: string, out: Candidate[]): void {
  URL_RE.lastIndex = 0;
  for (let m = URL_RE.exec(s); m !== null; m = URL_RE.exec(s)) {
    const start = m.index;
    const end = trimTrailingPunctuation(s, start, start + m[0].length);
    const c = canonicalizeUrl(s.slice(start, end));
    if (c.ok) out.push({ type: 'url', value: c.value, start, end });
  }
}

/** E-mail addresses whose domain has a known public suffix. */
export function scanEmails(s: string, psl: PublicSuffixList, out: Candidate[]): void {
  EMAIL_RE.lastIndex = 0;
  for (let m = EMAIL_RE.exec(s); m !== null; m = EMAIL_RE.exec(s)) {
    let start = m.index;
    let end = start + m[0].length;
    while (start < end && s[start] === '.') start++;
    while (end > start && (s[end - 1] === '.' || s[end - 1] === '-')) end--;
    const e = normalizeEmail(s.slice(start, end));
    if (!e.ok || !hasPublicSuffix(e.domain, psl)) continue;
    out.push({ type: 'email', value: e.value, start, end });
  }
}

/**
 * Domain names: labels of letters, digits, `-` and `_` joined by dots, converted to punycode, with a
 * known public suffix and a label in front of it. Not taken: a path segment (`/x/report.pdf`), a
 * Windows path part, the local part of an e-mail address, a call in code (`os.system(`), two-label
 * names on a file-extension TLD (see `FILE_EXTENSION_TLDS`) unless `isDefanged(start, end)`.
 */
export function scanDomains(s: string, psl: PublicSuffixList, isDefanged: (start: number, end: number) => boolean, out: Candidate[]): void {
  DOMAIN_RE.lastIndex = 0;
  for (let m = DOMAIN_RE.exec(s); m !== null; m = DOMAIN_RE.exec(s)) {
    const start = m.index;
    const end = start + m[0].length;
    const before = start > 0 ? s[start - 1]! : ' ';
    const after = end < s.length ? s[end]! : ' ';
    if (before === '\\' || after === '@' || after === '(' || after === '\\') continue;
    if (before === '/' && !(start >= 2 && s[start - 2] === '/')) continue;
    if (before === '.' || isWordChar(before.charCodeAt(0))) continue;
    const raw = m[0].toLowerCase();
    const d = /^[a-z0-9._-]*$/.test(raw) ? raw : domainToASCII(raw);
    if (d === '' || domainProblem(d) !== undefined) continue;
    if (d.split('.').some((l) => l.startsWith('-') || l.endsWith('-'))) continue;
    if (!hasPublicSuffix(d, psl)) continue;
    const labels = d.split('.');
    const inHostContext = before === '@' || (before === '/' && s[start - 2] === '/');
    if (labels.length === 2 && FILE_EXTENSION_TLDS.has(labels[1]!) && !inHostContext && !isDefanged(start, end)) continue;
    out.push({ type: 'domain', value: d, start, end });
  }
}

function hasPublicSuffix(domain: string, psl: PublicSuffixList): boolean {
  const suffix = psl.publicSuffix(domain);
  return suffix !== undefined && domain.length > suffix.length + 1;
}
