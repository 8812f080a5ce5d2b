import assert from 'node:assert/strict';
import { test } from 'node:test';
import { domainToASCII } from 'node:url';
import { shippedProtectedDomains } from './shipped-content.test.js';
import { checkDomainLookalike } from './check-domain.js';

const pd = shippedProtectedDomains({ organisation: 'Acme Corp', ownDomains: ['acmecorp.com'], trustedDomains: ['paypal-partner.example'] });

function codes(domain: string): string[] {
  return checkDomainLookalike(domain, pd).findings.map((f) => f.code);
}

test('Cyrillic homoglyphs: mіcrosoft.com (U+0456) and раypal.com (Cyrillic р, а)', () => {
  const ms = checkDomainLookalike('m\u0456crosoft.com', pd);
  assert.deepEqual(ms.findings.map((f) => f.code), ['lookalike.homoglyph']);
  assert.equal(ms.findings[0]!.brand, 'Microsoft');
  assert.equal(ms.domain, domainToASCII('m\u0456crosoft.com'));
  const pp = checkDomainLookalike('\u0440\u0430ypal.com', pd);
  assert.deepEqual(pp.findings.map((f) => f.code), ['lookalike.homoglyph']);
  assert.equal(pp.findings[0]!.brand, 'PayPal');
  // an all-Cyrillic whole-script lookalike: аррӏе (а р р ӏ е)
  assert.deepEqual(codes('\u0430\u0440\u0440\u04cf\u0435.com'), ['lookalike.homoglyph']);
  // Greek omicron in google
  assert.equal(checkDomainLookalike('g\u03bf\u03bfgle.com', pd).findings[0]?.brand, 'Google');
});

test('the punycode form is decoded and flagged like the Unicode one', () => {
  const puny = domainToASCII('m\u0456crosoft.com');
  assert.ok(puny.startsWith('xn--'));
  const c = checkDomainLookalike(puny, pd);
  assert.equal(c.unicode, 'm\u0456crosoft.com');
  assert.deepEqual(c.findings.map((f) => f.code), ['lookalike.homoglyph']);
  assert.equal(checkDomainLookalike(domainToASCII('\u0440\u0430ypal.com').toUpperCase(), pd).findings[0]?.code, 'lookalike.homoglyph');
});

test('mixed scripts without a brand, and punycode alone, are weaker findings', () => {
  assert.deepEqual(codes('ex\u0430mple.com'), ['lookalike.mixed_script', 'lookalike.punycode']);
  assert.deepEqual(codes('b\u00fccher.de'), ['lookalike.punycode']);
});

test('digit and letter-run swaps: paypa1.com, rnicrosoft.com, micros0ft-support.com', () => {
  assert.deepEqual(codes('paypa1.com'), ['lookalike.character_swap']);
  assert.deepEqual(codes('rnicrosoft.com'), ['lookalike.character_swap']);
  const c = checkDomainLookalike('micros0ft-support.com', pd).findings[0]!;
  assert.equal(c.code, 'lookalike.character_swap');
  assert.match(c.summary, /added words/);
});

test('edit distance: typos of a brand with the same first letter', () => {
  assert.deepEqual(codes('paypall.com'), ['lookalike.edit_distance']);
  assert.deepEqual(codes('microsfot.com'), ['lookalike.edit_distance']);
  assert.deepEqual(codes('docusigm.net'), ['lookalike.edit_distance']);
  assert.deepEqual(codes('amazom.com'), ['lookalike.edit_distance']);
});

test('added words: microsoft-support-login.com, securepaypal.com, dhl-express-delivery.com', () => {
  assert.deepEqual(codes('microsoft-support-login.com'), ['lookalike.brand_with_words']);
  assert.deepEqual(codes('securepaypal.com'), ['lookalike.brand_with_words']);
  assert.deepEqual(codes('dhl-express-delivery.com'), ['lookalike.brand_with_words']);
  assert.deepEqual(codes('acmecorp-payroll.com'), ['lookalike.brand_with_words']);
});

test('brands in the subdomain: paypal.secure-verify.com, paypal.com.evil.net', () => {
  assert.deepEqual(codes('paypal.secure-verify.com'), ['lookalike.brand_in_subdomain']);
  assert.deepEqual(codes('www.paypal.com.evil.net'), ['lookalike.domain_in_subdomain']);
  assert.deepEqual(codes('login.microsoft.com.verify-account.info'), ['lookalike.domain_in_subdomain']);
});

test('TLD swaps: paypal.co, microsoft.com.ru, docusign.org, acmecorp.net', () => {
  assert.deepEqual(codes('paypal.co'), ['lookalike.tld_swap']);
  assert.deepEqual(codes('microsoft.com.ru'), ['lookalike.tld_swap']);
  assert.deepEqual(codes('docusign.org'), ['lookalike.tld_swap']);
  assert.deepEqual(codes('acmecorp.net'), ['lookalike.tld_swap']);
});

test('protected domains, their subdomains, country domains and trusted domains are never flagged', () => {
  for (const d of ['microsoft.com', 'login.microsoftonline.com', 'paypal.com', 'www.paypal.com', 'mail.acmecorp.com', 'amazon.de', 'amazon.co.uk',
    'paypal.de', 'email.apple.com', 'bounce.amazonses.com', 'PAYPAL.COM.', 'paypal-partner.example', 'x.paypal-partner.example']) {
    const c = checkDomainLookalike(d, pd);
    assert.deepEqual(c.findings, [], d);
    assert.notEqual(c.owner, undefined, d);
  }
});

test('ordinary domains are not lookalikes', () => {
  for (const d of ['example.com', 'cloud.com', 'finance.com', 'email.com', 'apply.com', 'groups.google.com', 'purchase.com', 'outlookindia.com',
    'spamassassin.apache.org', 'lists.sourceforge.net', 'yahoogroups.com', 'zdnet.com', 'newsletter.cnet.com', 'modern.com', 'appleinsider.com',
    'chose.com', 'morton.com', 'horton.com', 'python.org', 'slashdot.org', 'ebayhelp.example.invalid']) {
    assert.deepEqual(codes(d), [], d);
  }
});

test('IPs and invalid names give no findings', () => {
  assert.equal(checkDomainLookalike('192.168.1.1', pd).isIp, true);
  assert.deepEqual(codes('192.168.1.1'), []);
  assert.deepEqual(codes(''), []);
  assert.deepEqual(codes('localhost'), []);
  assert.deepEqual(codes('a'.repeat(300) + '.com'), []);
  assert.deepEqual(codes('bad..name.com'), []);
});

test('unknown suffixes and institutional hosts are not brand lookalikes', () => {
  assert.deepEqual(codes('yahoo.comm'), []);
  assert.deepEqual(codes('www.citi.umich.edu'), []);
  assert.deepEqual(codes('dhl.example.com'), []);
  assert.deepEqual(codes('docusign.files.example.com'), ['lookalike.brand_in_subdomain']);
});
