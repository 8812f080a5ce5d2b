import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { sharedDataPath } from '../../../lib/shared-data.js';
import { loadSigmaMappings } from '../../../runtime/content/load-mappings.js';
import type { SigmaLogsource } from '../contract.js';
import { createEventReader, type EventReader } from '../events/event-reader.js';
import { buildLogsourceIndex, type LogsourceIndex } from './logsource-index.js';
import type { LogsourceMappings } from './logsource-mappings.js';

interface Stub {
  readonly name: string;
  readonly meta: { readonly logsource: SigmaLogsource };
}

/** One stub rule per logsource the mappings know: every category and service of every product, and each product alone. */
function stubsFor(mappings: LogsourceMappings): Stub[] {
  const stubs: Stub[] = [];
  for (const [product, mapping] of mappings.products) {
    stubs.push({ name: product, meta: { logsource: { product } } });
    for (const category of mapping.categories.keys()) stubs.push({ name: `${product}/${category}`, meta: { logsource: { product, category } } });
    for (const service of [...mapping.channelServices.keys(), ...mapping.syslogServices.keys()]) stubs.push({ name: `${product}:${service}`, meta: { logsource: { product, service } } });
  }
  return stubs;
}

const LINES: readonly string[] = (() => {
  const dir = sharedDataPath('evtx-attack-samples', 'jsonl');
  const lines: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort()) {
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) if (line !== '') lines.push(line);
  }
  return lines;
})();

let reader: EventReader;
let stubs: Stub[];
let index: LogsourceIndex<Stub>;
before(async () => {
  const loaded = await loadSigmaMappings();
  assert.ok(loaded.ok);
  reader = createEventReader(loaded.value.events);
  stubs = stubsFor(loaded.value.logsources);
  index = buildLogsourceIndex(stubs, loaded.value.logsources);
});

test('all 8,255 attack-sample records get a format, a time and a dispatch route', () => {
  assert.equal(LINES.length, 8255);
  const channels = new Set<string>();
  let withoutChannel = 0;
  for (const [i, line] of LINES.entries()) {
    const result = reader.readLine(line, { line: i + 1 });
    assert.ok(result.ok, `record ${i + 1}: ${result.ok ? '' : result.error.message}`);
    const view = result.value;
    assert.equal(view.format, 'evtx-flat');
    assert.ok(Number.isFinite(view.time), `record ${i + 1}: time`);
    assert.equal(view.route.kind, 'channel');
    assert.ok(view.route.eventId >= 0, `record ${i + 1}: event id`);
    const eventId = view.get('EventID');
    assert.ok(typeof eventId === 'number' || typeof eventId === 'string');
    assert.equal(String(eventId), String(view.route.eventId));
    if (view.route.channel === '') withoutChannel++;
    channels.add(view.route.channel);
    const candidates = index.candidates(view);
    assert.ok(candidates.some((r) => r.name === 'windows'), `record ${i + 1}: product-wide rules`);
  }
  assert.equal(withoutChannel, 415, 'the ETW RPC records carry no channel');
  assert.ok(channels.size > 10);
});

test('Sysmon and Security records reach the categories THOR and pySigma map them to', () => {
  const reached = new Map<string, Set<string>>();
  for (const line of LINES) {
    const result = reader.readLine(line);
    assert.ok(result.ok);
    const { route } = result.value;
    if (route.kind !== 'channel') continue;
    const key = `${route.channel}#${route.eventId}`;
    let names = reached.get(key);
    if (names === undefined) reached.set(key, (names = new Set()));
    for (const rule of index.candidates(result.value)) names.add(rule.name);
  }
  const expect = (key: string, ...names: string[]): void => {
    const got = reached.get(key);
    assert.ok(got !== undefined, key);
    for (const name of names) assert.ok(got.has(name), `${key} → ${name} (got ${[...got].join(', ')})`);
    assert.ok(got.size < stubs.length / 4, `${key} reaches ${got.size} of ${stubs.length} rules`);
  };
  const sysmon = 'Microsoft-Windows-Sysmon/Operational';
  expect(`${sysmon}#1`, 'windows/process_creation', 'windows:sysmon');
  expect(`${sysmon}#3`, 'windows/network_connection');
  expect(`${sysmon}#7`, 'windows/image_load');
  expect(`${sysmon}#8`, 'windows/create_remote_thread');
  expect(`${sysmon}#10`, 'windows/process_access');
  expect(`${sysmon}#11`, 'windows/file_event');
  expect(`${sysmon}#12`, 'windows/registry_event');
  expect(`${sysmon}#13`, 'windows/registry_set', 'windows/registry_event');
  expect(`${sysmon}#18`, 'windows/pipe_created');
  expect('Security#4688', 'windows/process_creation', 'windows:security');
  expect('Security#4624', 'windows:security');
  expect('Windows PowerShell#800', 'windows/ps_classic_script', 'windows:powershell-classic');
  expect('Microsoft-Windows-Bits-Client/Operational#59', 'windows:bits-client');
});

test('speed: parse line → view → candidate rules, against JSON.parse alone in the same run', (t) => {
  let best = 0;
  let parseOnly = 0;
  let offered = 0;
  let sink = 0;
  for (let pass = 0; pass < 5; pass++) {
    let start = performance.now();
    for (const line of LINES) sink += JSON.parse(line) === null ? 0 : 1;
    parseOnly = Math.max(parseOnly, LINES.length / ((performance.now() - start) / 1000));
    start = performance.now();
    offered = 0;
    for (const line of LINES) {
      const result = reader.readLine(line);
      if (result.ok) offered += index.candidates(result.value).length;
    }
    best = Math.max(best, LINES.length / ((performance.now() - start) / 1000));
  }
  t.diagnostic(
    `${Math.round(best)} events/s (JSON.parse alone: ${Math.round(parseOnly)}/s, ratio ${(best / parseOnly).toFixed(2)}) over ${LINES.length} records; ` +
      `${(offered / LINES.length).toFixed(2)} of ${stubs.length} stub rules offered per event`,
  );
  assert.equal(sink, LINES.length * 5);
  assert.ok(best > 20_000, `${Math.round(best)} events/s`);
});
