import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JsonValueSplitter } from './json-values.js';

const split = (text: string, max = 1_000_000) => {
  const s = new JsonValueSplitter(max);
  const out = text.split('\n').flatMap((line, i) => s.push(line, i + 1));
  return { values: out.map((v) => [v.line, JSON.parse(v.text) as unknown]), splitter: s };
};

test('splits concatenated pretty-printed objects, as evtx_dump writes them', () => {
  const { values } = split('{\n  "a": 1,\n  "b": "}{"\n}\n{\n  "c": [1, {"d": "\\"}"}]\n}\n');
  assert.deepEqual(values, [
    [1, { a: 1, b: '}{' }],
    [5, { c: [1, { d: '"}' }] }],
  ]);
});

test('returns the elements of a JSON array one by one', () => {
  const { values } = split('[\n {"a": 1},\n {"b": [2, 3]}\n]\n');
  assert.deepEqual(values, [
    [2, { a: 1 }],
    [3, { b: [2, 3] }],
  ]);
});

test('several objects on one line and one object over many lines', () => {
  assert.deepEqual(split('{"a":1}{"b":2}').values, [
    [1, { a: 1 }],
    [1, { b: 2 }],
  ]);
});

test('oversized values are dropped and counted, stray text is counted, truncation is visible', () => {
  const { values, splitter } = split(`{"big": "${'x'.repeat(100)}"}\n{"ok": 1}\nnonsense\n{"open": `, 50);
  assert.deepEqual(values, [[2, { ok: 1 }]]);
  assert.equal(splitter.tooLarge, 1);
  assert.ok(splitter.stray > 0);
  assert.equal(splitter.unfinished, true);
});
