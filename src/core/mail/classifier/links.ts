import { getDomain } from 'tldts';
import type { HtmlAnchor } from './html-scan.js';

/** What the classifier needs to know about one link. */
export interface LinkFacts {
  /** The registrable domain (or the IP literal) the link points to; '' when it has no host. */
  readonly domain: string;
  readonly ipLiteral: boolean;
  readonly shortener: boolean;
  /** The link's text shows a domain other than the one it points to. */
  readonly textShowsOtherDomain: boolean;
}

const MAX_TEXT_URLS = 300;
/** URLs are looked for in this much of a text part (the classifier reads no further either). */
const MAX_SCANNED_CHARS = 1_000_000;

const SHORTENERS = new Set([
  'bit.ly', 'bitly.com', 'tinyurl.com', 't.co', 'goo.gl', 'ow.ly', 'is.gd', 'buff.ly', 'cutt.ly', 'rebrand.ly', 'shorturl.at',
  'tiny.cc', 'rb.gy', 's.id', 't.ly', 'v.gd', 'bl.ink', 'shorte.st', 'adf.ly', 'lnkd.in', 'qrco.de', 'x.co', 'tiny.one', 'urlz.fr',
  'short.io', 'rebrandly.com', 'soo.gd', 'clck.ru', 'u.to', 'qr.ae', 'trib.al', 'db.tt',
]);

interface HostFacts {
  readonly domain: string;
  readonly ipLiteral: boolean;
  readonly shortener: boolean;
}

/** The host facts of an absolute http(s) URL, or undefined when it is not one. */
export function hostFacts(url: string): HostFacts | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  const host = parsed.hostname.toLowerCase();
  const ipLiteral = host.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
  const domain = ipLiteral ? host : (getDomain(host) ?? host);
  return { domain, ipLiteral, shortener: SHORTENERS.has(host) || SHORTENERS.has(domain) };
}

/** The registrable domain a link's text shows ("www.paypal.com", "https://paypal.com/x"), if any. */
export function domainShownIn(text: string): string | undefined {
  const shown = text.trim().toLowerCase();
  if (shown === '' || shown.length > 200 || /\s/.test(shown) || !shown.includes('.')) return undefined;
  const candidate = /^[a-z][a-z0-9+.-]*:\/\//.test(shown) ? shown : `http://${shown}`;
  const facts = hostFacts(candidate);
  if (facts === undefined || facts.domain === '' || !/[a-z]/.test(facts.domain) || !facts.domain.includes('.')) return undefined;
  return getDomain(facts.domain) === null && !facts.ipLiteral ? undefined : facts.domain;
}

/** Facts for every http(s) link of the HTML anchors and of the plain text (bounded in number). */
export function collectLinks(anchors: readonly HtmlAnchor[], plainText: string): LinkFacts[] {
  const links: LinkFacts[] = [];
  const seenInHtml = new Set<string>();
  for (const anchor of anchors) {
    const facts = hostFacts(anchor.href);
    if (facts === undefined) continue;
    seenInHtml.add(anchor.href.trim());
    const shown = domainShownIn(anchor.text);
    links.push({ ...facts, textShowsOtherDomain: shown !== undefined && shown !== facts.domain });
  }
  for (const url of urlsInText(plainText)) {
    if (seenInHtml.has(url)) continue;
    const facts = hostFacts(url);
    if (facts !== undefined) links.push({ ...facts, textShowsOtherDomain: false });
  }
  return links;
}

/** The http(s) URLs written out in plain text, found by a linear scan. */
export function urlsInText(text: string): string[] {
  const urls: string[] = [];
  const scanned = text.length > MAX_SCANNED_CHARS ? text.slice(0, MAX_SCANNED_CHARS) : text;
  const lower = scanned.toLowerCase();
  // Lower-casing can change the length (İ → i̇); then cut the URLs from the lower-cased copy.
  const source = lower.length === scanned.length ? scanned : lower;
  let from = 0;
  while (urls.length < MAX_TEXT_URLS) {
    const at = lower.indexOf('http', from);
    if (at < 0) break;
    from = at + 4;
    if (!lower.startsWith('http://', at) && !lower.startsWith('https://', at)) continue;
    let end = at;
    while (end < lower.length && end - at < 2048 && !' \t\r\n<>"\'`)]}'.includes(lower[end]!)) end++;
    let trimmed = end;
    while (trimmed > at && '.,;:!?'.includes(lower[trimmed - 1]!)) trimmed--;
    urls.push(source.slice(at, trimmed));
    from = end;
  }
  return urls;
}
