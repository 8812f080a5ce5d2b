import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sharedDataPath } from '../../lib/shared-data.js';
import { WarninglistIndex } from './warninglists.js';

const dir = sharedDataPath('misp-warninglists', 'lists');
const docs = readdirSync(dir)
  .sort()
  .map((name) => JSON.parse(readFileSync(join(dir, name, 'list.json'), 'utf8')) as unknown);
const { index, errors } = WarninglistIndex.load(docs);

test('all MISP warninglists load, of all five types', () => {
  assert.equal(index.lists.length, docs.length);
  assert.deepEqual([...new Set(index.lists.map((l) => l.type))].sort(), ['cidr', 'hostname', 'regex', 'string', 'substring']);
  // Phone-number regexes use the `g` modifier, which PHP refuses and RE2 ignores; nothing else is refused.
  assert.deepEqual(errors, []);
});

test('each list type matches as MISP does', () => {
  const hit = (type: Parameters<WarninglistIndex['isKnownGood']>[0], value: string) => index.matches(type, value);
  // string, case-insensitive (the tlds list is upper case)
  assert.ok(hit('domain', 'com').some((h) => h.listType === 'string' && h.entry === 'COM'));
  assert.ok(hit('md5', 'D41D8CD98F00B204E9800998ECF8427E').some((h) => h.listType === 'string'));
  // hostname: the name and its subdomains, and the host of a URL
  assert.ok(hit('url', 'https://mail.google.com/mail/u/0').some((h) => h.listType === 'hostname' && h.entry === 'google.com'));
  assert.ok(hit('domain', 'deep.sub.google.com').some((h) => h.listType === 'hostname'));
  // cidr: addresses and blocks inside listed blocks
  assert.ok(hit('ipv4', '10.1.2.3').some((h) => h.listType === 'cidr' && h.entry === '10.0.0.0/8'));
  assert.ok(hit('cidr', '192.168.7.0/24').some((h) => h.listType === 'cidr' && h.entry === '192.168.0.0/16'));
  assert.ok(hit('ipv6', 'fe80::1').some((h) => h.listType === 'cidr'));
  // substring: disposable e-mail domains anywhere in the address
  assert.ok(hit('email', 'someone@0-mail.com').some((h) => h.listType === 'substring' && h.list === 'List of disposable email domains'));
  // regex: common contact addresses
  assert.ok(hit('email', 'abuse@bad-site.com').some((h) => h.listType === 'regex'));
  assert.ok(!hit('email', 'ceo@bad-site.com').some((h) => h.listType === 'regex'));
  // Lists apply only to their matching attributes: a hash list never matches a domain.
  assert.equal(hit('domain', 'd41d8cd98f00b204e9800998ecf8427e').length, 0);
  assert.equal(index.isKnownGood('sha256', 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f'), undefined);
  assert.equal(index.isKnownGood('ipv4', '41.203.64.1'), undefined);
});

test('invalid lists and entries are reported, the rest loads', () => {
  const r = WarninglistIndex.load([
    { name: 'x', description: 'd', version: 1, type: 'cidr', list: ['10.0.0.0/8', 'not-an-ip', '10.1.2.3/8'] },
    { name: 'y', description: 'd', version: 1, type: 'regex', list: ['/(a)\\1/', '/ok/i'] },
    { name: 'z', description: 'd', version: 1, type: 'bogus', list: [] },
    { name: 'w', description: 'd', version: 1, type: 'string', list: [], extra: true },
  ]);
  assert.deepEqual(r.errors.map((e) => e.code), ['INTEL_INVALID_VALUE', 'INTEL_INVALID_VALUE', 'INTEL_UNSAFE_REGEX', 'INTEL_BAD_OBJECT', 'INTEL_BAD_OBJECT']);
  assert.ok(r.index.isKnownGood('ipv4', '10.9.9.9'));
  assert.ok(r.index.isKnownGood('url', 'http://OK.example'));
});

