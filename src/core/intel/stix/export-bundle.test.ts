import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Indicator } from '../indicator.js';
import { readStixBundle } from './bundle-reader.js';
import { buildStixExport, stixPatternOf } from './export-bundle.js';
import { stixBundleIndicators } from './to-indicators.js';

const T = Date.UTC(2026, 10, 1);
const ind = (type: Indicator['type'], value: string, extra: Partial<Indicator> = {}): Indicator => ({ type, value, source: 'feed-a', labels: [], revoked: false, ...extra });

test('exported indicators read back as the same indicators, with sightings of what matched', () => {
  const indicators = [
    ind('ipv4', '198.51.100.7', { confidence: 80, tlp: 'amber', labels: ['c2'], firstSeen: T, lastSeen: T + 1000 }),
    ind('cidr', '2001:db8::/32'),
    ind('domain', 'evil.example', { validFrom: T, validUntil: T + 86_400_000 }),
    ind('url', "http://evil.example/a'b"),
    ind('email', 'bad@spam.example', { tlp: 'amber+strict' }),
    ind('sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'),
    ind('md5', 'd41d8cd98f00b204e9800998ecf8427e', { revoked: true }),
  ];
  const sightings = [
    { type: 'ipv4' as const, value: '198.51.100.7', source: 'feed-a', count: 12, firstSeen: T + 5000, lastSeen: T + 9000 },
    { type: 'ipv4' as const, value: '192.0.2.99', source: 'elsewhere', count: 1, firstSeen: T, lastSeen: T },
  ];
  const out = buildStixExport(indicators, sightings, { now: T + 10_000, producer: 'Vigil test' });
  assert.equal(out.sightings, 1);
  assert.equal(out.sightingsWithoutIndicator, 1);
  const read = readStixBundle(JSON.parse(JSON.stringify(out.bundle)));
  assert.ok(read.ok);
  assert.deepEqual(read.value.errors, []);
  const back = stixBundleIndicators(read.value, { defaultSource: 'x' });
  assert.deepEqual(back.notTaken, []);
  assert.deepEqual(back.indicators.map((i) => `${i.type} ${i.value} ${String(i.revoked)} ${i.tlp ?? '-'} ${i.confidence ?? '-'}`), indicators.map((i) => `${i.type} ${i.value} ${String(i.revoked)} ${i.tlp ?? '-'} ${i.confidence ?? '-'}`));
  assert.equal(back.indicators[2]?.validUntil, T + 86_400_000);
  const [s] = read.value.sightings;
  assert.equal(s?.count, 12);
  assert.equal(s.sightingOfRef, read.value.indicators[0]?.id);
  // Deterministic ids: a second export names the same objects.
  const again = buildStixExport(indicators, sightings, { now: T + 99_000, producer: 'Vigil test' });
  assert.deepEqual((again.bundle.objects as { id: string }[]).map((o) => o.id), (out.bundle.objects as { id: string }[]).map((o) => o.id));
});

test('patterns escape quotes and backslashes', () => {
  assert.equal(stixPatternOf({ type: 'url', value: "http://x.example/'\\" }), "[url:value = 'http://x.example/\\'\\\\']");
  assert.equal(stixPatternOf({ type: 'sha1', value: 'a'.repeat(40) }), `[file:hashes.'SHA-1' = '${'a'.repeat(40)}']`);
});
