import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseJsonDocument } from '../json-depth.js';
import { readStixBundle } from './bundle-reader.js';
import { parsePattern } from './pattern-parser.js';

test('a bundle nested 10,000 levels deep is refused cleanly, before any reading', () => {
  const deep = `{"type":"bundle","id":"bundle--1","objects":[{"type":"indicator","id":"indicator--1","pattern":"[ipv4-addr:value = '1.2.3.4']","x":${'['.repeat(10_000)}${']'.repeat(10_000)}}]}`;
  const parsed = JSON.parse(deep) as unknown;
  const read = readStixBundle(parsed);
  assert.equal(read.ok, false);
  assert.equal(read.error.code, 'INTEL_TOO_DEEP');
  assert.match(read.error.message, /deeper than 64 levels/);
  const text = parseJsonDocument(deep);
  assert.equal(text.ok, false);
  assert.equal(text.error.code, 'INTEL_TOO_DEEP');
});

test('a bundle that is not JSON is a format error', () => {
  const r = parseJsonDocument('{"type": "bundle", ');
  assert.equal(r.ok, false);
  assert.equal(r.error.code, 'INTEL_BAD_FORMAT');
});

test('catastrophic regexes in MATCHES: refused when RE2 refuses them, linear when it accepts them', () => {
  const backref = parsePattern("[file:name MATCHES '^(a+)\\\\1$']");
  assert.equal(backref.ok, false);
  assert.equal(backref.error.code, 'INTEL_UNSAFE_REGEX');
  assert.match(backref.error.message, /RE2/);
  const lookahead = parsePattern("[file:name MATCHES '(?=a)b']");
  assert.equal(lookahead.ok, false);
  // (a+)+$ backtracks exponentially in JavaScript; RE2 runs it in linear time, so it is accepted.
  const nested = parsePattern("[file:name MATCHES '(a+)+$']");
  assert.ok(nested.ok);
  const huge = parsePattern(`[file:name MATCHES '${'(a|'.repeat(3000)}${')'.repeat(3000)}']`);
  assert.equal(huge.ok, false);
});

test('patterns nested deeper than the limit fail with a message instead of recursing', () => {
  const deep = `${'('.repeat(10_000)}[ipv4-addr:value = '1.2.3.4']${')'.repeat(10_000)}`;
  const r = parsePattern(deep);
  assert.equal(r.ok, false);
  assert.equal(r.error.code, 'INTEL_TOO_DEEP');
  const deepCmp = `[${'('.repeat(5000)}ipv4-addr:value = '1.2.3.4'${')'.repeat(5000)}]`;
  const r2 = parsePattern(deepCmp);
  assert.equal(r2.ok, false);
  assert.equal(r2.error.code, 'INTEL_TOO_DEEP');
});

test('indicators with broken patterns are per-object errors; the rest of the bundle is read', () => {
  const read = readStixBundle({
    type: 'bundle',
    id: 'bundle--2',
    objects: [
      { type: 'indicator', id: 'indicator--a', created: '2024-01-01T00:00:00Z', modified: '2024-01-01T00:00:00Z', pattern: "[ipv4-addr:value = '1.2.3.4'", valid_from: '2024-01-01T00:00:00Z' },
      { type: 'indicator', id: 'indicator--b', created: '2024-01-01T00:00:00Z', modified: 'yesterday', pattern: "[ipv4-addr:value = '1.2.3.4']" },
      { type: 'indicator', id: 'indicator--c', created: '2024-01-01T00:00:00Z', modified: '2024-01-01T00:00:00Z', valid_from: '2024-01-01T00:00:00Z' },
      'not an object',
      { type: 'indicator', id: 'indicator--d', created: '2024-01-01T00:00:00Z', modified: '2024-01-01T00:00:00Z', pattern: "[domain-name:value = 'ok.example']", valid_from: '2024-01-01T00:00:00Z' },
    ],
  });
  assert.ok(read.ok);
  assert.deepEqual(read.value.errors.map((e) => [e.code, e.location?.index]), [
    ['INTEL_BAD_OBJECT', 1],
    ['INTEL_BAD_OBJECT', 3],
    ['INTEL_BAD_PATTERN', 0],
    ['INTEL_BAD_OBJECT', 2],
  ]);
  assert.ok(read.value.indicators.some((r) => r.id === 'indicator--d' && r.pattern.kind === 'stix'));
});
