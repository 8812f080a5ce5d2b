import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EcsEvent } from '../../schema/event.js';
import type { Indicator } from './indicator.js';
import { SuppressionLog, type KnownGood } from './known-good.js';
import { IndicatorIndex } from './matcher.js';
import { SpanTable, hashSpan } from './span-table.js';

const T = Date.parse('2024-06-01T00:00:00Z');
const ind = (type: Indicator['type'], value: string, extra: Partial<Indicator> = {}): Indicator => ({ type, value, source: 'test', labels: [], revoked: false, ...extra });
const values = (ms: readonly { indicator: Indicator; match: string }[]): string[] => ms.map((m) => `${m.indicator.value}/${m.match}`);

test('domain walk: upper case, trailing dot, IDN, several levels, and no partial-label matches', () => {
  const index = IndicatorIndex.build([ind('domain', 'evil.example'), ind('domain', 'a.evil.example'), ind('domain', 'xn--bcher-kva.example')]);
  assert.deepEqual(values(index.matchDomain('A.Evil.Example.', T)), ['a.evil.example/exact', 'evil.example/subdomain']);
  assert.deepEqual(values(index.matchDomain('x.y.a.evil.example', T)), ['a.evil.example/subdomain', 'evil.example/subdomain']);
  assert.deepEqual(values(index.matchDomain('www.bücher.example', T)), ['xn--bcher-kva.example/subdomain']);
  assert.deepEqual(values(index.matchDomain('notevil.example', T)), []);
  assert.deepEqual(values(index.matchDomain('evil.example.com', T)), []);
  assert.deepEqual(values(index.matchDomain('example', T)), []);
  assert.deepEqual(values(index.matchDomain('', T)), []);
  assert.deepEqual(values(index.matchDomain('.', T)), []);
  assert.deepEqual(values(index.matchDomain(`${'a.'.repeat(600)}evil.example`, T)), []);
});

test('a listed public suffix (co.uk) matches only itself, never the companies under it', () => {
  const index = IndicatorIndex.build([ind('domain', 'co.uk'), ind('domain', 'github.io'), ind('domain', 'bad.co.uk')]);
  assert.deepEqual(values(index.matchDomain('co.uk', T)), ['co.uk/exact']);
  assert.deepEqual(values(index.matchDomain('www.acme.co.uk', T)), []);
  assert.deepEqual(values(index.matchDomain('x.bad.co.uk', T)), ['bad.co.uk/subdomain']);
  // github.io is a private-section suffix: registrable by its operator, still matched by suffix.
  assert.deepEqual(values(index.matchDomain('someone.github.io', T)), ['github.io/subdomain']);
});

test('the domain walk agrees with a naive label-by-label walk on random names', () => {
  let seed = 7;
  const rnd = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  const labels = ['a', 'b', 'evil', 'x1', 'mail', 'co', 'example', 'test'];
  const name = (k: number): string => Array.from({ length: k }, () => labels[rnd(labels.length)]!).join('.');
  const listed = new Set<string>();
  for (let i = 0; i < 300; i++) listed.add(`${name(1 + rnd(3))}.example`);
  const index = IndicatorIndex.build([...listed].map((v) => ind('domain', v)));
  for (let i = 0; i < 3000; i++) {
    const q = `${name(1 + rnd(5))}.example`;
    const expected: string[] = [];
    const parts = q.split('.');
    for (let j = 0; j < parts.length - 1; j++) {
      const d = parts.slice(j).join('.');
      if (listed.has(d)) expected.push(d);
    }
    assert.deepEqual(index.matchDomain(q, T).map((m) => m.indicator.value), expected, q);
  }
});

test('URL host check: user info, port, upper case and brackets read as quickUrlHost does', () => {
  const index = IndicatorIndex.build([ind('url', 'http://phish.example/login.php?a=1'), ind('url', 'http://[2001:db8::1]/x')]);
  assert.equal(index.matchUrl('http://phish.example/login.php?a=1', T).length, 1);
  assert.equal(index.matchUrl('HTTP://PHISH.example:80/login.php?a=1#frag', T).length, 1);
  assert.equal(index.matchUrl('http://[2001:db8::1]/x', T).length, 1);
  assert.equal(index.matchUrl('http://phish.example/other', T).length, 0);
  assert.equal(index.matchUrl('http://other.example/login.php?a=1', T).length, 0);
  assert.equal(index.matchUrl('not a url', T).length, 0);
});

test('span tables never match on a hash collision alone', () => {
  const t = new SpanTable(['ab', 'cd'], [1, 2]);
  const h = hashSpan('xxab', 2, 4);
  const e = t.firstWithHash(h);
  assert.notEqual(e, -1);
  assert.ok(t.equalsSpan(e, 'xxab', 2, 4));
  assert.ok(!t.equalsSpan(e, 'xxcd', 2, 4));
  assert.equal(t.firstWithHash(hashSpan('zz', 0, 2)), -1);
});

test('matchEvent reads each distinct value once, from nested arrays too, and costs nothing without observables', () => {
  const index = IndicatorIndex.build([ind('ipv4', '192.0.2.1'), ind('sha256', 'a'.repeat(64)), ind('domain', 'spam.example')]);
  const event = {
    '@timestamp': '2024-06-01T00:00:00Z',
    event: { kind: 'event', original: 'x' },
    source: { ip: '192.0.2.1' },
    related: { ip: ['192.0.2.1', '10.0.0.1'] },
    email: { from: { address: 'Bob@spam.example' }, attachments: [{ file: { hash: { sha256: 'A'.repeat(64) } } }] },
  } as unknown as EcsEvent;
  const hits = index.matchEvent(event);
  assert.deepEqual(
    hits.map((h) => `${h.field}=${h.indicator.value}`),
    ['source.ip=192.0.2.1', 'email.from.address=spam.example', 'email.attachments.file.hash.sha256=' + 'a'.repeat(64)],
  );
  assert.deepEqual(index.matchEvent({ '@timestamp': '2024-06-01T00:00:00Z', event: { kind: 'event', original: 'x' } }), []);
});

test('known-good values are suppressed on hits only, and the suppression is recorded', () => {
  const log = new SuppressionLog();
  let checks = 0;
  const knownGood: KnownGood = {
    check(_kind, value) {
      checks++;
      if (value !== '8.8.8.8' && value !== 'dns.google') return undefined;
      const hit = { list: 'public-dns', listType: 'cidr' as const, entry: value };
      log.record('observable', value, hit);
      return hit;
    },
  };
  const index = IndicatorIndex.build([ind('cidr', '8.0.0.0/8'), ind('domain', 'google')], { knownGood });
  assert.equal(index.matchIp('8.8.4.4', T).length, 1);
  assert.equal(index.matchIp('8.8.8.8', T).length, 0);
  assert.equal(index.matchIp('9.9.9.9', T).length, 0);
  assert.equal(checks, 2);
  assert.equal(log.observables, 1);
  assert.deepEqual(log.examples, [{ what: 'observable', value: '8.8.8.8', list: 'public-dns', entry: '8.8.8.8' }]);
});
