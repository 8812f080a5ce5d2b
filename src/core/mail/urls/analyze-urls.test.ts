import assert from 'node:assert/strict';
import { test } from 'node:test';
import { domainToASCII } from 'node:url';
import type { MailLookups, ParsedMail } from '../contract.js';
import { shippedProtectedDomains } from '../lookalike/shipped-content.test.js';
import { analyzeUrls, URL_WEIGHTS } from './index.js';

const protectedDomains = shippedProtectedDomains({ organisation: 'Acme Corp', ownDomains: ['acmecorp.com'] });

function mail(body: { html?: string; text?: string }): ParsedMail {
  return {
    headers: [], subject: 'Notice', from: { name: 'x', address: 'x@example.org' }, sender: undefined, replyTo: [], returnPath: undefined,
    to: [], date: undefined, messageId: undefined, text: body.text ?? '', html: body.html ?? '', attachments: [], problems: [],
  };
}

function codes(m: ParsedMail, extra: readonly string[] = [], lookups?: MailLookups): string[] {
  return analyzeUrls(m, extra, lookups === undefined ? { protectedDomains } : { protectedDomains, lookups }).reasons.map((r) => r.code);
}

test('link text that shows a brand domain while the link goes elsewhere is a heavy reason', () => {
  const f = analyzeUrls(mail({ html: '<a href="https://secure-login.example.net/pp">https://www.paypal.com/signin</a>' }), [], { protectedDomains });
  const r = f.reasons.find((x) => x.code === 'url.text_mismatch');
  assert.ok(r !== undefined);
  assert.ok(r.weight >= 30);
  assert.match(r.summary, /paypal\.com \(PayPal\).*example\.net/);
  assert.deepEqual(r.source, { kind: 'url', url: 'https://secure-login.example.net/pp', where: 'a[href]' });
  // the same shown and real domain, a subdomain, the same brand, or a wrapper leading there: no mismatch
  assert.deepEqual(codes(mail({ html: '<a href="https://www.paypal.com/x">paypal.com</a><a href="https://paypal.de/">www.paypal.com</a><a href="https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.example.org%2F">www.example.org</a><a href="https://example.org/">Click here</a>' })), []);
  assert.deepEqual(codes(mail({ html: '<a href="https://news.example.com/x">www.other-shop.com</a>' })), ['url.text_mismatch']);
});

test('IP-literal and obfuscated IP hosts, unusual ports and user info', () => {
  assert.deepEqual(codes(mail({ html: '<a href="http://203.0.113.7/login">x</a>' })), ['url.ip_host']);
  assert.deepEqual(codes(mail({ html: '<a href="http://3405803783/login">x</a>' })), ['url.obfuscated_ip']);
  assert.deepEqual(codes(mail({ html: '<a href="http://[2001:db8::1]/">x</a>' })), ['url.ip_host']);
  assert.deepEqual(codes(mail({ html: '<a href="https://example.org:8443/">x</a>' })), ['url.unusual_port']);
  const f = analyzeUrls(mail({ html: '<a href="https://paypal.com@evil.example/">x</a>' }), [], { protectedDomains });
  assert.equal(f.reasons[0]?.code, 'url.userinfo');
  assert.ok(f.reasons[0].weight >= 30);
  assert.match(f.reasons[0].summary, /paypal\.com.*evil\.example/);
});

test('shorteners and redirects: the target is decoded and analysed in turn', () => {
  assert.deepEqual(codes(mail({ text: 'Track it: https://bit.ly/3abcDEF' })), ['url.shortener']);
  const f = analyzeUrls(mail({ html: `<a href="https://www.google.com/url?q=https://${domainToASCII('\u0440\u0430ypal.com')}/login&sa=D">Sign in</a>` }), [], { protectedDomains });
  assert.deepEqual(f.reasons.map((r) => r.code), ['lookalike.homoglyph', 'url.redirect']);
  assert.equal(f.reasons[0]!.source.kind === 'url' ? f.reasons[0]!.source.where : '', 'a[href] → ?q=');
  // a security gateway's wrapper is not a redirect, but its target is still analysed
  assert.deepEqual(codes(mail({ html: '<a href="https://eur01.safelinks.protection.outlook.com/?url=http%3A%2F%2F198.51.100.9%2Fx&data=1">x</a>' })), ['url.ip_host']);
});

