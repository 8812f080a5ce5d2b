import { parse as parseDomain } from 'tldts';
import { quickUrlHost } from '../../intel/url.js';
import type { MailLookups, ObservableType, ReasonSource } from '../contract.js';
import { checkDomainLookalike, type DomainCheck } from '../lookalike/check-domain.js';
import { isUserContentHost, ownerOf, type ProtectedDomains } from '../protected-domains.js';
import { clipUrl, type FindingsBuilder } from './findings-builder.js';
import { encodedAddressIn } from './encoded-address.js';
import { redirectTarget } from './redirect.js';
import { type UrlLimits, URL_WEIGHTS } from './weights.js';

/** What analysing one message's URLs shares: options, caches and the findings so far. */
export interface UrlContext {
  readonly protectedDomains: ProtectedDomains;
  readonly lookups: MailLookups | undefined;
  readonly limits: UrlLimits;
  readonly out: FindingsBuilder;
  /** Canonical URL → the registrable domains (or IPs) it leads through, for link-text checks. */
  readonly analysed: Map<string, readonly string[]>;
  readonly hosts: Map<string, DomainCheck>;
  /** URLs not analysed because `maxUrls` was reached. */
  skipped: number;
  base: URL | undefined;
  /** The registrable domain of the From address, when it has one. */
  readonly senderDomain?: string | undefined;
}

const DANGEROUS_SCHEMES: ReadonlySet<string> = new Set(['ms-msdt', 'search-ms', 'search', 'ms-officecmd', 'ms-appinstaller', 'ms-word', 'ms-excel', 'ms-powerpoint', 'ms-access', 'ms-cxh-full', 'mk', 'its', 'ms-its', 'vscode']);
const IGNORED_SCHEMES: ReadonlySet<string> = new Set(['mailto', 'tel', 'cid', 'sms', 'about', 'callto', 'skype', 'mid', 'news', 'webcal']);
const DANGEROUS_DATA: ReadonlySet<string> = new Set(['text/html', 'application/xhtml+xml', 'text/javascript', 'application/javascript', 'application/x-javascript', 'application/octet-stream', 'application/x-msdownload', 'application/hta', 'text/vbscript']);
const COMMON_PORTS: ReadonlySet<string> = new Set(['', '80', '443']);

/** Removes what browsers ignore in a URL attribute: surrounding spaces and controls, tabs and newlines inside. */
export function cleanUrl(raw: string): string {
  let s = raw;
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 32) a++;
  while (b > a && s.charCodeAt(b - 1) <= 32) b--;
  s = s.slice(a, b);
  return s.includes('\t') || s.includes('\n') || s.includes('\r') ? s.replace(/[\t\n\r]/g, '') : s;
}

/**
 * Analyses one URL as found at `where`: its scheme, host (IP literal, lookalike, shortener, intel),
 * user info, port, encoding and length, then the URL it redirects to (to `maxRedirectDepth`).
 * Returns the registrable domains the URL leads through, or undefined when it is not a web URL.
 */
