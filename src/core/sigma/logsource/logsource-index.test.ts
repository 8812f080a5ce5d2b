import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadSigmaMappings } from '../../../runtime/content/load-mappings.js';
import type { SigmaLogsource } from '../contract.js';
import { createEventReader, type EventReader } from '../events/event-reader.js';
import type { RoutedEventView } from '../events/mapped-view.js';
import { buildLogsourceIndex, type LogsourceIndex } from './logsource-index.js';
import type { LogsourceMappings } from './logsource-mappings.js';

interface Stub {
  readonly name: string;
  readonly meta: { readonly logsource: SigmaLogsource };
}
const stub = (name: string, logsource: SigmaLogsource): Stub => ({ name, meta: { logsource } });

const RULES: readonly Stub[] = [
  stub('proc', { product: 'windows', category: 'process_creation' }),
  stub('reg-add', { product: 'windows', category: 'registry_add' }),
  stub('reg-delete', { product: 'windows', category: 'registry_delete' }),
  stub('reg-event', { product: 'windows', category: 'registry_event' }),
  stub('security', { product: 'windows', service: 'security' }),
  stub('windows-any', { product: 'windows' }),
  stub('av', { category: 'antivirus' }),
  stub('sshd', { product: 'linux', service: 'sshd' }),
  stub('auth', { product: 'linux', service: 'auth' }),
  stub('syslog', { product: 'linux', service: 'syslog' }),
  stub('cron', { product: 'linux', service: 'cron' }),
  stub('linux-any', { product: 'linux' }),
  stub('linux-proc', { product: 'linux', category: 'process_creation' }),
  stub('aws', { product: 'aws', service: 'cloudtrail' }),
  stub('auditd', { product: 'linux', service: 'auditd' }),
  stub('web', { category: 'webserver' }),
];

let reader: EventReader;
let mappings: LogsourceMappings;
let index: LogsourceIndex<Stub>;
before(async () => {
  const loaded = await loadSigmaMappings();
  assert.ok(loaded.ok);
  reader = createEventReader(loaded.value.events);
  mappings = loaded.value.logsources;
  index = buildLogsourceIndex(RULES, mappings);
});

function event(record: object): RoutedEventView {
  const result = reader.readValue(record);
  assert.ok(result.ok);
  return result.value;
}
const names = (e: RoutedEventView): string[] => index.candidates(e).map((r) => r.name);
const sysmon = (id: number, extra: object = {}): RoutedEventView => event({ EventID: id, Channel: 'Microsoft-Windows-Sysmon/Operational', ...extra });
const linux = (dataset: string, appname: string): RoutedEventView =>
  event({ '@timestamp': '2024-01-01T00:00:00Z', event: { kind: 'event', dataset, original: 'x' }, log: { syslog: { appname } } });

test('windows events reach the rules of their channel and id, plus the product-wide ones, in load order', () => {
  assert.deepEqual(names(sysmon(1)), ['proc', 'windows-any']);
  assert.deepEqual(names(event({ EventID: '4688', Channel: 'Security' })), ['proc', 'security', 'windows-any']);
  assert.deepEqual(names(event({ EventID: 4624, Channel: 'security' })), ['security', 'windows-any'], 'channels compare case-insensitively');
  assert.deepEqual(names(sysmon(13)), ['reg-event', 'windows-any']);
  assert.deepEqual(names(event({ EventID: 1116, Channel: 'Microsoft-Windows-Windows Defender/Operational' })), ['windows-any', 'av']);
  assert.deepEqual(names(event({ EventID: 6, Provider_Name: 'Microsoft-Windows-RPC' })), ['windows-any'], 'no channel: product-wide only');
  assert.deepEqual(names(event({ EventID: 61, Channel: 'Microsoft-Windows-Bits-Client/Operational' })), ['windows-any']);
});

test('Sysmon 12 reaches registry_add or registry_delete by its EventType', () => {
  assert.deepEqual(names(sysmon(12, { EventType: 'CreateKey' })), ['reg-add', 'reg-event', 'windows-any']);
  assert.deepEqual(names(sysmon(12, { EventType: 'DeleteValue' })), ['reg-delete', 'reg-event', 'windows-any']);
  assert.deepEqual(names(sysmon(12, { EventType: 'deletekey' })), ['reg-delete', 'reg-event', 'windows-any']);
  assert.deepEqual(names(sysmon(12)), ['reg-event', 'windows-any']);
});

test('Vigil linux events reach services by dataset and program, plus product-wide rules', () => {
  assert.deepEqual(names(linux('system.auth', 'sshd')), ['sshd', 'auth', 'syslog', 'linux-any']);
  assert.deepEqual(names(linux('system.auth', 'CRON')), ['auth', 'syslog', 'cron', 'linux-any']);
  assert.deepEqual(names(linux('system.syslog', 'kernel')), ['syslog', 'linux-any']);
  assert.deepEqual(names(linux('apache.access', 'httpd')), [], 'datasets of no product reach nothing');
  assert.deepEqual(names(event({ EventID: 1, Channel: 'Linux-Sysmon/Operational' })), ['linux-any', 'linux-proc']);
});

test('unmappable rules are reported, not dropped silently', () => {
  assert.deepEqual(
    index.unmapped.map((u) => `${u.rule.name}:${u.reason}`),
    ['aws:unknown_product', 'auditd:unknown_service', 'web:no_product'],
  );
  assert.equal(index.indexed, RULES.length - 3);
});

test('without field conditions the same rule array is returned every time (no allocation per event)', () => {
  const a = sysmon(1);
  const b = sysmon(1, { Image: 'x' });
  assert.equal(index.candidates(a), index.candidates(b));
});

test('an empty rule set and an empty mapping set give empty candidate lists', () => {
  const empty = buildLogsourceIndex<Stub>([], mappings);
  assert.deepEqual(empty.candidates(sysmon(1)), []);
  const noMappings = buildLogsourceIndex(RULES, {
    products: new Map(),
    channelProducts: new Map(),
    defaultChannelProduct: undefined,
    categoriesWithoutProduct: new Map(),
    datasetProducts: new Map(),
  });
  assert.deepEqual(noMappings.candidates(sysmon(1)), []);
  assert.equal(noMappings.unmapped.length, RULES.length);
});

test('a channel-wide rule that needs particular event ids reaches only those ids, and events without a readable id', () => {
  const needing = { ...stub('logon', { product: 'windows', service: 'security' }), requiredValues: { EventID: ['4624', '4625'] } };
  const named = { ...stub('named', { product: 'windows', service: 'security' }), requiredValues: { EventID: ['0x10'] } };
  const any = stub('security', { product: 'windows', service: 'security' });
  const narrowed = buildLogsourceIndex([needing, named, any], mappings);
  const of = (record: object): string[] => narrowed.candidates(event(record)).map((r) => r.name);
  assert.deepEqual(of({ EventID: 4624, Channel: 'Security' }), ['logon', 'named', 'security']);
  assert.deepEqual(of({ EventID: '4625', Channel: 'Security' }), ['logon', 'named', 'security']);
  assert.deepEqual(of({ EventID: 4634, Channel: 'Security' }), ['named', 'security'], 'an id the rule does not need');
  assert.deepEqual(of({ EventID: 'x', Channel: 'Security' }), ['logon', 'named', 'security'], 'an id that does not read as a number');
  assert.deepEqual(of({ Channel: 'Security' }), ['logon', 'named', 'security'], 'no id at all');
});
