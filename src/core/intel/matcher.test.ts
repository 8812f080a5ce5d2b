import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EcsEvent } from '../../schema/event.js';
import { toEcsThreatEnrichment } from './ecs-threat.js';
import type { Indicator } from './indicator.js';
import { IndicatorIndex } from './matcher.js';

const T = Date.parse('2024-06-01T00:00:00Z');
const ind = (type: Indicator['type'], value: string, extra: Partial<Indicator> = {}): Indicator => ({ type, value, source: 'test', labels: [], revoked: false, ...extra });

const index = IndicatorIndex.build([
  ind('ipv4', '192.0.2.1', { ref: 'ip-1' }),
  ind('cidr', '198.51.100.0/24'),
  ind('cidr', '198.51.0.0/16'),
  ind('ipv6', '2001:db8::1'),
  ind('cidr', '2001:db8:1::/48'),
  ind('domain', 'evil.example'),
  ind('url', 'http://phish.example/login.php?a=1'),
  ind('email', 'bad@spam.example'),
  ind('sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'),
  ind('ipv4', '203.0.113.5', { validUntil: T - 1 }),
  ind('ipv4', '203.0.113.6', { revoked: true }),
  ind('ipv4', '203.0.113.7', { validFrom: T + 1 }),
  ind('ipv4', '192.0.2.1', { source: 'other', confidence: 90, tlp: 'amber' }),
]);

const values = (ms: readonly { indicator: Indicator; match: string }[]): string[] => ms.map((m) => `${m.indicator.value}/${m.match}`);

test('IPs match exactly and by enclosing blocks, IPv4-mapped IPv6 as IPv4', () => {
  assert.deepEqual(values(index.matchIp('192.0.2.1', T)), ['192.0.2.1/exact', '192.0.2.1/exact']);
  assert.deepEqual(values(index.matchIp('198.51.100.77', T)), ['198.51.100.0/24/cidr', '198.51.0.0/16/cidr']);
  assert.deepEqual(values(index.matchIp('198.51.7.7', T)), ['198.51.0.0/16/cidr']);
  assert.deepEqual(values(index.matchIp('::ffff:192.0.2.1', T)).length, 2);
  assert.deepEqual(values(index.matchIp('2001:DB8:0::1', T)), ['2001:db8::1/exact']);
  assert.deepEqual(values(index.matchIp('[2001:db8:1::99]', T)), ['2001:db8:1::/48/cidr']);
  assert.deepEqual(values(index.matchIp('192.0.2.2', T)), []);
  assert.deepEqual(values(index.matchIp('not an ip', T)), []);
});

test('expired, revoked and not-yet-valid indicators do not match', () => {
  assert.deepEqual(values(index.matchIp('203.0.113.5', T)), []);
  assert.deepEqual(values(index.matchIp('203.0.113.5', T - 2)), ['203.0.113.5/exact']);
  assert.deepEqual(values(index.matchIp('203.0.113.6', T)), []);
  assert.deepEqual(values(index.matchIp('203.0.113.7', T)), []);
  assert.deepEqual(values(index.matchIp('203.0.113.7', T + 1)), ['203.0.113.7/exact']);
});

test('domains match themselves and their subdomains, not lookalikes', () => {
  assert.deepEqual(values(index.matchDomain('evil.example', T)), ['evil.example/exact']);
  assert.deepEqual(values(index.matchDomain('A.B.Evil.Example.', T)), ['evil.example/subdomain']);
  assert.deepEqual(values(index.matchDomain('notevil.example', T)), []);
  assert.deepEqual(values(index.matchDomain('evil.example.com', T)), []);
  assert.deepEqual(values(index.matchDomain('example', T)), []);
});

test('URLs, e-mail addresses and hashes match in canonical form', () => {
  assert.deepEqual(values(index.matchUrl('HTTP://PHISH.example:80/x/../login.php?a=1#top', T)), ['http://phish.example/login.php?a=1/exact']);
  assert.deepEqual(values(index.matchUrl('http://phish.example/login.php?a=2', T)), []);
  assert.deepEqual(values(index.matchEmail('Bad@Spam.Example', T)), ['bad@spam.example/exact']);
  assert.deepEqual(values(index.matchHash('E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855', T)).length, 1);
});

test('matchEvent collects the observables of an ECS event and returns located hits', () => {
  const event = {
    '@timestamp': '2024-06-01T00:00:00Z',
    event: { kind: 'event', original: 'x' },
    source: { ip: '198.51.100.9' },
    destination: { ip: '10.0.0.1' },
    url: { full: 'https://cdn.evil.example/a.js', domain: 'cdn.evil.example' },
    email: { from: { address: ['bad@spam.example'] }, attachments: [{ file: { hash: { sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' } } }] },
    related: { user: ['alice', 'x@evil.example'] },
  } as EcsEvent;
  const hits = index.matchEvent(event);
  assert.deepEqual(
    hits.map((h) => `${h.field}=${h.observed}->${h.indicator.value}/${h.match}`),
    [
      'source.ip=198.51.100.9->198.51.100.0/24/cidr',
      'source.ip=198.51.100.9->198.51.0.0/16/cidr',
      'url.domain=cdn.evil.example->evil.example/subdomain',
      'email.from.address=bad@spam.example->bad@spam.example/exact',
      // The domain of an address is matched too; `observed` is that domain.
      'related.user=evil.example->evil.example/exact',
      'email.attachments.file.hash.sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855->e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855/exact',
    ],
  );
  const later = index.matchEvent({ ...event, source: { ip: '203.0.113.5' } }, { at: T - 10 });
  assert.ok(later.some((h) => h.indicator.value === '203.0.113.5'));
});

test('hits become ECS threat enrichments', () => {
  const [hit] = index.matchEvent({ '@timestamp': '2024-06-01T00:00:00Z', event: { kind: 'event', original: 'x' }, source: { ip: '192.0.2.1' } });
  assert.ok(hit);
  assert.deepEqual(toEcsThreatEnrichment(hit), {
    indicator: { type: 'ipv4-addr', name: '192.0.2.1', provider: 'test', confidence: 'Not Specified', reference: 'ip-1', ip: '192.0.2.1' },
    matched: { atomic: '192.0.2.1', field: 'source.ip', type: 'indicator_match_rule', id: 'ip-1' },
  });
});
