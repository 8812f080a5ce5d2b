import { test } from 'node:test';
import assert from 'node:assert/strict';
import { digitsStartBefore, lastSpaceBefore, matchesAt, matchesEnd, MAX_FIELD_LENGTH, parseDecimal, skipSpaces, sliceClipped, trimEndIndex } from './scan.js';

test('matchesAt agrees with startsWith, short and long words, in and out of range', () => {
  const text = 'Failed password for root from 1.2.3.4 port 22 ssh2';
  const words = ['F', 'Failed', 'Failed ', 'Failed password', 'for', 'for root from', 'ssh2', 'ssh2 ', 'x', 'Failed passwork'];
  for (const word of words) {
    for (let at = -2; at <= text.length + 1; at++) assert.equal(matchesAt(text, at, word), at >= 0 && text.startsWith(word, at), `${word} at ${at}`);
  }
  assert.equal(matchesEnd(text, ' ssh2'), true);
  assert.equal(matchesEnd(text, 'port 22 ssh2'), true);
  assert.equal(matchesEnd(text, 'ssh3'), false);
  assert.equal(matchesEnd('a', 'longer than the text'), false);
});

test('parseDecimal reads digits only, up to a maximum', () => {
  assert.equal(parseDecimal('port 65535', 5, 10, 65535), 65535);
  assert.equal(parseDecimal('port 65536', 5, 10, 65535), -1);
  assert.equal(parseDecimal('x12y', 1, 3, 100), 12);
  assert.equal(parseDecimal('x12y', 1, 4, 100), -1);
  assert.equal(parseDecimal('', 0, 0, 100), -1);
  assert.equal(parseDecimal('-1', 0, 2, 100), -1);
});

test('range helpers', () => {
  assert.equal(digitsStartBefore('port 4242', 9, 0, 5), 5);
  assert.equal(digitsStartBefore('123456', 6, 0, 5), 1);
  assert.equal(digitsStartBefore('123', 3, 2, 5), 2);
  assert.equal(trimEndIndex('abc \r\n\t', 0, 7), 3);
  assert.equal(trimEndIndex('   ', 0, 3), 0);
  assert.equal(skipSpaces('   x', 0, 4), 3);
  assert.equal(sliceClipped('x'.repeat(5000), 10, 4000).length, MAX_FIELD_LENGTH);
  assert.equal(sliceClipped('abcdef', 1, 3), 'bc');
});

test('lastSpaceBefore finds the token start within a window', () => {
  const text = 'from 10.0.0.1';
  assert.equal(lastSpaceBefore(text, text.length, 0, 46), 4);
  assert.equal(lastSpaceBefore('10.0.0.1', 8, 0, 46), -1); // the token starts at the floor
  assert.equal(lastSpaceBefore('a 10.0.0.1', 10, 5, 46), 4); // floor - 1: no space at or after the floor
  assert.equal(lastSpaceBefore(`a ${'x'.repeat(100)}`, 102, 0, 46), -2); // longer than the window
});
