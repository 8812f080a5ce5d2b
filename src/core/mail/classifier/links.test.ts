import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectLinks, domainShownIn, hostFacts, urlsInText } from './links.js';

test('urlsInText finds http(s) URLs, keeps their case and drops trailing punctuation', () => {
  assert.deepEqual(urlsInText('See HTTPS://Example.com/A?b=1. Or (http://x.example/y), not ftp://z.example or httpx.'), ['HTTPS://Example.com/A?b=1', 'http://x.example/y']);
  assert.equal(urlsInText('http://a.example '.repeat(1000)).length, 300);
});

test('hostFacts and domainShownIn reduce hosts to registrable domains and spot IPs and shorteners', () => {
  assert.deepEqual(hostFacts('https://login.secure.paypal.co.uk/x'), { domain: 'paypal.co.uk', ipLiteral: false, shortener: false });
  assert.deepEqual(hostFacts('http://203.0.113.9:8080/a'), { domain: '203.0.113.9', ipLiteral: true, shortener: false });
  assert.equal(hostFacts('https://bit.ly/abc')?.shortener, true);
  assert.equal(hostFacts('mailto:a@b.example'), undefined);
  assert.equal(domainShownIn('www.PayPal.com'), 'paypal.com');
  assert.equal(domainShownIn('https://accounts.google.com/signin'), 'google.com');
  assert.equal(domainShownIn('Click here'), undefined);
  assert.equal(domainShownIn('v1.2'), undefined);
});

test('collectLinks flags link text that shows another domain and does not count a URL twice', () => {
  const links = collectLinks(
    [
      { href: 'https://evil.example/p', text: 'www.paypal.com' },
      { href: 'https://www.paypal.com/x', text: 'paypal.com' },
    ],
    'Text part: https://evil.example/p and https://other.example/',
  );
  assert.deepEqual(
    links.map((l) => [l.domain, l.textShowsOtherDomain]),
    [
      ['evil.example', true],
      ['paypal.com', false],
      ['other.example', false],
    ],
  );
});