export function analyzeUrl(raw: string, where: string, depth: number, ctx: UrlContext): readonly string[] | undefined {
  const s = cleanUrl(raw);
  if (s === '' || s.startsWith('#')) return undefined;
  const source: ReasonSource = { kind: 'url', url: clipUrl(s), where };
  const colon = s.indexOf(':');
  const scheme = colon > 0 && colon < 32 && /^[a-zA-Z][a-zA-Z0-9+.-]*$/.test(s.slice(0, colon)) ? s.slice(0, colon).toLowerCase() : '';
  if (scheme === 'javascript' || scheme === 'vbscript') {
    ctx.out.reason({ code: 'url.script_link', weight: URL_WEIGHTS.scriptLink, summary: `a ${scheme}: link runs code when clicked`, source }, s.slice(0, 200));
    return undefined;
  }
  if (scheme === 'data') {
    const end = s.slice(5, 100).search(/[;,]/);
    const mime = (end === -1 ? s.slice(5, 100) : s.slice(5, 5 + end)).trim().toLowerCase();
    const navigable = !where.startsWith('img') && !where.endsWith('[style]') && where !== 'style' && !where.startsWith('source') && !where.startsWith('video');
    if (DANGEROUS_DATA.has(mime) || (mime === 'image/svg+xml' && navigable)) {
      ctx.out.reason({ code: 'url.data_uri', weight: URL_WEIGHTS.dataUri, summary: `a data: URI carries ${mime} content`, source: { ...source, url: clipUrl(s, 80) } }, mime);
    }
    return undefined;
  }
  if (scheme === 'file' || s.startsWith('\\\\')) {
    ctx.out.reason({ code: 'url.file_link', weight: URL_WEIGHTS.fileLink, summary: 'a file: or UNC link can leak Windows credentials or run a remote file', source }, s.slice(0, 200));
    return undefined;
  }
  if (DANGEROUS_SCHEMES.has(scheme)) {
    ctx.out.reason({ code: 'url.dangerous_scheme', weight: URL_WEIGHTS.dangerousScheme, summary: `a ${scheme}: link opens a local handler that attacks abuse`, source }, scheme);
    return undefined;
  }
  if (IGNORED_SCHEMES.has(scheme)) return undefined;
  let href = s;
  if (scheme === '') {
    if (s.startsWith('//')) href = `https:${s}`;
    else if (s.slice(0, 4).toLowerCase() === 'www.') href = `http://${s}`;
    else if (ctx.base === undefined) return undefined;
  } else if (scheme !== 'http' && scheme !== 'https' && scheme !== 'ftp') return undefined;

  if (s.length > 2_048) {
    ctx.out.reason({ code: 'url.very_long', weight: URL_WEIGHTS.veryLong, summary: `a URL of ${s.length} characters`, source }, 'long');
    if (s.length > 65_536) return undefined;
  }
  let u: URL;
  try {
    u = new URL(href, ctx.base);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:' && u.protocol !== 'ftp:') return undefined;
  // The fragment never reaches the server: two URLs differing only there are one.
  const canonical = u.hash === '' ? u.href : u.href.slice(0, u.href.length - u.hash.length);
  const known = ctx.analysed.get(canonical);
  if (known !== undefined) return known;
  if (ctx.analysed.size >= ctx.limits.maxUrls) {
    ctx.skipped++;
    return undefined;
  }
  ctx.analysed.set(canonical, []);
  const host = u.hostname;
  if (host === '') return undefined;
  const isIp6 = host.startsWith('[');
  const check = hostCheck(isIp6 ? host.slice(1, -1) : host, ctx);
  const hostKey = check.registrable ?? host;
  ctx.out.observable('url', canonical);
  ctx.out.observable(check.isIp || isIp6 ? 'ip' : 'domain', isIp6 ? host.slice(1, -1) : host);

  if (check.isIp || isIp6) {
    const written = quickUrlHost(href) ?? '';
    const obfuscated = !isIp6 && written !== '' && written !== host;
    ctx.out.reason(obfuscated
      ? { code: 'url.obfuscated_ip', weight: URL_WEIGHTS.obfuscatedIp, summary: `the link's host ${written} is the IP address ${host} written to hide it`, source }
      : isNavigable(where)
        ? { code: 'url.ip_host', weight: URL_WEIGHTS.ipHost, summary: `the link points at the bare IP address ${host}`, source }
        : { code: 'url.ip_embedded', weight: URL_WEIGHTS.ipHostEmbedded, summary: `an image or other content is loaded from the bare IP address ${host}`, source }, host);
  }
  for (const f of check.findings) ctx.out.reason({ code: f.code, weight: f.weight, summary: `link host: ${f.summary}`, source }, hostKey);
  if (check.owner === undefined && (ctx.protectedDomains.urlShorteners.has(host) || (check.registrable !== undefined && ctx.protectedDomains.urlShorteners.has(check.registrable)))) {
    ctx.out.reason({ code: 'url.shortener', weight: URL_WEIGHTS.shortener, summary: `${host} is a link shortener that hides the destination`, source }, hostKey);
  }
  if (isNavigable(where) && isUserContentHost(host, u.pathname, ctx.protectedDomains)) {
    ctx.out.reason({ code: 'url.user_content_host', weight: URL_WEIGHTS.userContentHost, summary: `the link leads to ${host}, hosting where anyone can publish a page`, source }, hostKey);
  }
  const tld = host.slice(host.lastIndexOf('.') + 1);
  if (!check.isIp && check.owner === undefined && isNavigable(where) && ctx.protectedDomains.abusedTlds.has(tld)) {
    ctx.out.reason({ code: 'url.abused_tld', weight: URL_WEIGHTS.abusedTld, summary: `the link leads to ${host}, under .${tld}, a top-level domain where abuse dominates`, source }, tld);
  }
  if (u.username !== '' || u.password !== '') {
    const user = safeDecode(u.username);
    const domainLike = user.includes('.');
    ctx.out.reason({
      code: 'url.userinfo',
      weight: domainLike ? URL_WEIGHTS.userinfoDomain : URL_WEIGHTS.userinfo,
      summary: domainLike ? `the link shows "${clipUrl(user, 60)}" before an @ but goes to ${host}` : `the link carries user information before ${host}`,
      source,
    }, canonical);
  }
  if (!COMMON_PORTS.has(u.port)) {
    ctx.out.reason({ code: 'url.unusual_port', weight: URL_WEIGHTS.unusualPort, summary: `the link uses port ${u.port}`, source }, `${host}:${u.port}`);
  }
  encodingChecks(s, host, source, ctx);
  if (isNavigable(where)) {
    const hidden = encodedAddressIn(u.pathname + u.search);
    if (hidden !== undefined) {
      ctx.out.reason({ code: 'url.encoded_address', weight: URL_WEIGHTS.encodedAddress, summary: `the link carries the address ${hidden.address} encoded in ${hidden.encoding}, made for one recipient so the sender learns who clicks`, source }, hostKey);
    }
  }
  lookupIndicators(canonical, host, check, source, ctx);

  const chain: string[] = [check.registrable ?? host];
  const redirect = depth < ctx.limits.maxRedirectDepth ? redirectTarget(u) : undefined;
  if (redirect !== undefined) {
    const next = analyzeUrl(redirect.target, `${where} → ${redirect.via}`, depth + 1, ctx);
    if (next !== undefined) {
      chain.push(...next);
      const target = next[0];
      if (redirect.kind === 'redirect' && target !== undefined && target !== chain[0]) {
        ctx.out.reason({ code: 'url.redirect', weight: URL_WEIGHTS.redirect, summary: `${host} redirects to ${target} (${redirect.via})`, source }, `${hostKey}>${target}`);
      }
    }
  }
  ctx.analysed.set(canonical, chain);
  return chain;
}

/** A place a reader follows (a link, a form, a refresh, text, an attachment), not an image or a style. */
function isNavigable(where: string): boolean {
  const first = where.startsWith('a[') || where.startsWith('area[') || where.startsWith('form') || where.startsWith('meta') || where.startsWith('iframe') || where.startsWith('button') || where.startsWith('input[formaction]');
  return first || where.startsWith('text') || where.startsWith('html text') || where.startsWith('attachment');
}

function hostCheck(host: string, ctx: UrlContext): DomainCheck {
  let c = ctx.hosts.get(host);
  if (c === undefined) {
    c = checkDomainLookalike(host, ctx.protectedDomains);
    ctx.hosts.set(host, c);
  }
  return c;
}

function encodingChecks(s: string, host: string, source: ReasonSource, ctx: UrlContext): void {
  const rawHost = quickUrlHost(s.startsWith('//') ? `https:${s}` : s);
  if (rawHost?.includes('%') === true) {
    ctx.out.reason({ code: 'url.encoded_host', weight: URL_WEIGHTS.encodedHost, summary: `the link's host is percent-encoded to hide ${host}`, source }, host);
  }
  let escapes = 0;
  for (let i = s.indexOf('%'); i !== -1; i = s.indexOf('%', i + 1)) escapes++;
  if (escapes >= 24 && escapes * 3 > s.length * 0.3) {
    ctx.out.reason({ code: 'url.heavily_encoded', weight: URL_WEIGHTS.heavilyEncoded, summary: `${Math.round((escapes * 300) / s.length)}% of the link is percent-encoded`, source }, host);
  }
}

function lookupIndicators(url: string, host: string, check: DomainCheck, source: ReasonSource, ctx: UrlContext): void {
  const indicator = ctx.lookups?.indicator;
  if (indicator === undefined) return;
  const probes: [ObservableType, string][] = [['url', url]];
  if (check.isIp || host.startsWith('[')) probes.push(['ip', host.startsWith('[') ? host.slice(1, -1) : host]);
  else {
    probes.push(['domain', host]);
    if (check.registrable !== undefined && check.registrable !== host) probes.push(['domain', check.registrable]);
  }
  for (const [type, value] of probes) {
    const hit = indicator(type, value);
    if (hit === undefined) continue;
    ctx.out.reason({
      code: 'url.intel_match',
      weight: URL_WEIGHTS.intelMatch,
      summary: `the ${type} ${clipUrl(value, 120)} is a known indicator (${hit.source}, confidence ${hit.confidence})`,
      source,
    }, `${type}:${value}`);
    return;
  }
}

/** The registrable domain of a host (itself for IPs and names without one). */
export function registrableOf(host: string): string {
  return parseDomain(host, { allowPrivateDomains: true }).domain ?? host;
}

/** True when two hosts belong to the same protected brand. */
export function sameOwner(a: string, b: string, pd: ProtectedDomains): boolean {
  const oa = ownerOf(a, pd);
  return oa !== undefined && oa !== 'trusted' && oa === ownerOf(b, pd);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
