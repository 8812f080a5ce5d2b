import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WarninglistIndex } from './warninglists.js';

test('a hostname warninglist entry that is a public suffix (co.uk) covers only itself', () => {
  const { index, errors } = WarninglistIndex.load([{ name: 'h', description: 'd', version: 1, type: 'hostname', list: ['co.uk', 'example.co.uk', 'github.io'] }]);
  assert.deepEqual(errors, []);
  assert.equal(index.isKnownGood('domain', 'co.uk')?.entry, 'co.uk');
  assert.equal(index.isKnownGood('domain', 'attacker.co.uk'), undefined);
  assert.equal(index.isKnownGood('url', 'http://evil.co.uk/x'), undefined);
  assert.equal(index.isKnownGood('domain', 'www.example.co.uk')?.entry, 'example.co.uk');
  // Private-section suffixes stay matchable by suffix (their operator registered them).
  assert.equal(index.isKnownGood('domain', 'pages.github.io')?.entry, 'github.io');
});
