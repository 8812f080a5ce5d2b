import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildProtectedDomains, EMPTY_MAIL_CONTENT, protectedDomainsConfigSchema } from '../protected-domains.js';
import { analyzeHeaders } from './index.js';
import { testMail } from './test-mail.js';

const protectedDomains = buildProtectedDomains(
  protectedDomainsConfigSchema.parse({ organisation: 'Acme Corp', ownDomains: ['acme.example'], brands: [{ name: 'PayPal', domains: ['paypal.com'] }], defaultBrands: false }),
  { ...EMPTY_MAIL_CONTENT, confusables: { characters: { '\u0430': 'a', '\u0435': 'e', '\u043e': 'o' }, sequences: {} } },
);
const BASE: [string, string][] = [
  ['Received', 'from relay.example.net (relay.example.net [198.51.100.7]) by mx.acme.example with ESMTPS; Tue, 3 Mar 2026 10:00:05 +0000'],
  ['Date', 'Tue, 3 Mar 2026 10:00:00 +0000'],
  ['Message-ID', '<1@example.net>'],
  ['Subject', 'Lunch on Friday'],
];
const codes = (headers: [string, string][], context = {}): string[] => analyzeHeaders(testMail([...BASE, ...headers]), context).reasons.map((r) => r.code).sort();

test('an ordinary message gives no header reasons, and its observables', () => {
  const findings = analyzeHeaders(testMail([...BASE, ['From', 'Ann <ann@example.net>'], ['Return-Path', '<bounce@mail.example.net>']]));
  assert.deepEqual(findings.reasons, []);
  assert.deepEqual(findings.observables, [
    { type: 'email', value: 'ann@example.net' },
    { type: 'domain', value: 'example.net' },
    { type: 'email', value: 'bounce@mail.example.net' },
    { type: 'ip', value: '198.51.100.7' },
  ]);
  assert.equal(findings.received.firstExternalHop?.by, 'mx.acme.example');
});

test('recorded SPF, DKIM, DMARC and compauth failures become reasons pointing at the header', () => {
  const ar = 'mx.acme.example; spf=fail smtp.mailfrom=evil.example; dkim=fail header.d=evil.example; dmarc=fail header.from=paypal.com; compauth=fail reason=000';
  const findings = analyzeHeaders(testMail([...BASE, ['Authentication-Results', ar], ['From', 'service@paypal.com']]));
  assert.deepEqual(findings.reasons.map((r) => r.code), ['auth.spf_fail', 'auth.dkim_fail', 'auth.dmarc_fail', 'auth.compauth_fail']);
  assert.deepEqual(findings.reasons[0]!.source, { kind: 'header', name: 'authentication-results', value: ar });
});

test('only the topmost Authentication-Results counts (lower ones can be forged by the sender)', () => {
  const mail = testMail([['Authentication-Results', 'mx.acme.example; spf=pass smtp.mailfrom=ok.example; dmarc=pass header.from=ok.example'], ...BASE, ['Authentication-Results', 'forged; dmarc=fail'], ['From', 'a@ok.example']]);
  assert.deepEqual(analyzeHeaders(mail).reasons.map((r) => r.code), ['auth.dmarc_pass']);
  assert.ok(analyzeHeaders(mail).reasons[0]!.weight < 0);
  // A DMARC pass at a free mailbox provider proves nothing about the sender.
  const gmail = testMail([['Authentication-Results', 'mx.acme.example; dmarc=pass header.from=gmail.com'], ...BASE, ['From', 'someone@gmail.com']]);
  assert.deepEqual(analyzeHeaders(gmail).reasons, []);
});

test('results one server wrote in several headers are merged; other servers are not', () => {
  const mail = testMail([
    ['Authentication-Results', 'mx.acme.example; arc=none smtp.remote-ip=203.0.113.1'],
    ['Authentication-Results', 'mx.acme.example; dkim=none'],
    ['Authentication-Results', 'mx.acme.example; spf=fail smtp.mailfrom=x.example'],
    ['Authentication-Results', 'forged.example; dmarc=fail header.from=x.example'],
    ...BASE,
    ['From', 'a@x.example'],
  ]);
  assert.deepEqual(analyzeHeaders(mail).reasons.map((r) => r.code), ['auth.spf_fail']);
});

test('ARC results are used when there is no Authentication-Results, the highest instance first', () => {
  const mail = testMail([...BASE, ['ARC-Authentication-Results', 'i=1; a.example; dmarc=pass header.from=x.example'], ['ARC-Authentication-Results', 'i=2; b.example; dmarc=fail header.from=x.example'], ['From', 'a@x.example']]);
  assert.deepEqual(analyzeHeaders(mail).reasons.map((r) => r.code), ['auth.dmarc_fail']);
});

