import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LiteralScanner } from './aho-corasick.js';

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
