import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shippedProtectedDomains } from './lookalike/shipped-content.test.js';
import { brandNamedIn, ownerOf } from './protected-domains.js';

const pd = shippedProtectedDomains({ organisation: 'Acme Corp', ownDomains: ['acme-corp.com'], ownNames: ['Acme'], trustedDomains: ['partner.example'] });

test('brandNamedIn finds brands named in display names, Cyrillic letters included', () => {
  assert.equal(brandNamedIn('PayPal Service', pd)?.name, 'PayPal');
  assert.equal(brandNamedIn('Microsoft 365 Team', pd)?.name, 'Microsoft');
  assert.equal(brandNamedIn('Office 365 Admin', pd)?.name, 'Microsoft');
  assert.equal(brandNamedIn('DHL Express', pd)?.name, 'DHL');
  assert.equal(brandNamedIn('DocuSign via Signing Service', pd)?.name, 'DocuSign');
  // Cyrillic Р (U+0420) and а (U+0430)
  assert.equal(brandNamedIn('\u0420\u0430yPal Support', pd)?.name, 'PayPal');
  // Inside a word when the name is long enough
  assert.equal(brandNamedIn('PayPalSecurityTeam', pd)?.name, 'PayPal');
  assert.equal(brandNamedIn('Acme IT Helpdesk', pd)?.name, 'Acme Corp');
  assert.equal(brandNamedIn('Acme IT Helpdesk', pd)?.own, true);
});

test('brandNamedIn does not take people and ordinary words for brands', () => {
  for (const text of ['Chase Smith', 'John Norton', 'Purchase Department', 'Groups Admin', 'Adhlan Bakr', 'Apple pie recipes', '']) {
    const b = brandNamedIn(text, pd);
    assert.ok(b === undefined || (text.startsWith('Apple') && b.name === 'Apple'), `${text} → ${b?.name ?? ''}`);
  }
  assert.equal(brandNamedIn('Chase Smith', pd), undefined);
  assert.equal(brandNamedIn('John Norton', pd), undefined);
  assert.equal(brandNamedIn('Purchase Department', pd), undefined);
});

test('owned domains and their subdomains belong to their brand; trusted domains are marked', () => {
  assert.equal(ownerOf('paypal.com', pd), pd.brands.find((b) => b.name === 'PayPal'));
  const owner = ownerOf('login.microsoftonline.com', pd);
  assert.ok(owner !== undefined && owner !== 'trusted' && owner.name === 'Microsoft');
  assert.equal(ownerOf('mail.acme-corp.com', pd) !== undefined, true);
  assert.equal(ownerOf('x.partner.example', pd), 'trusted');
  assert.equal(ownerOf('paypal.com.evil.net', pd), undefined);
  assert.equal(ownerOf('notpaypal.com', pd), undefined);
});

test('a configured brand replaces the shipped one of the same name; defaults can be turned off', () => {
  const custom = shippedProtectedDomains({ brands: [{ name: 'PayPal', domains: ['paypal.example'] }] });
  const paypal = custom.brands.filter((b) => b.name === 'PayPal');
  assert.equal(paypal.length, 1);
  assert.deepEqual(paypal[0]!.domains, ['paypal.example']);
  assert.deepEqual(paypal[0]!.keywords, ['paypal']);
  const none = shippedProtectedDomains({ defaultBrands: false, ownDomains: ['acme.com'] });
  assert.deepEqual(none.brands.map((b) => b.name), ['your organisation']);
  assert.equal(brandNamedIn('PayPal', none), undefined);
});

test('the section sits in vigil.yml with defaults, strict', async () => {
  const { vigilConfigSchema } = await import('../../schema/config.js');
  assert.equal(vigilConfigSchema.parse({}).protectedDomains.defaultBrands, true);
  assert.deepEqual(vigilConfigSchema.parse({ protectedDomains: { ownDomains: ['acme.com'] } }).protectedDomains.ownDomains, ['acme.com']);
  assert.equal(vigilConfigSchema.safeParse({ protectedDomains: { ownDomain: ['acme.com'] } }).success, false);
});
