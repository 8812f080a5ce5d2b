import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sharedDataPath } from '../../../lib/shared-data.js';
import { readStixBundle } from './bundle-reader.js';
import { summarizeStixBundle } from './bundle-summary.js';
import { stixBundleIndicators } from './to-indicators.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(sharedDataPath('stix', 'fixtures', name), 'utf8')) as unknown;

test('the consumer-conformance bundle gives exactly its expected result', () => {
  const expected = fixture('consumer-conformance-expected.json') as Record<string, unknown> & { current_versions: Record<string, Record<string, unknown>>; as_of: string };
  const read = readStixBundle(fixture('consumer-conformance-bundle.json'));
  assert.ok(read.ok);
  assert.deepEqual(read.value.errors, []);
  const summary = summarizeStixBundle(read.value, Date.parse(expected.as_of));
  // Every top-level conclusion of the fixture, compared whole.
  for (const key of ['as_of', 'object_count_in_bundle', 'distinct_ids', 'active_indicator_ids', 'sightings', 'relationships', 'ignored_object_types', 'tlp_marking_ids']) {
    assert.deepEqual((summary as unknown as Record<string, unknown>)[key], expected[key], key);
  }
  // The same indicators, and for each one every property the fixture states.
  assert.deepEqual(Object.keys(summary.current_versions).sort(), Object.keys(expected.current_versions).sort());
  for (const [id, want] of Object.entries(expected.current_versions)) {
    const got = summary.current_versions[id] as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(want)) assert.deepEqual(got[k], v, `${id} ${k}`);
    // Stated inactive with a reason, or active without one: never both.
    assert.equal(got.reason === undefined, got.active === true, `${id} reason`);
  }
});

test('indicators of the conformance bundle carry validity, revocation, TLP and source', () => {
  const read = readStixBundle(fixture('consumer-conformance-bundle.json'));
  assert.ok(read.ok);
  const { indicators, notTaken } = stixBundleIndicators(read.value, { defaultSource: 'test' });
  const byValue = new Map(indicators.map((i) => [i.value, i]));
  const url = byValue.get('http://login-example.test/secure/verify.php');
  assert.ok(url);
  assert.equal(url.source, 'Example SOC feed');
  assert.equal(url.tlp, 'green');
  assert.equal(url.confidence, 80);
  assert.equal(url.validUntil, Date.parse('2099-01-01T00:00:00Z'));
  assert.equal(byValue.get('login-example.test')?.type, 'domain');
  assert.equal(byValue.get('198.51.100.23')?.validUntil, Date.parse('2023-02-01T00:00:00Z'));
  // The revoked hash: its pattern names a file hash through an attachment reference.
  assert.equal(byValue.get('aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f')?.revoked, true);
  assert.deepEqual(notTaken.map((n) => n.id).sort(), ['indicator--5e0f3a7b-2c1d-4e8f-9a0b-6c7d8e9f0a1b', 'indicator--9d4c1f2e-7a6b-4c3d-8e9f-1a2b3c4d5e6f']);
});
