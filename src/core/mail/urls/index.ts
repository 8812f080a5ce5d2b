import { type Candidate } from '../../intel/extract/candidate.js';
import { scanUrls } from '../../intel/extract/scan-web.js';
import type { Findings, MailLookups, ParsedMail, Reason } from '../contract.js';
import { ownerOf, type ProtectedDomains } from '../protected-domains.js';
import { analyzeUrl, registrableOf, sameOwner, type UrlContext } from './analyze-url.js';
import { clipUrl, FindingsBuilder } from './findings-builder.js';
import { type HtmlScan, scanHtml } from './html-scan.js';
import { hostShownIn } from './link-text.js';
import { DEFAULT_URL_LIMITS, type UrlLimits, URL_WEIGHTS } from './weights.js';

export { DEFAULT_URL_LIMITS, URL_WEIGHTS, type UrlLimits } from './weights.js';
export { scanHtml, type HtmlScan } from './html-scan.js';
export { redirectTarget } from './redirect.js';

/** Options of `analyzeUrls`. */
export interface AnalyzeUrlsOptions {
  readonly protectedDomains: ProtectedDomains;
  readonly lookups?: MailLookups;
  readonly limits?: Partial<UrlLimits>;
}

/**
 * Every URL of a message — in the text body (the IOC extractor's URL scanner), in the HTML (href,
 * src, srcset, form actions, meta refresh, data: URIs, CSS url()) and in `extraUrls` (found in
 * attachments and QR codes) — analysed for phishing signals: link text that shows another domain,
 * IP-literal and obfuscated hosts, shorteners, redirects (the target is decoded and analysed too),
 * credential forms, data:/javascript: links, lookalike and punycode hosts, unusual ports, user
 * info, very long or encoded URLs, user-content hosting, abused TLDs, and intel lookups. A code
 * counts once towards the score (`FindingsBuilder`). Bounded: HTML and text lengths, distinct URLs,
 * redirect depth, reasons per code (see `UrlLimits`).
 */
export function analyzeUrls(mail: ParsedMail, extraUrls: readonly string[], options: AnalyzeUrlsOptions): Findings {
  const limits: UrlLimits = { ...DEFAULT_URL_LIMITS, ...options.limits };
  const out = new FindingsBuilder(limits.maxReasonsPerCode, limits.maxObservables);
  const ctx: UrlContext = { protectedDomains: options.protectedDomains, lookups: options.lookups, limits, out, analysed: new Map(), hosts: new Map(), skipped: 0, base: undefined, senderDomain: senderDomainOf(mail) };

  if (mail.html !== '') analyzeHtml(mail.html, ctx);
  if (mail.text !== '') for (const url of textUrls(mail.text, limits.maxTextChars, limits.maxUrls)) analyzeUrl(url, 'text', 0, ctx);
  for (const url of extraUrls.slice(0, limits.maxUrls)) analyzeUrl(url, 'attachment', 0, ctx);
  if (extraUrls.length > limits.maxUrls) ctx.skipped += extraUrls.length - limits.maxUrls;

  if (ctx.skipped > 0) {
    out.reason({ code: 'url.too_many', weight: URL_WEIGHTS.tooManyUrls, summary: `${ctx.skipped} more URLs were not analysed (limit ${limits.maxUrls})`, source: { kind: 'message' } }, '');
  }
  return { reasons: out.reasons.sort(byWeight), observables: out.observables };
}

function analyzeHtml(html: string, ctx: UrlContext): void {
  const scan = scanHtml(html, { maxChars: ctx.limits.maxHtmlChars, maxUrls: ctx.limits.maxUrls * 4, maxTextChars: ctx.limits.maxTextChars });
  if (scan.truncated) {
    ctx.out.reason({ code: 'url.html_truncated', weight: URL_WEIGHTS.htmlTruncated, summary: `the HTML body is longer than ${ctx.limits.maxHtmlChars} characters; only its start was scanned`, source: { kind: 'body', part: 'html' } }, '');
  }
  ctx.skipped += scan.droppedUrls;
  if (scan.base !== undefined) {
    try {
      ctx.base = new URL(scan.base);
    } catch {
      ctx.base = undefined;
    }
  }
  for (const link of scan.urls) {
    const chain = analyzeUrl(link.url, link.where, 0, ctx);
    if (chain !== undefined && link.text !== undefined) checkLinkText(link.url, link.where, link.text, chain, ctx);
  }
  for (const url of textUrls(scan.text, ctx.limits.maxTextChars, ctx.limits.maxUrls)) analyzeUrl(url, 'html text', 0, ctx);
  formChecks(scan, ctx);
  for (const target of scan.refreshes.slice(0, 3)) {
    ctx.out.reason({ code: 'url.meta_refresh', weight: URL_WEIGHTS.metaRefresh, summary: `the HTML sends the reader on to ${clipUrl(target, 120)} by itself`, source: { kind: 'url', url: clipUrl(target), where: 'meta[refresh]' } }, target);
  }
}

