import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Indicator } from '../../core/intel/index.js';
import type { IndicatorStore } from './indicator-store.js';

const T0 = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;

/** A small valid indicator for store tests. */
export function sampleIndicator(value: string, extra: Partial<Indicator> = {}): Indicator {
  return { type: 'ipv4', value, source: 'feed-a', labels: [], revoked: false, ...extra };
}

/** The behaviour every IndicatorStore must show; run it against each implementation with a fresh store. */
export function indicatorStoreConformance(name: string, open: () => Promise<IndicatorStore>): void {
  test(`${name}: stores and reads back indicators with every field`, async () => {
    const store = await open();
    const full: Indicator = {
      type: 'domain',
      value: 'evil.example',
      source: 'feed-a',
      confidence: 85,
      tlp: 'amber+strict',
      labels: ['c2', 'emotet'],
      firstSeen: T0,
      lastSeen: T0 + DAY,
      validFrom: T0,
      validUntil: T0 + 30 * DAY,
      revoked: false,
      ref: 'indicator--1',
      description: 'Emotet C2',
    };
    assert.deepEqual(await store.putIndicators([full, sampleIndicator('192.0.2.1')]), { inserted: 2, updated: 0 });
    assert.deepEqual(await store.findByValue('domain', 'evil.example'), [full]);
    assert.deepEqual(await store.findByValue('ipv4', 'evil.example'), []);
    await store.close();
  });

  test(`${name}: re-importing a feed updates instead of duplicating`, async () => {
    const store = await open();
    await store.putIndicators([sampleIndicator('192.0.2.1', { confidence: 50, labels: ['a'], firstSeen: T0, lastSeen: T0 }), sampleIndicator('192.0.2.2')]);
    const again = await store.putIndicators([sampleIndicator('192.0.2.1', { confidence: 90, labels: ['b'], firstSeen: T0 + DAY, lastSeen: T0 + 2 * DAY }), sampleIndicator('192.0.2.2')]);
    assert.deepEqual(again, { inserted: 0, updated: 2 });
    const [one, ...rest] = await store.findByValue('ipv4', '192.0.2.1');
    assert.equal(rest.length, 0);
    assert.ok(one);
    assert.equal(one.confidence, 90);
    assert.deepEqual(one.labels, ['a', 'b']);
    assert.equal(one.firstSeen, T0);
    assert.equal(one.lastSeen, T0 + 2 * DAY);
    // The same value from another source is another indicator.
    assert.deepEqual(await store.putIndicators([sampleIndicator('192.0.2.1', { source: 'feed-b' })]), { inserted: 1, updated: 0 });
    assert.equal((await store.listIndicators()).length, 3);
    await store.close();
  });

  test(`${name}: revoked, expired and not-yet-valid indicators are not active`, async () => {
    const store = await open();
    await store.putIndicators([
      sampleIndicator('192.0.2.1'),
      sampleIndicator('192.0.2.2', { validUntil: T0 }),
      sampleIndicator('192.0.2.3', { validFrom: T0 + DAY }),
      sampleIndicator('192.0.2.4', { revoked: true }),
      sampleIndicator('192.0.2.5', { validFrom: T0 - DAY, validUntil: T0 + DAY }),
    ]);
    const at = (t: number) => store.activeIndicators(t).then((l) => l.map((i) => i.value));
    assert.deepEqual(await at(T0), ['192.0.2.1', '192.0.2.5']);
    assert.deepEqual(await at(T0 - 1), ['192.0.2.1', '192.0.2.2', '192.0.2.5']);
    assert.deepEqual(await at(T0 + DAY), ['192.0.2.1', '192.0.2.3']);
    assert.equal(await store.countActive(T0), 2);
    const s = await store.stats(T0);
    assert.deepEqual([s.total, s.active, s.revoked, s.expired, s.notYetValid], [5, 2, 1, 1, 1]);
    assert.deepEqual(s.byType, { ipv4: 2 });
    // A feed that revokes an indicator is obeyed on re-import.
    await store.putIndicators([sampleIndicator('192.0.2.1', { revoked: true })]);
    assert.deepEqual(await at(T0), ['192.0.2.5']);
    await store.close();
  });

  test(`${name}: lists by type, source, activity and text`, async () => {
    const store = await open();
    await store.putIndicators([
      sampleIndicator('192.0.2.1'),
      sampleIndicator('bad.example', { type: 'domain', source: 'feed-b' }),
      sampleIndicator('other.example', { type: 'domain', revoked: true }),
    ]);
    const values = (l: Indicator[]) => l.map((i) => i.value);
    assert.deepEqual(values(await store.listIndicators({ type: 'domain' })), ['bad.example', 'other.example']);
    assert.deepEqual(values(await store.listIndicators({ source: 'feed-b' })), ['bad.example']);
    assert.deepEqual(values(await store.listIndicators({ activeAt: T0, type: 'domain' })), ['bad.example']);
    assert.deepEqual(values(await store.listIndicators({ contains: 'EXAMPLE' })), ['bad.example', 'other.example']);
    assert.equal((await store.listIndicators({ limit: 1 })).length, 1);
    await store.close();
  });

  test(`${name}: a batch with an invalid indicator stores nothing`, async () => {
    const store = await open();
    const bad = { ...sampleIndicator('192.0.2.9'), confidence: 500 };
    await assert.rejects(store.putIndicators([sampleIndicator('192.0.2.8'), bad]));
    assert.equal((await store.listIndicators()).length, 0);
    await store.close();
  });

  test(`${name}: an indicator every feed stopped listing is withdrawn, and comes back when stored again`, async () => {
    const store = await open();
    const a = sampleIndicator('192.0.2.1');
    const b = sampleIndicator('192.0.2.2');
    const c = sampleIndicator('192.0.2.3');
    const active = async (): Promise<string[]> => (await store.activeIndicators(T0)).map((i) => i.value);
    await store.putIndicators([a, b, c]);
    assert.deepEqual(await store.recordFeedListing('one', [a, b, c], T0, true), { listed: 3, withdrawn: 0 });
    assert.deepEqual(await store.recordFeedListing('two', [c], T0, true), { listed: 1, withdrawn: 0 });
    // `one` drops b and c: b is withdrawn; c stays, since `two` still lists it.
    assert.deepEqual(await store.recordFeedListing('one', [a], T0 + DAY, true), { listed: 1, withdrawn: 1 });
    assert.deepEqual(await active(), ['192.0.2.1', '192.0.2.3']);
    const s = await store.stats(T0);
    assert.deepEqual([s.total, s.active, s.withdrawn, s.expired], [3, 2, 1, 0]);
    // An incomplete listing only adds: `two` keeps c although its snapshot lacks it.
    assert.deepEqual(await store.recordFeedListing('two', [], T0 + DAY, false), { listed: 0, withdrawn: 0 });
    assert.deepEqual(await active(), ['192.0.2.1', '192.0.2.3']);
    assert.deepEqual(await store.recordFeedListing('two', [], T0 + DAY, true), { listed: 0, withdrawn: 1 });
    assert.deepEqual(await active(), ['192.0.2.1']);
    // A feed listing b again (or any import of it) brings it back.
    await store.putIndicators([b]);
    assert.deepEqual(await store.recordFeedListing('one', [a, b], T0 + 2 * DAY, true), { listed: 2, withdrawn: 0 });
    assert.deepEqual(await active(), ['192.0.2.1', '192.0.2.2']);
    // Indicators no feed ever listed (a manual import) are never withdrawn by a feed.
    const manual = sampleIndicator('192.0.2.9', { source: 'analyst' });
    await store.putIndicators([manual]);
    await store.recordFeedListing('one', [], T0 + 3 * DAY, true);
    assert.deepEqual(await active(), ['192.0.2.9']);
    await store.close();
  });

  test(`${name}: keeps feed state between pulls`, async () => {
    const store = await open();
    assert.equal(await store.getFeedState('urlhaus'), undefined);
    const state = { name: 'urlhaus', lastAttempt: T0, lastSuccess: T0, etag: '"abc"', lastModified: 'Sun, 01 Nov 2026 00:00:00 GMT', lastCount: 3 };
    await store.putFeedState(state);
    assert.deepEqual(await store.getFeedState('urlhaus'), state);
    await store.putFeedState({ name: 'urlhaus', lastAttempt: T0 + 1, lastSuccess: T0, lastError: 'HTTP 500' });
    assert.deepEqual(await store.listFeedStates(), [{ name: 'urlhaus', lastAttempt: T0 + 1, lastSuccess: T0, lastError: 'HTTP 500' }]);
    await store.close();
  });
}
