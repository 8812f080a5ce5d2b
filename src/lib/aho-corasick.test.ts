import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LiteralScanner } from './aho-corasick.js';
import { createRandom } from './random.js';

test('finds every literal in one pass, overlapping ones included', () => {
  const ac = new LiteralScanner(['he', 'she', 'his', 'hers', 'x', '']);
  assert.deepEqual(ac.allMatches('ushers').sort(), [0, 1, 3]);
  const seen: number[] = [];
  ac.scan('hishe', (id) => seen.push(id));
  assert.deepEqual(seen, [2, 1, 0]);
});

test('firstMatch returns the literal that ends first, or -1', () => {
  const ac = new LiteralScanner(['he', 'she', 'his', 'hers', 'x']);
  assert.equal(ac.firstMatch('ahis'), 2);
  assert.equal(ac.firstMatch('ushers'), 1);
  assert.equal(ac.firstMatch('nothing'), -1);
  assert.equal(new LiteralScanner([]).firstMatch('abc'), -1);
});

test('firstMatchLowerCased equals firstMatch of the lower-cased text, non-ASCII texts included', () => {
  const ac = new LiteralScanner(['sekurlsa::', 'k', '\\mimilib.dll', 'σx', 'i̇']);
  const texts = ['SEKURLSA::logonpasswords', 'C:\\Temp\\MimiLib.DLL', 'ΑΣ', 'ΑΣX', 'K', '\u212a', 'İ', 'plain', '', 'ΣX'];
  for (const text of texts) {
    assert.equal(ac.firstMatchLowerCased(text), ac.firstMatch(text.toLowerCase()), text);
    const folded = new Set<number>();
    ac.scanLowerCased(text, (id) => folded.add(id));
    assert.deepEqual(folded, new Set(ac.allMatches(text.toLowerCase())), text);
  }
  assert.equal(ac.firstMatchLowerCased('C:\\MIMILIB.DLL'), 2);
  assert.equal(ac.firstMatchLowerCased('\u212a'), 1, 'the Kelvin sign lower-cases to k');
});

test('agrees with includes() when the trie is larger than its transition table', () => {
  const random = createRandom(3);
  const rnd = (n: number): number => random.nextInt(n);
  const word = (len: number): string => Array.from({ length: len }, () => 'abcdefghiJ'[rnd(10)]).join('');
  const literals = Array.from({ length: 3000 }, () => word(2 + rnd(14)).toLowerCase());
  const ac = new LiteralScanner(literals);
  for (let round = 0; round < 300; round++) {
    const text = word(rnd(200));
    const lower = text.toLowerCase();
    const expected = new Set(literals.filter((l) => lower.includes(l)));
    assert.deepEqual(new Set(ac.allMatches(lower).map((id) => literals[id])), expected, text);
    const folded = new Set<string>();
    ac.scanLowerCased(text, (id) => folded.add(literals[id]!));
    assert.deepEqual(folded, expected, `scanLowerCased ${text}`);
    const first = ac.firstMatchLowerCased(text);
    assert.equal(first, ac.firstMatch(lower));
    assert.equal(first >= 0, expected.size > 0);
  }
});
