import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { sharedDataPath } from '../../../lib/shared-data.js';
import { loadSigmaMappings } from '../../../runtime/content/load-mappings.js';
import type { FieldValue, SigmaLogsource } from '../contract.js';
import { createEventReader, type EventReader } from '../events/event-reader.js';
import { isJsonObject } from '../events/json-path.js';
import type { RoutedEventView } from '../events/mapped-view.js';
import { buildLogsourceIndex, type LogsourceIndex } from './logsource-index.js';

/** One line of SigmaHQ's regression cases (flattened EVTX JSON events of a rule's positive test). */
interface RegressionCase {
  readonly rule_id: string;
  readonly rule_path: string;
  readonly logsource: SigmaLogsource;
  readonly evtx: string;
  readonly events: readonly Record<string, unknown>[];
}

interface Stub {
  readonly id: string;
  readonly meta: { readonly logsource: SigmaLogsource };
}

const CASES: readonly RegressionCase[] = readFileSync(sharedDataPath('sigma', 'regression', 'cases.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as RegressionCase);

let reader: EventReader;
let index: LogsourceIndex<Stub>;
before(async () => {
  const loaded = await loadSigmaMappings();
  assert.ok(loaded.ok);
  reader = createEventReader(loaded.value.events);
  // Every case's rule, plus decoys of other logsources: the index must pick the right ones.
  const decoys: Stub[] = ['network_connection', 'dns_query', 'ps_script', 'driver_load'].map((category) => ({ id: `decoy-${category}`, meta: { logsource: { product: 'windows', category } } }));
  decoys.push({ id: 'decoy-linux', meta: { logsource: { product: 'linux' } } });
  index = buildLogsourceIndex([...decoys, ...CASES.map((c) => ({ id: c.rule_id, meta: { logsource: c.logsource } }))], loaded.value.logsources);
});

/** The field names a rule's detection uses (map keys without modifiers). */
function ruleFields(rulePath: string): Set<string> {
  const rule = parseYaml(readFileSync(sharedDataPath('sigma', rulePath), 'utf8')) as { detection: Record<string, unknown> };
  const fields = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) visit(item);
    else if (isJsonObject(value)) for (const key of Object.keys(value)) if (!key.startsWith('|')) fields.add(key.split('|')[0]!);
  };
  for (const [name, value] of Object.entries(rule.detection)) if (name !== 'condition' && name !== 'timeframe') visit(value);
  return fields;
}

function read(value: unknown): RoutedEventView {
  const result = reader.readValue(value);
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.value;
}

/** Values compare as Sigma compares them: as text, case-insensitively. */
const text = (value: FieldValue): string => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)).toLowerCase();

test('the regression corpus is all there', () => {
  assert.equal(CASES.length, 202);
  assert.equal(CASES.reduce((n, c) => n + c.events.length, 0), 238);
});

test('every regression event maps EventID, Channel and its rule’s fields, and reaches its rule', () => {
  for (const c of CASES) {
    const fields = ruleFields(c.rule_path);
    for (const record of c.events) {
      const view = read(record);
      const where = `${c.rule_path} (${view.format})`;
      assert.equal(view.format, 'evtx-flat', where);
      assert.equal(text(view.get('EventID')), String(record.EventID), where);
      assert.equal(view.get('Channel'), record.Channel, where);
      assert.ok(!Number.isNaN(view.time), where);
      for (const field of fields) assert.notEqual(view.get(field), undefined, `${where}: ${field}`);
      const candidates = index.candidates(view).map((r) => r.id);
      assert.ok(candidates.includes(c.rule_id), `${where}: not offered to its rule`);
      assert.ok(candidates.length < CASES.length, `${where}: offered every rule`);
      assert.ok(!candidates.some((id) => id.startsWith('decoy-')), `${where}: offered a decoy (${candidates.join(', ')})`);
    }
  }
});

/** evtx_dump writes several records as concatenated pretty-printed objects, each opening at column 0. */
function nestedRecords(path: string): unknown[] {
  return readFileSync(path, 'utf8')
    .split(/^(?=\{)/m)
    .filter((part) => part.trim() !== '')
    .map((part) => JSON.parse(part) as unknown);
}

test('evtx_dump nested JSON of every case reads like its flat form', () => {
  let compared = 0;
  for (const c of CASES) {
    const nested = nestedRecords(sharedDataPath('sigma', 'regression', c.evtx.replace(/\.evtx$/, '.json')));
    assert.equal(nested.length, c.events.length, c.evtx);
    const fields = ruleFields(c.rule_path);
    c.events.forEach((record, i) => {
      const flat = read(record);
      const deep = read(nested[i]);
      const where = `${join(c.evtx)} #${i}`;
      assert.equal(deep.format, 'evtx-nested', where);
      assert.deepEqual(deep.route, flat.route, where);
      assert.equal(deep.time, flat.time, where);
      for (const field of Object.keys(record)) {
        assert.equal(text(deep.get(field)), text(flat.get(field)), `${where}: ${field}`);
        compared++;
      }
      for (const field of fields) assert.notEqual(deep.get(field), undefined, `${where}: ${field}`);
      const deepKeywords = new Set(deep.keywords());
      for (const keyword of flat.keywords()) assert.ok(deepKeywords.has(keyword), `${where}: keyword ${keyword}`);
      assert.deepEqual(index.candidates(deep), index.candidates(flat), where);
    });
  }
  assert.ok(compared > 5000, `compared ${compared} fields`);
});
