import { normalizeDomain } from './domain.js';
import { hashTypeOfLength, isHex } from './hash.js';
import type { IndicatorType } from './indicator.js';
import { parseIpv4, parseIpv6 } from '../../lib/ip.js';

/**
 * Guesses the indicator type of a bare value (one line of a plain list, a Vigil CSV row without a
 * type): hex of a hash length, an IP, a CIDR, an e-mail address, a URL (with a scheme, or a domain
 * followed by a path), a domain. Undefined when it is none of them.
 */
export function detectIndicatorType(raw: string): IndicatorType | undefined {
  const s = raw.trim();
  if (s.length === 0) return undefined;
  if (isHex(s)) {
    const h = hashTypeOfLength(s.length);
    if (h !== undefined) return h;
  }
  const slash = s.indexOf('/');
  if (slash > 0 && /^[0-9a-fA-F:.]+\/[0-9]{1,3}$/.test(s)) return 'cidr';
  if (parseIpv4(s) !== undefined) return 'ipv4';
  if (s.includes(':') && !s.includes('/') && parseIpv6(s) !== undefined) return 'ipv6';
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(s)) return 'url';
  const at = s.indexOf('@');
  if (at > 0 && !s.includes('/')) return 'email';
  if (slash > 0) return normalizeDomain(s.slice(0, slash)).ok || parseIpv4(s.slice(0, slash)) !== undefined ? 'url' : undefined;
  return normalizeDomain(s).ok ? 'domain' : undefined;
}
