import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sharedDataPath } from '../../../lib/shared-data.js';
import { DEFANG_RULES, FANG_RULES } from './fang-rules.js';
import { defang, fang, fangWithMap } from './fang.js';

const read = (name: string): string => readFileSync(sharedDataPath('ioc-fanger', name), 'utf8');

test('the embedded rules are exactly ioc-fanger fang.json and defang.json', () => {
  const fangJson = JSON.parse(read('fang.json')) as { find: string; replace: string; regex?: boolean; case_sensitive?: boolean }[];
  assert.deepEqual(
    FANG_RULES.map((r) => ({ find: r.find, replace: r.replace, regex: r.kind !== 'literal', caseSensitive: r.caseSensitive })),
    fangJson.map((r) => ({ find: r.find, replace: r.replace, regex: r.regex === true, caseSensitive: r.case_sensitive === true })),
  );
  const defangJson = JSON.parse(read('defang.json')) as { find: string; replace: string }[];
  assert.deepEqual(DEFANG_RULES.map((r) => ({ find: r.find, replace: r.replace })), defangJson.map((r) => ({ find: r.find, replace: r.replace })));
  // Literal rules hold no letters, so their case-insensitive matching in ioc-fanger is plain matching.
  for (const r of FANG_RULES) if (r.kind === 'literal') assert.doesNotMatch(r.find, /[a-z]/i);
});

test('refanging the ioc-fanger defanged sample reproduces the fanged sample line for line', () => {
  const defanged = read('sample_text_defanged.txt').split('\n');
  const fanged = read('sample_text_fanged.txt').split('\n');
  assert.equal(defanged.length, fanged.length);
  for (let i = 0; i < defanged.length; i++) assert.equal(fang(defanged[i]!), fanged[i], `line ${i + 1}`);
  // And the whole text at once.
  assert.equal(fang(read('sample_text_defanged.txt')), read('sample_text_fanged.txt'));
});

test('defanging the fanged sample reproduces the defanged sample', () => {
  const fanged = read('sample_text_fanged.txt').split('\n');
  const defanged = read('sample_text_defanged.txt').split('\n');
  for (let i = 0; i < fanged.length; i++) assert.equal(defang(fanged[i]!), defanged[i], `line ${i + 1}`);
});

test('every common defang form is refanged', () => {
  const cases: [string, string][] = [
    ['hxxp://evil.example/a', 'http://evil.example/a'],
    ['hXXps://evil.example/a', 'https://evil.example/a'],
    ['hxxps[:]//evil[.]example', 'https://evil.example'],
    ['evil[.]example', 'evil.example'],
    ['evil(.)example', 'evil.example'],
    ['evil{.}example', 'evil.example'],
    ['evil[dot]example', 'evil.example'],
    ['evil(dot)example', 'evil.example'],
    ['evil DOT example', 'evil.example'],
    ['evil\\.example', 'evil.example'],
    ['evil<.>example', 'evil.example'],
    ['bob[at]evil.example', 'bob@evil.example'],
    ['bob(at)evil.example', 'bob@evil.example'],
    ['bob [at] evil.example', 'bob@evil.example'],
    ['bob[@]evil.example', 'bob@evil.example'],
    ['bob AT evil.example', 'bob@evil.example'],
    ['http[:]//evil.example', 'http://evil.example'],
    ['http[://]evil.example', 'http://evil.example'],
    ['1,2,3,4', '1.2.3.4'],
    ['192[.]168[.]1[.]1', '192.168.1.1'],
    ['xxxx://evil.example', 'http://evil.example'],
    ['xxxxx://evil.example', 'https://evil.example'],
  ];
  for (const [input, want] of cases) assert.equal(fang(input), want, input);
});

test('positions in refanged text map back to the defanged input', () => {
  const input = 'see hxxp://evil[.]example/x and bob[at]mail[.]example';
  const m = fangWithMap(input);
  assert.equal(m.text, 'see http://evil.example/x and bob@mail.example');
  const s = m.text.indexOf('http://');
  const e = s + 'http://evil.example/x'.length;
  assert.equal(input.slice(m.start[s], m.end[e - 1]), 'hxxp://evil[.]example/x');
  const es = m.text.indexOf('bob@');
  assert.equal(input.slice(m.start[es], m.end[m.text.length - 1]), 'bob[at]mail[.]example');
});

test('refanging a long run of spaces and brackets stays linear', () => {
  const hostile = `${' '.repeat(200_000)}[${' '.repeat(200_000)}x`;
  const t0 = performance.now();
  fang(hostile);
  assert.ok(performance.now() - t0 < 5000);
});
