import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodedAddressIn } from './encoded-address.js';

const hex = (s: string): string => Buffer.from(s).toString('hex');
const base64 = (s: string): string => btoa(s);

test('an address hidden in hex or base64 (standard or URL-safe) in a path or query is found', () => {
  assert.deepEqual(encodedAddressIn(`/lnk.php?id=33,90,${hex('ann.lee@example.org')},4181`), { encoding: 'hex', address: 'ann.lee@example.org' });
  assert.deepEqual(encodedAddressIn(`/c/${hex('BOB@EXAMPLE.COM').toUpperCase()}`), { encoding: 'hex', address: 'BOB@EXAMPLE.COM' });
  assert.deepEqual(encodedAddressIn(`/track?u=${base64('carol@example.net|campaign-7')}`), { encoding: 'base64', address: 'carol@example.net' });
  const urlSafe = base64('dan@example.com??>>').replace(/\+/g, '-').replace(/\//g, '_');
  assert.equal(encodedAddressIn(`/t/${urlSafe}`)?.encoding, 'base64');
});

test('ordinary ids, hashes and plain words are not addresses', () => {
  assert.equal(encodedAddressIn('/article/5f2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d'), undefined);
  assert.equal(encodedAddressIn('/images/newsletter-header-background.png'), undefined);
  assert.equal(encodedAddressIn(`/x?id=${base64('order 12345 shipped')}`), undefined);
  assert.equal(encodedAddressIn(''), undefined);
});

test('long hostile paths are scanned within bounds', () => {
  const started = performance.now();
  assert.equal(encodedAddressIn(`/${'a1'.repeat(200_000)}`), undefined);
  assert.equal(encodedAddressIn(`/${'AbCd/'.repeat(100_000)}`), undefined);
  assert.ok(performance.now() - started < 1_000);
});
