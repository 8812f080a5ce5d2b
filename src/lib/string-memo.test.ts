import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoBudget, StringMemo } from './string-memo.js';

describe('StringMemo', () => {
  it('remembers results for keys within its length range only', () => {
    const memo = new StringMemo<number>(4, 8, new MemoBudget(1000));
    memo.set('abc', 1);
    memo.set('abcd', 2);
    memo.set('abcdefghi', 3);
    assert.equal(memo.get('abc'), undefined);
    assert.equal(memo.get('abcd'), 2);
    assert.equal(memo.get('abcdefghi'), undefined);
    assert.equal(memo.size, 1);
  });

  it('forgets everything, in every memo of the budget, once the keys would exceed it', () => {
    const budget = new MemoBudget(10);
    const a = new StringMemo<boolean>(1, 100, budget);
    const b = new StringMemo<boolean>(1, 100, budget);
    a.set('12345', true);
    b.set('abcd', false);
    assert.equal(a.get('12345'), true);
    assert.equal(b.get('abcd'), false);
    a.set('xyz', true); // 5 + 4 + 3 > 10: a new generation begins, nothing is kept
    assert.equal(a.get('12345'), undefined);
    assert.equal(b.get('abcd'), undefined);
    assert.equal(b.size, 0);
    b.set('new', true);
    assert.equal(b.get('new'), true);
  });

  it('stays within its budget under a stream of distinct keys', () => {
    const budget = new MemoBudget(1000);
    const memo = new StringMemo<number>(1, 100, budget);
    for (let i = 0; i < 10_000; i++) memo.set(`key-${i}`, i);
    assert.ok(memo.size * 'key-9999'.length <= 1000 + 'key-9999'.length, `${memo.size} entries`);
    assert.equal(memo.get('key-9999'), 9999);
  });
});