test('credential-harvesting forms, external forms and password fields', () => {
  const f = analyzeUrls(mail({ html: '<form method=post action="https://collect.example/p.php"><input name=email><input type=password name=pw></form>' }), [], { protectedDomains });
  assert.equal(f.reasons[0]?.code, 'url.credential_form');
  assert.ok(f.reasons[0].weight >= 30);
  assert.match(f.reasons[0].summary, /collect\.example/);
  assert.deepEqual(codes(mail({ html: '<form action="https://survey.example/s"><input name=q></form>' })), ['url.form_external']);
  assert.deepEqual(codes(mail({ html: '<form action="https://intranet.acmecorp.com/s"><input name=q></form>' })), []);
  assert.deepEqual(codes(mail({ html: '<div><input type="password"></div>' })), ['url.password_field']);
});

test('data:text/html, javascript: and dangerous schemes; data: images are fine', () => {
  assert.deepEqual(codes(mail({ html: '<a href="data:text/html;base64,PHNjcmlwdD4=">Open</a>' })), ['url.data_uri']);
  assert.deepEqual(codes(mail({ html: '<a href="java\tscript&colon;alert(1)">Open</a>' })), ['url.script_link']);
  assert.deepEqual(codes(mail({ html: '<a href="search-ms:query=invoice&crumb=location:\\\\203.0.113.5@80\\share">Open</a>' })), ['url.dangerous_scheme']);
  assert.deepEqual(codes(mail({ html: '<img src="data:image/png;base64,iVBORw0KGgo="><a href="mailto:a@example.org">m</a><a href="#top">t</a><a href="/relative">r</a>' })), []);
});

test('lookalike and punycode hosts, with Cyrillic letters', () => {
  const f = analyzeUrls(mail({ html: '<a href="https://m\u0456crosoft.com/login">Sign in</a>' }), [], { protectedDomains });
  assert.deepEqual(f.reasons.map((r) => r.code), ['lookalike.homoglyph']);
  assert.ok(f.observables.some((o) => o.type === 'domain' && o.value === domainToASCII('m\u0456crosoft.com')));
  assert.deepEqual(codes(mail({ text: 'https://xn--bcher-kva.de/' })), ['lookalike.punycode']);
  assert.deepEqual(codes(mail({ text: 'Sign in at https://microsoft-support-login.com/verify' })), ['lookalike.brand_with_words']);
});

test('very long and heavily encoded URLs, percent-encoded hosts', () => {
  assert.ok(codes(mail({ html: `<a href="https://example.org/${'a'.repeat(3_000)}">x</a>` })).includes('url.very_long'));
  assert.ok(codes(mail({ html: `<a href="https://example.org/${'%41%42'.repeat(30)}">x</a>` })).includes('url.heavily_encoded'));
  assert.ok(codes(mail({ html: '<a href="https://%65vil.example/">x</a>' })).includes('url.encoded_host'));
});

test('intel lookups of URLs, domains and IPs are heavy reasons', () => {
  const seen: string[] = [];
  const lookups: MailLookups = {
    indicator: (type, value) => {
      seen.push(`${type}:${value}`);
      return value === 'bad.example' ? { source: 'test-feed', confidence: 90 } : undefined;
    },
  };
  const f = analyzeUrls(mail({ text: 'see https://cdn.bad.example/x and http://203.0.113.7/' }), [], { protectedDomains, lookups });
  const hit = f.reasons.find((r) => r.code === 'url.intel_match');
  assert.ok(hit !== undefined && hit.weight >= 60);
  assert.match(hit.summary, /test-feed/);
  assert.ok(seen.includes('url:https://cdn.bad.example/x'));
  assert.ok(seen.includes('domain:cdn.bad.example'));
  assert.ok(seen.includes('ip:203.0.113.7'));
});

test('URLs from attachments and QR codes are analysed; observables are URLs, domains and IPs', () => {
  const f = analyzeUrls(mail({}), ['http://198.51.100.4/qr', 'https://paypal.co/verify'], { protectedDomains });
  assert.deepEqual(f.reasons.map((r) => r.code).sort(), ['lookalike.tld_swap', 'url.ip_host']);
  assert.ok(f.reasons.every((r) => r.source.kind === 'url' && r.source.where === 'attachment'));
  assert.deepEqual(f.observables, [
    { type: 'url', value: 'http://198.51.100.4/qr' },
    { type: 'ip', value: '198.51.100.4' },
    { type: 'url', value: 'https://paypal.co/verify' },
    { type: 'domain', value: 'paypal.co' },
  ]);
});

