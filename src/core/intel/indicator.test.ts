import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectIndicatorType } from './detect-type.js';
import { type IndicatorType, indicatorSchema, normalizeIndicator } from './indicator.js';
import { mergeIndicator } from './merge.js';

const norm = (type: IndicatorType, raw: string): string => {
  const r = normalizeIndicator(type, raw);
  return r.ok ? `${r.value.type}:${r.value.value}` : `error:${r.error.code}`;
};

test('values become canonical for their type', () => {
  const cases: [IndicatorType, string, string][] = [
    ['ipv4', ' 192.0.2.1 ', 'ipv4:192.0.2.1'],
    ['ipv4', '198.51.100.0/24', 'cidr:198.51.100.0/24'],
    ['ipv6', '2001:DB8::0001', 'ipv6:2001:db8::1'],
    ['ipv6', '::ffff:192.0.2.7', 'ipv4:192.0.2.7'],
    ['cidr', '192.0.2.9/32', 'ipv4:192.0.2.9'],
    ['cidr', '2001:db8::/128', 'ipv6:2001:db8::'],
    ['cidr', '::ffff:10.0.0.0/104', 'cidr:10.0.0.0/8'],
    ['domain', 'WWW.Example.COM.', 'domain:www.example.com'],
    ['domain', 'münchen.de', 'domain:xn--mnchen-3ya.de'],
    ['domain', 'ＥＸＡＭＰＬＥ。com', 'domain:example.com'],
    ['url', 'HTTP://Example.COM:80/a/./b/../c?q=1#frag', 'url:http://example.com/a/c?q=1'],
    ['url', 'evil.example/path with space', 'url:http://evil.example/path%20with%20space'],
    ['url', 'https://bücher.example', 'url:https://xn--bcher-kva.example/'],
    ['email', 'mailto:Alice@Example.COM', 'email:alice@example.com'],
    ['md5', 'D41D8CD98F00B204E9800998ECF8427E', 'md5:d41d8cd98f00b204e9800998ecf8427e'],
    ['sha1', 'da39a3ee5e6b4b0d3255bfef95601890afd80709', 'sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709'],
  ];
  for (const [type, raw, want] of cases) assert.equal(norm(type, raw), want, raw);
});

test('invalid values are errors with a reason', () => {
  const cases: [IndicatorType, string][] = [
    ['ipv4', '999.1.1.1'],
    ['ipv4', '10.0.0.1/8'],
    ['cidr', '2001:db8::1/64'],
    ['domain', 'localhost'],
    ['domain', '1.2.3.4'],
    ['domain', 'a b.example'],
    ['domain', 'xn--zz.example'],
    ['domain', 'example.123'],
    ['url', 'http://'],
    ['url', 'mailto:x@example.com'],
    ['email', 'no-at.example'],
    ['email', 'a..b@example.com'],
    ['md5', 'd41d8cd98f00b204e9800998ecf8427'],
    ['sha256', 'z'.repeat(64)],
  ];
  for (const [type, raw] of cases) {
    const r = normalizeIndicator(type, raw);
    assert.equal(r.ok, false, raw);
    assert.equal(r.error.code, 'INTEL_INVALID_VALUE', raw);
  }
});

test('the type of a bare value is detected', () => {
  const cases: [string, IndicatorType | undefined][] = [
    ['1.2.3.4', 'ipv4'],
    ['10.0.0.0/8', 'cidr'],
    ['2001:db8::1', 'ipv6'],
    ['evil.example', 'domain'],
    ['evil.example/x.php', 'url'],
    ['https://evil.example', 'url'],
    ['a@evil.example', 'email'],
    ['d41d8cd98f00b204e9800998ecf8427e', 'md5'],
    ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'sha256'],
    ['just words', undefined],
  ];
  for (const [raw, want] of cases) assert.equal(detectIndicatorType(raw), want, raw);
});

test('the schema is strict and a re-import updates the stored indicator', () => {
  const base = { type: 'ipv4' as const, value: '192.0.2.1', source: 'feed', labels: ['a'], revoked: false, firstSeen: 1000, lastSeen: 2000, confidence: 50 };
  assert.ok(indicatorSchema.safeParse(base).success);
  assert.equal(indicatorSchema.safeParse({ ...base, extra: 1 }).success, false);
  const merged = mergeIndicator(base, { ...base, labels: ['b'], firstSeen: 1500, lastSeen: 3000, confidence: 90, revoked: true });
  assert.deepEqual(merged, { ...base, labels: ['a', 'b'], firstSeen: 1000, lastSeen: 3000, confidence: 90, revoked: true });
});
