import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NO_CONFUSABLES, scriptsOf, skeleton } from './confusables.js';
import { shippedProtectedDomains } from './shipped-content.test.js';

const table = shippedProtectedDomains().confusables;

test('look-alike spellings share a skeleton (UTS #39 style)', () => {
  const microsoft = skeleton('microsoft', table);
  for (const s of ['m\u0456crosoft', 'MICROSOFT', 'rnicrosoft', 'micr0soft', 'm\u00eccrosoft', 'mi\u0441r\u043esoft']) assert.equal(skeleton(s, table), microsoft, s);
  assert.equal(skeleton('\u0440\u0430ypal', table), skeleton('paypal', table));
  assert.equal(skeleton('paypa1', table), skeleton('paypal', table));
  assert.equal(skeleton('\u03c1\u03b1yp\u03b1l', table), skeleton('paypal', table));
  assert.notEqual(skeleton('paypal', table), skeleton('paypol', table));
});

test('without a table a skeleton is lower-cased and mark-free only', () => {
  assert.equal(skeleton('P\u00e0yPal', NO_CONFUSABLES), 'paypal');
  assert.equal(skeleton('\u0440\u0430ypal', NO_CONFUSABLES), '\u0440\u0430ypal');
});

test('scripts of a label', () => {
  assert.deepEqual([...scriptsOf('paypal')], ['latin']);
  assert.deepEqual([...scriptsOf('\u0440\u0430ypal')].sort(), ['cyrillic', 'latin']);
  assert.deepEqual([...scriptsOf('\u03c1\u03b1-123')], ['greek']);
  assert.deepEqual([...scriptsOf('b\u00fccher')], ['latin']);
  assert.deepEqual([...scriptsOf('\u4f8b\u3048')], ['other']);
});
