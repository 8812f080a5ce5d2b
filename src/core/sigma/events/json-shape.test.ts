import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkJsonShape, textWithinShape } from './json-shape.js';

test('depth counts the record as level 1 and stops at the first level past the limit', () => {
  assert.equal(checkJsonShape({ a: 1 }, 1, 100), undefined);
  assert.equal(checkJsonShape({ a: { b: 1 } }, 1, 100), 'too_deep');
  assert.equal(checkJsonShape({ a: [[1]] }, 3, 100), undefined);
  assert.equal(checkJsonShape({ a: [[1]] }, 2, 100), 'too_deep');
  assert.equal(checkJsonShape('text', 1, 1), undefined);
});

test('a million nested arrays are refused without recursion', () => {
  const depth = 1_000_000;
  const value: unknown = JSON.parse('['.repeat(depth) + ']'.repeat(depth));
  assert.equal(checkJsonShape(value, 64, 100_000), 'too_deep');
});

test('the value count bounds wide records', () => {
  assert.equal(checkJsonShape({ list: Array.from({ length: 1000 }, (_, i) => i) }, 64, 500), 'too_many_values');
  assert.equal(checkJsonShape({ list: Array.from({ length: 1000 }, (_, i) => i) }, 64, 2000), undefined);
});

test('the text pre-check only clears text that cannot pass the limits', () => {
  assert.equal(textWithinShape('{"a": [1, {"b": 2}]}', 3, 100), true);
  assert.equal(textWithinShape('{"a": [1, {"b": 2}]}', 2, 100), false, 'three openers, limit two: walk the value');
  assert.equal(textWithinShape('{"a": "{{{{"}', 2, 100), false, 'brackets in strings make it conservative');
  assert.equal(textWithinShape('{"a": 1}', 64, 5), false, 'longer than the value limit: walk the value');
  // Whenever the pre-check clears a text, the walk agrees.
  for (const text of ['{}', '[[[]]]', '{"x": [[1], [2, [3]]]}', '{"k": {"k": {"k": {}}}}']) {
    for (let depth = 1; depth <= 5; depth++) {
      if (textWithinShape(text, depth, 1000)) assert.equal(checkJsonShape(JSON.parse(text), depth, 1000), undefined, `${text} at ${depth}`);
    }
  }
});
