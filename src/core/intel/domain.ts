import { domainToASCII } from 'node:url';
import { parseIpv4 } from '../../lib/ip.js';

/**
 * Domain names as Vigil stores and matches them: ASCII (IDNA/punycode through WHATWG's
 * `domainToASCII`, which also lower-cases and maps full-width dots), no trailing dot, at least two
 * labels (a one-label name would match every subdomain under it), labels of 1–63 characters from
 * letters, digits, `-` and `_` (underscores occur in real service names), a last label that is not
 * all digits, 253 characters at most.
 */
export function normalizeDomain(raw: string): { ok: true; value: string } | { ok: false; reason: string } {
  let s = raw.trim();
  if (s.endsWith('.')) s = s.slice(0, -1);
  if (s.length === 0) return { ok: false, reason: 'empty domain' };
  if (s.length > 1024) return { ok: false, reason: 'domain longer than 1024 characters' };
  if (parseIpv4(s) !== undefined) return { ok: false, reason: `"${s}" is an IPv4 address, not a domain` };
  const ascii = isPlainLowerAscii(s) ? s : domainToASCII(s);
  if (ascii === '') return { ok: false, reason: `"${clip(s)}" is not a valid domain name (IDNA conversion failed)` };
  const problem = domainProblem(ascii);
  return problem === undefined ? { ok: true, value: ascii } : { ok: false, reason: `"${clip(s)}": ${problem}` };
}

/** What is wrong with an ASCII, lower-case domain name, or undefined when it is acceptable. */
export function domainProblem(d: string): string | undefined {
  if (d.length > 253) return 'longer than 253 characters';
  let labels = 0;
  let start = 0;
  for (let i = 0; i <= d.length; i++) {
    if (i < d.length && d.charCodeAt(i) !== 46) continue;
    const len = i - start;
    if (len === 0) return 'empty label';
    if (len > 63) return 'label longer than 63 characters';
    for (let j = start; j < i; j++) {
      const c = d.charCodeAt(j);
      const okChar = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95;
      if (!okChar) return `character "${d[j] ?? ''}" is not allowed in a domain name`;
    }
    labels++;
    start = i + 1;
  }
  if (labels < 2) return 'a domain needs at least two labels';
  const tld = d.slice(d.lastIndexOf('.') + 1);
  if (/^[0-9]+$/.test(tld)) return 'the last label is numeric';
  return undefined;
}

/** True for strings that domainToASCII would return unchanged (fast path). */
function isPlainLowerAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 95)) return false;
  }
  return !s.includes('xn--');
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** Longest domain the matcher walks (longer names cannot be valid and are not matched). */
export const MAX_WALKED_DOMAIN = 1024;

/** Lower-cased ASCII (IDNA for non-ASCII) form of a name, or undefined when it has none. */
export function normalizeForWalk(name: string): string | undefined {
  let plain = true;
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) > 127) plain = false;
  const d = plain ? name.toLowerCase() : domainToASCII(name);
  if (d === '' || d.length > MAX_WALKED_DOMAIN) return undefined;
  for (let i = 0; i < d.length; i++) {
    const c = d.charCodeAt(i);
    if (c > 127 || (c >= 65 && c <= 90)) return undefined;
  }
  return d;
}

/** True when `s` holds an ASCII upper-case letter. */
export function hasUpper(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}
