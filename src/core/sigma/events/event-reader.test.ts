import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadSigmaMappings } from '../../../runtime/content/load-mappings.js';
import { createEventReader, type EventReader, type EventReadFailureReason } from './event-reader.js';

let reader: EventReader;
before(async () => {
  const mappings = await loadSigmaMappings();
  assert.ok(mappings.ok);
  reader = createEventReader(mappings.value.events, { maxLength: 64 * 1024 });
});

function reason(line: string): EventReadFailureReason | 'ok' {
  const result = reader.readLine(line, { file: 'x.ndjson', line: 7 });
  if (result.ok) return 'ok';
  assert.equal(result.error.code, 'PARSE_FAILED');
  assert.deepEqual(result.error.location, { file: 'x.ndjson', line: 7 });
  assert.ok(result.error.message.length > 0);
  return result.error.reason;
}

test('hostile lines give a reason, never an exception', () => {
  assert.equal(reason('{"EventID": 1, "Channel": "Security"}'), 'ok');
  assert.equal(reason('  {"EventID": 1}\r'), 'ok');
  assert.equal(reason('\ufeff{"EventID": 1}'), 'ok');
  assert.equal(reason(''), 'empty');
  assert.equal(reason('   '), 'empty');
  assert.equal(reason('{"EventID": 1'), 'not_json');
  assert.equal(reason('\u0000\uffff'), 'not_json');
  assert.equal(reason('[1, 2]'), 'not_object');
  assert.equal(reason('"text"'), 'not_object');
  assert.equal(reason('null'), 'not_object');
  assert.equal(reason('42'), 'not_object');
  assert.equal(reason('{"hello": "world"}'), 'unknown_format');
  assert.equal(reason(`{"EventID": ${'['.repeat(70)}${']'.repeat(70)}}`), 'too_deep');
  assert.equal(reason(`{"EventID": 1, "x": "${'a'.repeat(70_000)}"}`), 'too_long');
  assert.equal(reason('['.repeat(60_000) + ']'.repeat(60_000)), 'too_long');
  assert.equal(reason(`{"EventID": [${Array.from({ length: 20_000 }, () => '0').join(',')}]}`), 'ok');
});

test('a value at the depth limit is accepted, one level more is not', () => {
  const nested = (levels: number): string => '{"EventID": 1, "x": ' + '['.repeat(levels - 1) + ']'.repeat(levels - 1) + '}';
  assert.equal(reason(nested(64)), 'ok');
  assert.equal(reason(nested(65)), 'too_deep');
});

test('values that collide with Object.prototype read as absent or as their own value', () => {
  const result = reader.readLine('{"EventID": 1, "__proto__": {"polluted": true}, "constructor": "c", "Channel": "Security"}');
  assert.ok(result.ok);
  assert.equal(result.value.get('constructor'), 'c');
  assert.equal(result.value.get('toString'), undefined);
  assert.equal(result.value.get('hasOwnProperty'), undefined);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('readValue checks parsed values the same way (JSON array files)', () => {
  const deep: unknown = JSON.parse('{"EventID": 1, "x": ' + '['.repeat(100) + ']'.repeat(100) + '}');
  const refused = reader.readValue(deep);
  assert.ok(!refused.ok && refused.error.reason === 'too_deep');
  assert.equal(refused.error.location, undefined);
  const notObject = reader.readValue([{ EventID: 1 }]);
  assert.ok(!notObject.ok && notObject.error.reason === 'not_object');
  const huge = reader.readValue({ EventID: 1, Channel: 'Security', CommandLine: 'x'.repeat(5_000_000) });
  assert.ok(huge.ok && huge.value.get('CommandLine') === 'x'.repeat(5_000_000), 'a long value is read, not refused');
});
