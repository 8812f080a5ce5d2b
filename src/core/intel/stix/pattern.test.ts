import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePattern } from './pattern-parser.js';
import { type PatternValues, patternValues } from './pattern-values.js';

function values(src: string): PatternValues {
  const p = parsePattern(src);
  assert.ok(p.ok, p.ok ? '' : `${p.error.message} at ${p.error.offset}`);
  return patternValues(p.value.root);
}

const flat = (v: PatternValues): string[] => v.values.map((x) => `${x.type}:${x.value}`);

test('equality over every supported observable type', () => {
  const v = values(
    "[ipv4-addr:value = '198.51.100.1'] OR [ipv6-addr:value = '2001:DB8:0:0:0:0:0:1'] OR [domain-name:value = 'Example.COM'] OR [url:value = 'HTTP://Example.com:80/a/../b'] OR [email-addr:value = 'Bob@Example.com'] OR [file:hashes.MD5 = 'D41D8CD98F00B204E9800998ECF8427E' OR file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709' OR file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' OR file:hashes.'SHA-512' = 'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e']",
  );
  assert.equal(v.anyOf, true);
  assert.deepEqual(flat(v), [
    'ipv4:198.51.100.1',
    'ipv6:2001:db8::1',
    'domain:example.com',
    'url:http://example.com/b',
    'email:bob@example.com',
    'md5:d41d8cd98f00b204e9800998ecf8427e',
    'sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709',
    'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    'sha512:cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e',
  ]);
  assert.deepEqual(v.features, []);
});

test('IN sets, ISSUBSET blocks and references through network-traffic and email-message', () => {
  const v = values("[ipv4-addr:value IN ('10.0.0.1', '10.0.0.2')] OR [ipv4-addr:value ISSUBSET '198.51.100.0/24'] OR [network-traffic:dst_ref.value = 'evil.example'] OR [email-message:from_ref.value = 'x@evil.example']");
  assert.deepEqual(flat(v), ['ipv4:10.0.0.1', 'ipv4:10.0.0.2', 'cidr:198.51.100.0/24', 'domain:evil.example', 'email:x@evil.example']);
  assert.equal(v.anyOf, true);
  assert.deepEqual(v.features, ['ISSUBSET']);
});

test('AND, FOLLOWEDBY, qualifiers and other operators are marked and listed in text order', () => {
  const andObjects = values("[ipv4-addr:value = '1.2.3.4'] AND [domain-name:value = 'a.example']");
  assert.equal(andObjects.anyOf, false);
  assert.deepEqual(flat(andObjects), ['ipv4:1.2.3.4', 'domain:a.example']);
  const inside = values("[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e' AND file:name = 'x.exe']");
  assert.equal(inside.anyOf, false);
  assert.deepEqual(inside.unsupportedPaths, ['file:name']);
  const q = values("([ipv4-addr:value = '1.2.3.4'] REPEATS 5 TIMES) WITHIN 300 SECONDS FOLLOWEDBY [url:value LIKE 'http://%'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00.123Z'");
  assert.equal(q.anyOf, false);
  assert.deepEqual(q.features, ['REPEATS', 'WITHIN', 'FOLLOWEDBY', 'LIKE', 'START']);
  const ops = values("[file:size > 1024 AND file:name != 'a' AND NOT EXISTS file:x AND ipv4-addr:value ISSUPERSET '10.0.0.0/8' AND file:name NOT MATCHES '^a' AND file:created <= t'2020-01-01T00:00:00Z']");
  assert.deepEqual(ops.features, ['>', '!=', 'NOT', 'EXISTS', 'ISSUPERSET', 'MATCHES', '<=']);
});

test('literals: escapes, numbers, booleans, hex, binary, timestamps, comments, == and <>', () => {
  const p = parsePattern("/* c */ [file:name = 'it\\'s a \\\\ path' AND file:size == +10 AND file:x <> -2.5 AND file:y = true AND file:z = h'0a1B' AND file:w = b'AAAA' AND file:list[0].a = 1 AND file:list[*].b = 0] // end");
  assert.ok(p.ok);
  const root = p.value.root;
  assert.equal(root.kind, 'observation');
  assert.equal(root.comparison.kind, 'cmp-and');
  const first = root.comparison.operands[0];
  assert.ok(first !== undefined && first.kind === 'test');
  assert.deepEqual(first.value, { kind: 'string', value: "it's a \\ path" });
  assert.equal(root.comparison.operands.length, 8);
});

test('syntax errors are located', () => {
  const cases: [string, RegExp][] = [
    ["[ipv4-addr:value = '1.2.3.4'", /expected "\]"/],
    ["ipv4-addr:value = '1.2.3.4'", /expected "\[" or "\("/],
    ["[ipv4-addr:value = 'a\\x']", /invalid escape/],
    ["[ipv4-addr:value = '1.2.3.4'] WITHIN 5", /expected SECONDS/],
    ["[ipv4-addr:value LIKE 5]", /needs a string literal/],
    ["[ipv4-addr:value IN '1.2.3.4']", /"\(" to open a set/],
    ["[ipv4-addr:value = t'2020-13-01T00:00:00Z']", /not a STIX timestamp/],
    ["[ipv4-addr:value = '1.2.3.4'] AND", /expected "\[" or "\("/],
    ["[ipv4-addr:value > true]", /orderable/],
    ["[ipv4-addr:value = 007]", /leading zeros/],
    ["[ipv4-addr:value = '1'] # x", /unexpected character "#"/],
  ];
  for (const [src, re] of cases) {
    const r = parsePattern(src);
    assert.equal(r.ok, false, src);
    assert.match(r.error.message, re, src);
    assert.ok(r.error.offset >= 0 && r.error.offset <= src.length, src);
  }
});

test('invalid values on supported paths are reported, not taken', () => {
  const v = values("[ipv4-addr:value = '999.1.1.1'] OR [ipv4-addr:value = '10.0.0.1/8'] OR [domain-name:value = 'ok.example']");
  assert.deepEqual(flat(v), ['domain:ok.example']);
  assert.equal(v.invalidValues.length, 2);
  assert.match(v.invalidValues[1]?.reason ?? '', /host bits/);
  assert.equal(v.anyOf, false);
});
