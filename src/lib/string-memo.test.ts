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

  it('clears every memo of the budget at once when a key would exceed it', () => {
    const budget = new MemoBudget(10);
    const a = new StringMemo<boolean>(1, 100, budget);
    const b = new StringMemo<boolean>(1, 100, budget);
    a.set('12345', true);
    b.set('abcd', false);
    assert.equal(a.get('12345'), true);
    assert.equal(b.get('abcd'), false);
    a.set('xyz', true); // 5 + 4 + 3 > 10: both memos forget, and the new key is not kept
    assert.equal(a.size + b.size, 0);
    assert.equal(a.get('xyz'), undefined);
    b.set('new', true);
    assert.equal(b.get('new'), true);
  });

  it('never holds more key characters than its budget under a stream of distinct keys', () => {
    const budget = new MemoBudget(1000);
    const memos = [new StringMemo<number>(1, 100, budget), new StringMemo<number>(1, 100, budget)];
    const key = (i: number): string => `k${String(i).padStart(6, '0')}`; // 7 characters each
    let most = 0;
    for (let i = 0; i < 10_000; i++) {
      memos[i % 2]!.set(key(i), i);
      most = Math.max(most, memos[0]!.size + memos[1]!.size);
    }
    assert.equal(most, Math.floor(1000 / 7));
    assert.equal(memos[1]!.get(key(9999)), 9999);
  });
});