test('an ordinary newsletter gives observables and no reasons', () => {
  const html = `<html><body><table><tr><td><img src="https://img.example.com/logo.png" alt="logo"></td></tr>
<tr><td><a href="https://www.example.com/news/1?utm_source=mail">Read more</a> | <a href="https://www.example.com/unsubscribe?id=42">Unsubscribe</a>
<a href="https://www.example.com/">www.example.com</a> <a href="mailto:news@example.com">news@example.com</a></td></tr></table></body></html>`;
  const f = analyzeUrls(mail({ html, text: 'Read more at https://www.example.com/news/1' }), [], { protectedDomains });
  assert.deepEqual(f.reasons, []);
  assert.ok(f.observables.some((o) => o.value === 'www.example.com'));
});

test('bounds: at most maxUrls distinct URLs, reasons per code capped, the rest reported', () => {
  const links = Array.from({ length: 1_000 }, (_, i) => `<a href="http://203.0.113.${i % 250}/p${i}">x</a>`).join('');
  const f = analyzeUrls(mail({ html: links }), [], { protectedDomains, limits: { maxUrls: 100 } });
  assert.equal(f.reasons.filter((r) => r.code === 'url.ip_host').length, 3);
  const tooMany = f.reasons.find((r) => r.code === 'url.too_many');
  assert.ok(tooMany !== undefined);
  assert.match(tooMany.summary, /^900 more/);
  assert.ok(f.observables.length <= 500);
});

test('a redirect loop and deep nesting stop at the depth bound', () => {
  let url = 'https://end.example/';
  for (let i = 0; i < 20; i++) url = `https://hop${i}.example/r?url=${encodeURIComponent(url)}`;
  const f = analyzeUrls(mail({ html: `<a href="${url}">x</a>` }), [], { protectedDomains });
  assert.ok(f.reasons.filter((r) => r.code === 'url.redirect').length <= 3);
  assert.ok(f.observables.filter((o) => o.type === 'url').length <= 4);
});

test('a code counts once towards the score, with its heaviest reason', () => {
  const f = analyzeUrls(mail({ html: '<a href="https://user@a.example/">1</a><a href="https://paypal.com@b.example/">2</a><a href="http://203.0.113.1/">3</a><a href="http://203.0.113.2/">4</a>' }), [], { protectedDomains });
  const userinfo = f.reasons.filter((r) => r.code === 'url.userinfo');
  assert.equal(userinfo.length, 2);
  assert.deepEqual(userinfo.map((r) => r.weight > 0), [true, false]);
  assert.match(userinfo[0]!.summary, /paypal\.com/);
  const ip = f.reasons.filter((r) => r.code === 'url.ip_host');
  assert.deepEqual(ip.map((r) => r.weight > 0).sort(), [false, true]);
});

test('links to hosting where anyone can publish a page; images there are fine', () => {
  assert.deepEqual(codes(mail({ html: '<a href="https://storage.googleapis.com/bucket-x/index.html">Open</a>' })), ['url.user_content_host']);
  assert.deepEqual(codes(mail({ text: 'Sign: https://docs-share-3f1.web.app/login' })), ['url.user_content_host']);
  assert.deepEqual(codes(mail({ html: '<a href="https://my-bucket.s3.eu-west-1.amazonaws.com/p.html">x</a>' })), ['url.user_content_host']);
  assert.deepEqual(codes(mail({ html: '<a href="https://docs.google.com/forms/d/e/x/viewform">x</a><a href="https://docs.google.com/document/d/1">y</a>' })), ['url.user_content_host']);
  assert.deepEqual(codes(mail({ html: '<img src="https://d15k2d11r6t6rl.cloudfront.net/logo.png"><a href="https://aws.amazon.com/s3/">S3</a>' })), []);
});

test('hostile bodies are analysed in bounded time: huge HTML, endless URLs, unterminated markup', () => {
  const hostile = [
    mail({ html: `<a href="https://x.example/">${'<b>'.repeat(2_000_000)}` }),
    mail({ html: '<a href="'.repeat(1_000_000) }),
    mail({ text: 'http://a.example/'.repeat(200_000) }),
    mail({ html: `<a href="https://e.example/?${'%41'.repeat(500_000)}">x</a>`, text: `https://${'a.'.repeat(100_000)}example/` }),
  ];
  for (const m of hostile) {
    const t0 = performance.now();
    const f = analyzeUrls(m, [], { protectedDomains });
    const ms = performance.now() - t0;
    assert.ok(ms < 3_000, `took ${ms} ms`);
    assert.ok(f.observables.length <= 500);
  }
  assert.ok(codes(hostile[0]!).includes('url.html_truncated'));
});

