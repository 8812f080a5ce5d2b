/** A URL that carries another URL it leads to. */
export interface RedirectTarget {
  /** The URL carried (decoded), not yet validated. */
  readonly target: string;
  /** `gateway`: a mail security gateway's link wrapper (Safe Links, URL Defense): not suspicious by itself. */
  readonly kind: 'gateway' | 'redirect';
  /** Where the target sat (`?url=`, path, `urldefense v2`). */
  readonly via: string;
}

/** Query parameters that carry a redirect target in common redirectors. */
const REDIRECT_PARAMS: ReadonlySet<string> = new Set([
  'url', 'u', 'q', 'redirect', 'redirect_uri', 'redirect_url', 'redirecturl', 'redir', 'r', 'target', 'dest', 'destination', 'next', 'link',
  'goto', 'to', 'out', 'continue', 'return', 'returnurl', 'return_url', 'return_to', 'rurl', 'l', 'href', 'site', 'ref_url', 'go', 'jump',
]);

const MAX_PARAMS = 50;

/** Link-protection services of mail gateways (their wrapper is the organisation's, not the sender's). */
const GATEWAY_HOSTS: readonly string[] = [
  'clicktime.symantec.com', 'linkprotect.cudasvc.com', 'urlsand.esvalabs.com', 'secure-web.cisco.com', 'scanmail.trustwave.com',
  'protect2.fireeye.com', 'url.avanan.click', 'wis.trendmicro.com', 'imsva91-ctp.trendmicro.com', 'eu.trendmicro.com',
];

function isGateway(host: string): boolean {
  for (const g of GATEWAY_HOSTS) if (host === g || host.endsWith(`.${g}`)) return true;
  return false;
}

/**
 * The URL carried inside `u`, if any: Microsoft Safe Links (`?url=`), Proofpoint URL Defense (v1, v2
 * with its `-xx`/`_` encoding, v3 `__…__`), Google's `/url?q=`, any query parameter holding an
 * absolute URL (percent-encoded once more or base64 `aHR0c…` included) and a URL embedded in the
 * path (`/redirect/https://…`).
 */
export function redirectTarget(u: URL): RedirectTarget | undefined {
  const host = u.hostname;
  if (host.endsWith('.safelinks.protection.outlook.com')) {
    const t = u.searchParams.get('url');
    return t === null ? undefined : { target: t, kind: 'gateway', via: 'Safe Links' };
  }
  const gateway = isGateway(host);
  if (host === 'urldefense.proofpoint.com') {
    const raw = u.searchParams.get('u');
    if (raw === null) return undefined;
    if (u.pathname.startsWith('/v2/')) {
      const t = safeDecode(raw.replaceAll('-', '%').replaceAll('_', '/'));
      return t === undefined ? undefined : { target: t, kind: 'gateway', via: 'URL Defense v2' };
    }
    return { target: raw, kind: 'gateway', via: 'URL Defense' };
  }
  if (host === 'urldefense.com' && u.pathname.startsWith('/v3/__')) {
    const href = u.href;
    const start = href.indexOf('/v3/__') + 6;
    const end = href.indexOf('__;', start);
    return { target: href.slice(start, end === -1 ? undefined : end), kind: 'gateway', via: 'URL Defense v3' };
  }
  let count = 0;
  for (const [name, value] of u.searchParams) {
    if (++count > MAX_PARAMS) break;
    const known = REDIRECT_PARAMS.has(name.toLowerCase());
    const t = urlInValue(value, known);
    if (t !== undefined) return { target: t, kind: gateway ? 'gateway' : 'redirect', via: `?${name.length > 40 ? name.slice(0, 40) : name}=` };
  }
  const path = u.pathname;
  const lower = path.toLowerCase();
  for (const marker of ['/http://', '/https://', '/http%3a', '/https%3a', '/http:/', '/https:/']) {
    const at = lower.indexOf(marker);
    if (at === -1) continue;
    let t = safeDecode(path.slice(at + 1) + u.search) ?? path.slice(at + 1);
    // `/https:/example.com` (a collapsed `//`) reads as `https://example.com`
    t = t.replace(/^(https?):\/(?!\/)/i, '$1://');
    return { target: t, kind: gateway ? 'gateway' : 'redirect', via: 'path' };
  }
  return undefined;
}

/** An absolute http(s) URL in a parameter value: as is, percent-encoded again, protocol-relative or base64. */
function urlInValue(value: string, knownParam: boolean): string | undefined {
  const v = value.trim();
  if (v.length < 8) return undefined;
  const head = v.slice(0, 10).toLowerCase();
  if (head.startsWith('http://') || head.startsWith('https://')) return v;
  if (head.startsWith('http%3a') || head.startsWith('https%3a')) return safeDecode(v);
  if (knownParam && v.startsWith('//') && v.length > 3 && v[2] !== '/') return `https:${v}`;
  if (knownParam && head.startsWith('www.')) return `http://${v}`;
  if (v.startsWith('aHR0c')) {
    const decoded = decodeBase64(v);
    if (decoded !== undefined && /^https?:\/\//i.test(decoded)) return decoded;
  }
  return undefined;
}

function decodeBase64(v: string): string | undefined {
  const s = v.length > 8_192 ? v.slice(0, 8_192) : v;
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(s)) return undefined;
  try {
    const text = Buffer.from(s.replaceAll('-', '+').replaceAll('_', '/'), 'base64').toString('utf8');
    return text.includes('\ufffd') ? undefined : text;
  } catch {
    return undefined;
  }
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}