test('Reply-To, Return-Path and Sender mismatches; mailing lists are exempt', () => {
  assert.deepEqual(codes([['From', 'a@shop.example'], ['Reply-To', 'x@other.example'], ['Return-Path', '<b@bulk.example>'], ['Sender', 's@third.example']]), [
    'header.reply_to_mismatch',
    'header.return_path_mismatch',
    'header.sender_mismatch',
  ]);
  assert.deepEqual(codes([['From', 'a@shop.example'], ['Reply-To', 'x@other.example'], ['Return-Path', '<b@bulk.example>'], ['List-Id', '<l.other.example>']]), []);
  assert.deepEqual(codes([['From', 'ceo@shop.example'], ['Reply-To', 'ceo.private@gmail.com']]), ['header.reply_to_freemail']);
  assert.deepEqual(codes([['From', 'a@mail.shop.example'], ['Reply-To', 'b@shop.example']]), []);
});

test('display-name spoofing: a brand, the organisation, a colleague or an address in the name', () => {
  assert.deepEqual(codes([['From', '"PayPal Service" <support@paypa1-secure.example>']], { protectedDomains }), ['header.display_name_brand']);
  assert.deepEqual(codes([['From', '"PayPal" <help@gmail.com>']], { protectedDomains }), ['header.display_name_brand', 'header.freemail_brand']);
  assert.deepEqual(codes([['From', '"PayPal" <service@mail.paypal.com>']], { protectedDomains }), []);
  // A name that only mentions the brand weighs less than one that speaks as the brand.
  assert.deepEqual(codes([['From', '"Tips for PayPal sellers weekly" <news@tips.example>']], { protectedDomains }), ['header.display_name_mentions_brand']);
  assert.deepEqual(codes([['From', '"Acme Corp IT" <it@acme-helpdesk.example>']], { protectedDomains }), ['header.display_name_internal']);
  assert.deepEqual(codes([['From', '"Jane Doe" <jane.doe@gmail.com>']], { protectedDomains, internalPeople: ['Jane Doe'] }), ['header.display_name_internal']);
  assert.deepEqual(codes([['From', '"Jane Doe" <jane@acme.example>']], { protectedDomains, internalPeople: ['Jane Doe'] }), []);
  assert.deepEqual(codes([['From', '"billing@bank.example" <x@evil.example>']]), ['header.display_name_address']);
  // Cyrillic "а" in the brand name is still the brand.
  assert.deepEqual(codes([['From', '"P\u0430yPal" <a@evil.example>']], { protectedDomains }), ['header.display_name_brand']);
});

test('newly seen sender domains, through the lookup', () => {
  const known = new Set(['friend.example']);
  const isKnownSenderDomain = (d: string): boolean => known.has(d);
  assert.deepEqual(codes([['From', 'a@new.example']], { isKnownSenderDomain }), ['header.new_sender_domain']);
  assert.deepEqual(codes([['From', 'a@friend.example']], { isKnownSenderDomain }), []);
  assert.deepEqual(codes([['From', 'a@new.example']], { isKnownSenderDomain: () => undefined }), []);
});

test('missing and broken headers, odd Received timing and lure subjects', () => {
  const mail = testMail([['From', 'nobody'], ['Subject', 'Your mailbox password expires today']]);
  assert.deepEqual(analyzeHeaders(mail).reasons.map((r) => r.code).sort(), ['header.from_invalid', 'header.missing_date', 'header.missing_message_id', 'header.subject_lure', 'received.missing']);
  assert.deepEqual(analyzeHeaders(testMail([['Subject', 'x']])).reasons.map((r) => r.code).sort(), ['header.missing_date', 'header.missing_from', 'header.missing_message_id', 'received.missing']);
  const slow = testMail([
    ['Received', 'from a.example ([198.51.100.1]) by b.example; Fri, 6 Mar 2026 10:00:00 +0000'],
    ['Received', 'from c.example ([198.51.100.2]) by a.example; Tue, 3 Mar 2026 10:00:00 +0000'],
    ['Date', 'Sun, 1 Mar 2026 10:00:00 +0000'],
    ['Message-ID', '<x@y.example>'],
    ['From', 'a@y.example'],
  ]);
  assert.deepEqual(analyzeHeaders(slow).reasons.map((r) => r.code).sort(), ['received.date_mismatch', 'received.long_delay']);
});