test('the fragment does not make a URL distinct', () => {
  const f = analyzeUrls(mail({ html: '<a href="https://x.example/p#a">1</a><a href="https://x.example/p#b">2</a>' }), [], { protectedDomains });
  assert.deepEqual(f.observables.filter((o) => o.type === 'url'), [{ type: 'url', value: 'https://x.example/p' }]);
});

test('links under top-level domains where abuse dominates are a hint', () => {
  const f = analyzeUrls(mail({ html: '<a href="https://juliodedansk.icu/x">Open</a><img src="https://img.example.top/i.png">' }), [], { protectedDomains });
  assert.deepEqual(f.reasons.map((r) => r.code), ['url.abused_tld']);
  assert.ok(f.reasons[0]!.weight < 30);
  assert.deepEqual(codes(mail({ html: '<a href="https://example.com/">x</a>' })), []);
});

test('link text showing another domain weighs little when the link leads to the sender\'s own domain (newsletter click tracking)', () => {
  const fromSender = (html: string, from: string): ParsedMail => ({ ...mail({ html }), from: { name: 'News', address: from } });
  const tracked = analyzeUrls(fromSender('<a href="http://clickthru.news.example.com/Click?q=1">www.shop.example.org</a>', 'letter@news.example.com'), [], { protectedDomains });
  const r = tracked.reasons.find((x) => x.code === 'url.text_mismatch');
  assert.ok(r !== undefined);
  assert.equal(r.weight, 3);
  assert.match(r.summary, /sender's own domain/);
  // Elsewhere: the full weight; a brand shown: the brand weight even from the sender's domain.
  const elsewhere = analyzeUrls(fromSender('<a href="http://clicks.tracker.example.net/c?1">www.shop.example.org</a>', 'letter@news.example.com'), [], { protectedDomains });
  assert.equal(elsewhere.reasons.find((x) => x.code === 'url.text_mismatch')?.weight, 10);
  const brand = analyzeUrls(fromSender('<a href="http://login.news.example.com/">www.paypal.com</a>', 'letter@news.example.com'), [], { protectedDomains });
  assert.ok((brand.reasons.find((x) => x.code === 'url.text_mismatch')?.weight ?? 0) >= 30);
});

test('a link carrying an e-mail address in hex or base64 is a reason; an image or a plain id is not', () => {
  const hex = Buffer.from('ann.lee@example.org').toString('hex');
  const f = analyzeUrls(mail({ html: `<a href="https://go.example.net/lnk.php?id=33,${hex},41">Quote</a>` }), [], { protectedDomains });
  const r = f.reasons.find((x) => x.code === 'url.encoded_address');
  assert.ok(r !== undefined);
  assert.equal(r.weight, URL_WEIGHTS.encodedAddress);
  assert.match(r.summary, /ann\.lee@example\.org encoded in hex/);
  assert.deepEqual(codes(mail({ text: `See https://t.example.net/c/${btoa('bob@example.com')}` })), ['url.encoded_address']);
  assert.deepEqual(codes(mail({ html: `<img src="https://t.example.net/open/${hex}.gif">` })), []);
  assert.deepEqual(codes(mail({ html: '<a href="https://shop.example.net/item/5f2b3c4d5e6f7a8b9c0d">Item</a>' })), []);
});

test('an image loaded from a bare IP address weighs less than a link to one', () => {
  const image = analyzeUrls(mail({ html: '<img src="http://203.0.113.7/logo.gif">' }), [], { protectedDomains }).reasons;
  assert.deepEqual(image.map((x) => x.code), ['url.ip_embedded']);
  assert.equal(image[0]!.weight, URL_WEIGHTS.ipHostEmbedded);
  // Images from IP addresses do not use up the reasons a link to an IP address is reported with.
  const images = Array.from({ length: 5 }, (_, i) => `<img src="http://203.0.113.${i}/a.gif">`).join('');
  const link = analyzeUrls(mail({ html: `${images}<a href="http://198.51.100.9/login">x</a>` }), [], { protectedDomains }).reasons;
  assert.equal(link.find((x) => x.code === 'url.ip_host')?.weight, URL_WEIGHTS.ipHost);
});
