import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shippedProtectedDomains } from '../lookalike/shipped-content.test.js';
import { analyzeHeaders, HEADER_WEIGHTS } from './index.js';
import { testMail } from './test-mail.js';

const protectedDomains = shippedProtectedDomains({ organisation: 'Acme Corp', ownDomains: ['acme.example'] });
const BASE: [string, string][] = [
  ['Received', 'from relay.example.net (relay.example.net [198.51.100.7]) by mx.acme.example with ESMTPS; Tue, 3 Mar 2026 10:00:05 +0000'],
  ['Date', 'Tue, 3 Mar 2026 10:00:00 +0000'],
  ['Message-ID', '<1@example.net>'],
];
const reasons = (from: string, subject = 'Lunch on Friday') => analyzeHeaders(testMail([...BASE, ['From', from], ['Subject', subject]]), { protectedDomains }).reasons;
const codes = (from: string, subject?: string): string[] => reasons(from, subject).map((r) => r.code).sort();

test('a display name that shows another domain is a (weak) reason; the sender\'s own domain is not', () => {
  const r = reasons('"proton.me Helpdesk" <back-up@mailer.example.id>');
  assert.deepEqual(r.map((x) => x.code), ['header.display_name_domain']);
  assert.equal(r[0]!.weight, HEADER_WEIGHTS['header.display_name_domain']);
  assert.match(r[0]!.summary, /proton\.me.*example\.id/);
  assert.deepEqual(codes('"shop.example.net news" <news@mail.example.net>'), []);
  assert.deepEqual(codes('"Ann Smith" <ann@example.net>'), []);
});

test('a sender on a free cloud tenant (onmicrosoft.com) or under an abused TLD is a reason', () => {
  assert.deepEqual(codes('"Support" <notice@contoso123.onmicrosoft.com>'), ['header.tenant_sender']);
  assert.deepEqual(codes('"Jackpot" <win@lucky-1eccc.firebaseapp.com>'), ['header.tenant_sender']);
  assert.deepEqual(codes('"Support" <notice@contoso.example>'), []);
  const tld = [...protectedDomains.abusedTlds][0];
  assert.ok(tld !== undefined, 'the shipped content lists abused TLDs');
  assert.deepEqual(codes(`"Offers" <deals@cheap-example.${tld}>`), ['header.abused_tld_sender']);
});

test('a subject that quotes an e-mail address is a reason', () => {
  const r = reasons('"Ann" <ann@example.net>', 'bob@acme.example, your mailbox is almost full');
  assert.deepEqual(r.map((x) => x.code).sort(), ['header.subject_address', 'header.subject_lure']);
  assert.deepEqual(codes('"Ann" <ann@example.net>', 'Agenda for Friday'), []);
});

test('lures in Portuguese, Spanish and German subjects are recognised', () => {
  assert.deepEqual(codes('"Ann" <ann@example.net>', 'Falha na entrega: sua encomenda está pendente'), ['header.subject_lure']);
  assert.deepEqual(codes('"Ann" <ann@example.net>', 'Tienes (1) paquete pendiente'), ['header.subject_lure']);
  assert.deepEqual(codes('"Ann" <ann@example.net>', 'Ihr Gutschein wartet'), ['header.subject_lure']);
});

test('a display name that mentions a brand after the sender\'s own name is not a brand claim', () => {
  assert.deepEqual(codes('"Gnomeletter Apple Digest" <subscriptions@gnomeletter.example>'), []);
  assert.deepEqual(codes('"Weekly Apple Digest" <subscriptions@gnomeletter.example>'), ['header.display_name_mentions_brand']);
});

test('the Brazilian banks and crypto wallets added to the shipped brands are recognised in display names', () => {
  assert.deepEqual(codes('"Ledger" <rodrigo@shop.example.com.br>'), ['header.display_name_brand']);
  assert.deepEqual(codes('"Ourocard" <pontos@mailer.example.net>'), ['header.display_name_brand']);
});

test('insurers, clubs, retailers and postal brands added to the shipped brands are recognised; their own domains are not flagged', () => {
  assert.deepEqual(codes('"GEICO" <offers@mailer.example.net>'), ['header.display_name_brand']);
  assert.deepEqual(codes('"Message from ADAC" <service@shop.example.de>'), ['header.display_name_brand']);
  assert.deepEqual(codes('"Center Parcs Team" <win@prizes.example.nl>'), ['header.display_name_brand']);
  assert.deepEqual(codes('"Correos" <aviso@example.edu>'), ['header.display_name_brand']);
  assert.deepEqual(codes('"GEICO" <offers@geico.com>'), []);
  assert.deepEqual(codes('"Sixt Kundenservice" <service@sixt.de>'), []);
});

test('a subject about the reader\'s account at a brand, from outside the brand, is a reason', () => {
  const r = reasons('"Example Billing Team" <billing@mailer.example.net>', 'Your McAfee order confirmation #NP1139');
  assert.deepEqual(r.map((x) => x.code), ['header.subject_brand']);
  assert.match(r[0]!.summary, /McAfee.*example\.net/);
  assert.deepEqual(codes('"Kundenservice" <info@shop.example.de>', 'Ihr McAfee-Schutz ist abgelaufen'), ['header.subject_brand']);
  assert.deepEqual(codes('"Kundenservice" <info@shop.example.de>', 'Ihr Total AV-Abonnement läuft heute ab'), ['header.subject_brand']);
  // From the brand itself, or a brand only named in passing: no reason.
  assert.deepEqual(codes('"McAfee" <orders@mcafee.com>', 'Your McAfee order confirmation'), []);
  assert.deepEqual(codes('"Tech News" <news@example.net>', 'Microsoft reveals new details'), []);
});
