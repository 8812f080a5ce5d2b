import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hostShownIn } from './link-text.js';

test('reads the host shown by link text that is a URL or a domain', () => {
  assert.equal(hostShownIn('https://www.paypal.com/signin?x=1'), 'www.paypal.com');
  assert.equal(hostShownIn(' www.PayPal.com '), 'www.paypal.com');
  assert.equal(hostShownIn('paypal.com.'), 'paypal.com');
  assert.equal(hostShownIn('<https://login.microsoftonline.com/>'), 'login.microsoftonline.com');
  assert.equal(hostShownIn('http://192.168.1.1/x'), '192.168.1.1');
});

test('prose, e-mail addresses, file names and unknown suffixes show no host', () => {
  for (const t of ['Click here', 'Log in to paypal.com now', 'support@paypal.com', 'invoice.zip', 'report.pdf', 'setup.exe', 'v1.2', 'foo.localdomain', '']) {
    assert.equal(hostShownIn(t), undefined, t);
  }
});
