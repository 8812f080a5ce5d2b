import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isVigilError } from '../../lib/errors.js';
import { readFeedBytes } from './read-feed-source.js';

const labels = { source: 'test' };
const refused = (re: RegExp) => (e: unknown) => isVigilError(e) && e.code === 'INPUT_CORRUPT' && re.test(e.message);

test('every document format is read through one entry point', () => {
  const csv = readFeedBytes(Buffer.from('indicator,type,confidence,source,first_seen\n198.51.100.1,ipv4,80,,2026-11-01\n'), 'vigil-csv', labels, 'f');
  assert.deepEqual(csv.indicators.map((i) => i.value), ['198.51.100.1']);
  const bundle = {
    type: 'bundle',
    id: 'bundle--6f8c3b2a-1d4e-4f5a-9b6c-7d8e9f0a1b2c',
    objects: [{ type: 'indicator', spec_version: '2.1', id: 'indicator--6f8c3b2a-1d4e-4f5a-9b6c-7d8e9f0a1b2d', created: '2026-01-01T00:00:00Z', modified: '2026-01-01T00:00:00Z', pattern: "[domain-name:value = 'evil.example']", pattern_type: 'stix', valid_from: '2026-01-01T00:00:00Z' }],
  };
  const stix = readFeedBytes(Buffer.from(JSON.stringify(bundle)), 'stix', { source: 'x', confidence: 40, tlp: 'green' }, 'b');
  assert.deepEqual(stix.indicators.map((i) => [i.type, i.value, i.confidence, i.tlp]), [['domain', 'evil.example', 40, 'green']]);
  const misp = readFeedBytes(Buffer.from(JSON.stringify({ Event: { uuid: 'e', info: 'x', Attribute: [{ type: 'ip-dst', value: '203.0.113.8', to_ids: true }] } })), 'misp-event', labels, 'm');
  assert.deepEqual(misp.indicators.map((i) => i.value), ['203.0.113.8']);
});

test('hostile documents fail as a whole with a located message', () => {
  const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
  assert.throws(() => readFeedBytes(Buffer.from(deep), 'stix', labels, 'deep.json'), refused(/deep\.json: .*INTEL_TOO_DEEP/));
  assert.throws(() => readFeedBytes(Buffer.from([0x31, 0x0a, 0xc3, 0x28]), 'plain', labels, 'bad.txt'), refused(/bad\.txt: .*invalid UTF-8 at byte 2 \(line 2\)/));
  assert.throws(() => readFeedBytes(Buffer.from('{"objects": ['), 'stix', labels, 'cut.json'), refused(/not valid JSON/));
  assert.throws(() => readFeedBytes(Buffer.from('[]'), 'misp-event', labels, 'm.json'), refused(/not a MISP event/));
});
