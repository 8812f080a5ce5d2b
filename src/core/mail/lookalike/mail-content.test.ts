import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isVigilError } from '../../../lib/errors.js';
import { MAIL_CONTENT_FILES, parseMailContent } from './mail-content.js';
import { protectedDomainsConfigSchema } from '../protected-domains.js';
import { shippedContent, shippedContentTexts, shippedProtectedDomains } from './shipped-content.test.js';

test('the shipped mail content is valid and every brand owns domains and has keywords', () => {
  const content = shippedContent();
  assert.ok(content.brands.length >= 30);
  assert.ok(content.urlShorteners.includes('bit.ly'));
  const pd = shippedProtectedDomains();
  for (const b of pd.brands) {
    assert.ok(b.domains.length > 0, b.name);
    assert.ok(b.keywords.length > 0, b.name);
  }
  for (const name of ['Microsoft', 'DocuSign', 'PayPal', 'DHL']) assert.ok(pd.brands.some((b) => b.name === name), name);
});

test('no shipped keyword is owned by two brands, and brand keywords are unique across brands', () => {
  const pd = shippedProtectedDomains();
  const byKeyword = new Map<string, string>();
  const offenders: string[] = [];
  for (const k of pd.keywords) {
    const prev = byKeyword.get(k.skeleton);
    if (prev !== undefined && prev !== k.brand.name) offenders.push(`${k.keyword}: ${prev} and ${k.brand.name}`);
    byKeyword.set(k.skeleton, k.brand.name);
  }
  assert.deepEqual(offenders, []);
});

test('invalid content is an error that names the file', () => {
  const texts = shippedContentTexts();
  const bad = parseMailContent({ ...texts, urlShorteners: 'kind: url-hosts\nshorteners: [bit.ly, "not a domain!"]\n' });
  assert.equal(bad.ok, false);
  assert.ok(isVigilError(bad.error));
  assert.equal(bad.error.code, 'INVALID_CONFIG');
  assert.equal(bad.error.location?.file, MAIL_CONTENT_FILES.urlShorteners);
  const yaml = parseMailContent({ ...texts, confusables: 'kind: confusables\ncharacters: {a: [\n' });
  assert.equal(yaml.ok, false);
  const unknownKey = parseMailContent({ ...texts, protectedBrands: 'kind: protected-brands\nbrands: []\nextra: 1\n' });
  assert.equal(unknownKey.ok, false);
});

test('the config section is strict and fills defaults', () => {
  const c = protectedDomainsConfigSchema.parse({});
  assert.equal(c.defaultBrands, true);
  assert.deepEqual(c.ownDomains, []);
  assert.equal(protectedDomainsConfigSchema.safeParse({ ownDomain: ['x.com'] }).success, false);
  assert.equal(protectedDomainsConfigSchema.safeParse({ ownDomains: ['bad domain'] }).success, false);
});
