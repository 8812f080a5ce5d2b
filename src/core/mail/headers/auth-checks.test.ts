import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkRecordedAuth, recordedAuth } from './auth-checks.js';
import { HEADER_WEIGHTS } from './header-reasons.js';
import { testMail } from './test-mail.js';

const codes = (from: string, results: string): string[] => {
  const m = testMail([['Authentication-Results', results], ['From', from]]);
  return checkRecordedAuth(m, recordedAuth(m.headers)).map((r) => r.code).sort();
};

test('a message signed only by a Microsoft 365 tenant domain, not by its From domain, is a reason', () => {
  const r = 'mx.example; spf=pass smtp.mailfrom=offers.example.net; dkim=pass header.d=Contoso123.onmicrosoft.com; dmarc=pass header.from=offers.example.net';
  assert.deepEqual(codes('<a@offers.example.net>', r), ['auth.dmarc_pass', 'auth.tenant_signature']);
  const m = testMail([['Authentication-Results', r], ['From', '<a@offers.example.net>']]);
  const reason = checkRecordedAuth(m, recordedAuth(m.headers)).find((x) => x.code === 'auth.tenant_signature');
  assert.ok(reason !== undefined);
  assert.equal(reason.weight, HEADER_WEIGHTS['auth.tenant_signature']);
  assert.match(reason.summary, /Contoso123\.onmicrosoft\.com.*example\.net/);
});

test('a tenant signature next to the From domain\'s own, or a sender on the tenant itself, is not', () => {
  const both = 'mx.example; dkim=pass header.d=example.net; dkim=pass header.d=Contoso123.onmicrosoft.com; dmarc=pass header.from=example.net';
  assert.deepEqual(codes('<a@example.net>', both), ['auth.dmarc_pass']);
  assert.deepEqual(codes('<a@Contoso123.onmicrosoft.com>', 'mx.example; dkim=pass header.d=Contoso123.onmicrosoft.com'), []);
  assert.deepEqual(codes('<a@example.net>', 'mx.example; dkim=fail header.d=Contoso123.onmicrosoft.com'), ['auth.dkim_fail']);
});
