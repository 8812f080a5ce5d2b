import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SuppressionLog, WarninglistIndex, knownGoodFromWarninglists } from '../../core/intel/index.js';
import { sampleIndicator } from './indicator-store.conformance.js';
import { openSqliteIndicatorStore } from './sqlite-indicator-store.js';
import { createStoreLookup } from './store-lookup.js';

const T0 = Date.UTC(2026, 10, 1);

test('lookupIndicator answers from the store: exact, CIDR, parent domain, validity at lookup time, known good never', async () => {
  const store = openSqliteIndicatorStore(':memory:');
  await store.putIndicators([
    sampleIndicator('198.51.100.0/24', { type: 'cidr' }),
    sampleIndicator('8.8.0.0/16', { type: 'cidr' }),
    sampleIndicator('evil.example', { type: 'domain', validUntil: T0 + 1000 }),
    sampleIndicator('d41d8cd98f00b204e9800998ecf8427e', { type: 'md5' }),
    sampleIndicator('192.0.2.9', { revoked: true }),
  ]);
  const lists = WarninglistIndex.load([{ name: 'dns', description: 'd', version: 1, type: 'cidr', list: ['8.8.8.8/32'] }]).index;
  const log = new SuppressionLog();
  const lookup = await createStoreLookup(store, T0, { knownGood: knownGoodFromWarninglists(lists, log) });
  assert.equal(lookup.size, 4);
  assert.deepEqual(lookup.lookupIndicator('ipv4', '198.51.100.7', T0).map((m) => m.match), ['cidr']);
  assert.deepEqual(lookup.lookupIndicator('ip', '8.8.4.4', T0).length, 1);
  assert.deepEqual(lookup.lookupIndicator('ip', '8.8.8.8', T0), []);
  assert.equal(log.observables, 1);
  assert.deepEqual(lookup.lookupIndicator('domain', 'WWW.Evil.Example', T0).map((m) => m.match), ['subdomain']);
  assert.deepEqual(lookup.lookupIndicator('domain', 'evil.example', T0 + 1000), []);
  assert.equal(lookup.lookupIndicator('md5', 'D41D8CD98F00B204E9800998ECF8427E', T0).length, 1);
  assert.deepEqual(lookup.lookupIndicator('ipv4', '192.0.2.9', T0), []);
  await store.putIndicators([sampleIndicator('192.0.2.10')]);
  assert.deepEqual(lookup.lookupIndicator('ipv4', '192.0.2.10', T0), []);
  await lookup.refresh(T0);
  assert.equal(lookup.lookupIndicator('ipv4', '192.0.2.10', T0).length, 1);
  await store.close();
});