/** The registrable domain of the From address, if any. */
function senderDomainOf(mail: ParsedMail): string | undefined {
  const address = mail.from?.address ?? '';
  const at = address.lastIndexOf('@');
  return at === -1 ? undefined : registrableOf(address.slice(at + 1).toLowerCase());
}

/** A link whose text shows a domain other than every domain the link leads through. */
function checkLinkText(url: string, where: string, text: string, chain: readonly string[], ctx: UrlContext): void {
  const shown = hostShownIn(text);
  if (shown === undefined) return;
  const shownRegistrable = registrableOf(shown);
  const pd = ctx.protectedDomains;
  for (const hop of chain) if (hop === shownRegistrable || sameOwner(shown, hop, pd)) return;
  const owner = ownerOf(shown, pd);
  const brand = owner !== undefined && owner !== 'trusted';
  // A newsletter's click tracker on the sender's own domain: the link goes where the mail came from.
  const toSender = !brand && ctx.senderDomain !== undefined && chain[0] === ctx.senderDomain;
  ctx.out.reason({
    code: 'url.text_mismatch',
    weight: brand ? URL_WEIGHTS.textMismatchBrand : toSender ? URL_WEIGHTS.textMismatchToSender : URL_WEIGHTS.textMismatch,
    summary: `the link shows ${shown}${brand ? ` (${owner.name})` : ''} but leads to ${chain.join(' → ')}${toSender ? ', the sender\'s own domain' : ''}`,
    source: { kind: 'url', url: clipUrl(url), where },
  }, `${shownRegistrable}>${chain[chain.length - 1] ?? ''}`);
}

function formChecks(scan: HtmlScan, ctx: UrlContext): void {
  for (const form of scan.forms) {
    const action = form.action ?? '';
    let actionHost: string | undefined;
    try {
      const u = new URL(action, ctx.base);
      if (u.protocol === 'http:' || u.protocol === 'https:') actionHost = u.hostname;
    } catch {
      actionHost = undefined;
    }
    const owner = actionHost === undefined ? undefined : ownerOf(actionHost, ctx.protectedDomains);
    const own = owner !== undefined && owner !== 'trusted' && owner.own;
    const source = { kind: 'url' as const, url: clipUrl(action === '' ? '(no action)' : action), where: 'form[action]' };
    if (form.hasPassword) {
      ctx.out.reason({ code: 'url.credential_form', weight: URL_WEIGHTS.credentialForm, summary: `a form in the message asks for a password${actionHost === undefined ? '' : ` and sends it to ${actionHost}`}`, source }, action);
    } else if (actionHost !== undefined && !own) {
      ctx.out.reason({ code: 'url.form_external', weight: URL_WEIGHTS.formExternal, summary: `a form in the message posts ${form.inputs} field${form.inputs === 1 ? '' : 's'} to ${actionHost}`, source }, actionHost);
    }
  }
  if (scan.passwordOutsideForm) {
    ctx.out.reason({ code: 'url.password_field', weight: URL_WEIGHTS.passwordField, summary: 'the message has a password field', source: { kind: 'body', part: 'html' } }, '');
  }
}

const TEXT_CHUNK = 16 * 1024;

/**
 * URLs written in text, by the IOC extractor's URL scanner, chunk by chunk (cut at whitespace) so
 * that a text made of URLs stops being parsed once `maxUrls` have been found.
 */
function textUrls(text: string, maxChars: number, maxUrls: number): string[] {
  const s = text.length > maxChars ? text.slice(0, maxChars) : text;
  const found: Candidate[] = [];
  let start = 0;
  while (start < s.length && found.length < maxUrls) {
    let end = Math.min(s.length, start + TEXT_CHUNK);
    if (end < s.length) {
      const cut = lastSpace(s, start, end);
      if (cut > start) end = cut;
    }
    if (s.indexOf('://', start) < end) scanUrls(s.slice(start, end), found);
    start = end;
  }
  return found.map((c) => c.value);
}

function lastSpace(s: string, from: number, to: number): number {
  for (let i = to - 1; i > from; i--) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13) return i;
  }
  return -1;
}

function byWeight(a: Reason, b: Reason): number {
  return b.weight - a.weight;
}
