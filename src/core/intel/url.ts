import { normalizeDomain } from './domain.js';
import { parseIpv4, parseIpv6 } from '../../lib/ip.js';

/**
 * Canonical URL for storage and matching, by the WHATWG URL parser (the one browsers use): scheme and
 * host lower-cased, IDNA host to punycode, default port dropped, dot segments resolved, spaces and
 * other unsafe characters percent-encoded, an empty path written `/`. The fragment is dropped: it is
 * never sent to a server, so two URLs that differ only there reach the same resource. A value without
 * a scheme is read as `http://`. The host must be a valid domain or IP address.
 */
export function canonicalizeUrl(raw: string): { ok: true; value: string; host: string } | { ok: false; reason: string } {
  const s = raw.trim();
  if (s.length === 0) return { ok: false, reason: 'empty URL' };
  let withScheme = s;
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(s)) {
    // `host:port/...` has no scheme; `mailto:…`, `javascript:…` have one but no host.
    if (/^[a-zA-Z][a-zA-Z0-9+.-]*:(?![0-9]+(?:[/?#]|$))/.test(s)) return { ok: false, reason: `"${clip(s)}" is not a URL with a host` };
    withScheme = `http://${s}`;
  }
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    return { ok: false, reason: `"${clip(s)}" is not a valid URL` };
  }
  const host = u.hostname;
  if (host === '') return { ok: false, reason: `"${clip(s)}" has no host` };
  if (!hostIsValid(host)) return { ok: false, reason: `"${clip(s)}" has an invalid host "${clip(host)}"` };
  u.hash = '';
  return { ok: true, value: u.href, host: host.startsWith('[') ? host.slice(1, -1) : host };
}

function hostIsValid(host: string): boolean {
  if (host.startsWith('[')) return parseIpv6(host.slice(1, -1)) !== undefined;
  if (parseIpv4(host) !== undefined) return true;
  return normalizeDomain(host).ok;
}

/**
 * The lower-cased host of a URL by a cheap scan (no parsing): after `://`, before the first `/`, `?`
 * or `#`, without user info and port. Used to skip full canonicalization for URLs whose host has no
 * URL indicator at all.
 */
export function quickUrlHost(url: string): string | undefined {
  const sep = url.indexOf('://');
  if (sep <= 0) return undefined;
  let end = url.length;
  for (let i = sep + 3; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 47 || c === 63 || c === 35 || c === 92) {
      end = i;
      break;
    }
  }
  let host = url.slice(sep + 3, end);
  const at = host.lastIndexOf('@');
  if (at !== -1) host = host.slice(at + 1);
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    return close === -1 ? undefined : host.slice(1, close).toLowerCase();
  }
  const colon = host.indexOf(':');
  if (colon !== -1) host = host.slice(0, colon);
  if (host.endsWith('.')) host = host.slice(0, -1);
  return host.toLowerCase();
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
