import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SmallStringSet } from './small-string-set.js';

test('behaves as a set of strings whatever its size', () => {
  const s = new SmallStringSet();
  assert.equal(s.size, 0);
  assert.deepEqual([...s], []);
  s.add('a');
  s.add('a');
  assert.equal(s.size, 1);
  assert.deepEqual([...s], ['a']);
  s.add('b');
  s.add('a');
  s.add('c');
  assert.equal(s.size, 3);
  assert.deepEqual([...s].sort(), ['a', 'b', 'c']);
});
