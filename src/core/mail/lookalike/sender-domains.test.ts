import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MailAddress, ParsedMail } from '../contract.js';
import { shippedProtectedDomains } from './shipped-content.test.js';
import { analyzeSenderDomains, domainOfAddress } from './sender-domains.js';

const pd = shippedProtectedDomains();

function mail(parts: { from?: MailAddress; sender?: MailAddress; replyTo?: MailAddress[]; returnPath?: string }): ParsedMail {
  return {
    headers: [], subject: 'Your account', from: parts.from, sender: parts.sender, replyTo: parts.replyTo ?? [], returnPath: parts.returnPath,
    to: [], date: undefined, messageId: undefined, text: '', html: '', attachments: [], problems: [],
  };
}

test('domainOfAddress reads the domain of bare and bracketed addresses', () => {
  assert.equal(domainOfAddress('a@Example.COM'), 'example.com');
  assert.equal(domainOfAddress('<bounce@mail.example.com>'), 'mail.example.com');
  assert.equal(domainOfAddress('no-at-sign'), undefined);
  assert.equal(domainOfAddress('x@'), undefined);
});

test('a Cyrillic lookalike From domain is a heavy reason pointing at the From header', () => {
  const f = analyzeSenderDomains(mail({ from: { name: 'PayPal', address: 'service@\u0440\u0430ypal.com' } }), pd);
  assert.equal(f.reasons.length, 1);
  const r = f.reasons[0]!;
  assert.equal(r.code, 'lookalike.homoglyph');
  assert.ok(r.weight >= 30);
  assert.deepEqual(r.source, { kind: 'header', name: 'from', value: 'service@\u0440\u0430ypal.com' });
  assert.deepEqual(f.observables, [{ type: 'domain', value: 'xn--ypal-43d9g.com' }]);
});

test('each header is checked; a domain seen twice gives one reason', () => {
  const f = analyzeSenderDomains(mail({
    from: { name: 'Microsoft', address: 'no-reply@microsoft-support-login.com' },
    sender: { name: '', address: 'x@microsoft-support-login.com' },
    replyTo: [{ name: '', address: 'help@paypa1.com' }],
    returnPath: '<bounce@docusign.org>',
  }), pd);
  assert.deepEqual(f.reasons.map((r) => [r.code, r.source.kind === 'header' ? r.source.name : '']), [
    ['lookalike.brand_with_words', 'from'],
    ['lookalike.character_swap', 'reply-to'],
    ['lookalike.tld_swap', 'return-path'],
  ]);
  assert.equal(f.observables.length, 3);
});

test('a genuine brand sender and an ordinary sender give no reasons', () => {
  const f = analyzeSenderDomains(mail({ from: { name: 'PayPal', address: 'service@paypal.com' }, returnPath: 'bounce@bounce.amazonses.com', replyTo: [{ name: 'x', address: 'x@example.org' }] }), pd);
  assert.deepEqual(f.reasons, []);
  assert.equal(f.observables.length, 3);
  assert.deepEqual(analyzeSenderDomains(mail({}), pd), { reasons: [], observables: [] });
});
