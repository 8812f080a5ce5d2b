import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadSigmaMappings } from '../../../runtime/content/load-mappings.js';
import { createEventReader, type EventReader } from './event-reader.js';
import type { RoutedEventView } from './mapped-view.js';

let reader: EventReader;
before(async () => {
  const mappings = await loadSigmaMappings();
  assert.ok(mappings.ok, JSON.stringify(mappings.ok ? '' : mappings.error));
  reader = createEventReader(mappings.value.events);
});

function view(record: object): RoutedEventView {
  const result = reader.readValue(record);
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.value;
}

test('flat EVTX JSON: names as they are, numbers as read, python-evtx hex and GUIDs in Windows form', () => {
  const v = view({
    Provider_Name: 'Microsoft-Windows-Sysmon',
    EventID: 1,
    Level: '4',
    TimeCreated_SystemTime: '2019-04-27 15:57:53.368864',
    Channel: 'Microsoft-Windows-Sysmon/Operational',
    Image: 'C:\\Users\\IEUser\\Downloads\\Flash_update.exe',
    LogonId: '0x00000000000003e7',
    ProcessGuid: '{365abb72-7c01-5cc4-0000-00102b3e0c00}',
    Correlation: null,
  });
  assert.equal(v.format, 'evtx-flat');
  assert.deepEqual(v.route, { kind: 'channel', channel: 'Microsoft-Windows-Sysmon/Operational', eventId: 1 });
  assert.equal(v.time, Date.UTC(2019, 3, 27, 15, 57, 53, 368));
  assert.equal(v.get('EventID'), 1);
  assert.equal(v.get('Level'), '4', 'python-evtx writes numbers as strings');
  assert.equal(v.get('Image'), 'C:\\Users\\IEUser\\Downloads\\Flash_update.exe');
  assert.equal(v.get('LogonId'), '0x3e7');
  assert.equal(v.get('ProcessGuid'), '{365abb72-7c01-5cc4-0000-00102b3e0c00}');
  assert.equal(v.get('Correlation'), null, 'null is present, not absent');
  assert.equal(v.get('CommandLine'), undefined);
  assert.equal(v.get('constructor'), undefined, 'prototype members are not fields');
  assert.equal(v.get('__proto__'), undefined);
  assert.ok([...v.keywords()].includes('Microsoft-Windows-Sysmon/Operational'));
});

test('Security 4688 answers process_creation names through its aliases, and only when it lacks them', () => {
  const v = view({ EventID: 4688, Channel: 'Security', NewProcessName: 'C:\\Windows\\System32\\cmd.exe', ParentProcessName: 'C:\\x.exe', CommandLine: 'cmd /c', SubjectLogonId: '0x00000000000003e7' });
  assert.equal(v.get('Image'), 'C:\\Windows\\System32\\cmd.exe');
  assert.equal(v.get('ParentImage'), 'C:\\x.exe');
  assert.equal(v.get('LogonId'), '0x3e7');
  assert.equal(v.get('CommandLine'), 'cmd /c');
  const sysmon = view({ EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', NewProcessName: 'n' });
  assert.equal(sysmon.get('Image'), undefined, 'aliases belong to Security 4688 only');
});

test('evtx_dump nested JSON: System attributes joined with _, #text unwrapped, EventData and UserData by name', () => {
  const v = view({
    Event: {
      '#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' },
      System: {
        Provider: { '#attributes': { Name: 'Microsoft-Windows-WMI-Activity', Guid: '1418EF04-B0B4-4623-BF7E-D74AB47BBDAA' } },
        EventID: { '#attributes': { Qualifiers: 16384 }, '#text': 5858 },
        TimeCreated: { '#attributes': { SystemTime: '2025-12-06T21:11:02.649150Z' } },
        Execution: { '#attributes': { ProcessID: 3904, ThreadID: 4272 } },
        Channel: 'Microsoft-Windows-WMI-Activity/Operational',
        Security: { '#attributes': { UserID: 'S-1-5-18' } },
      },
      UserData: { Operation_ClientFailure: { '#attributes': { xmlns: 'http://manifests.microsoft.com/win/2006/windows/WMI' }, Operation: 'cleareventlog', ClientProcessId: 25920 } },
    },
  });
  assert.equal(v.format, 'evtx-nested');
  assert.deepEqual(v.route, { kind: 'channel', channel: 'Microsoft-Windows-WMI-Activity/Operational', eventId: 5858 });
  assert.equal(v.get('EventID'), 5858);
  assert.equal(v.get('EventID_Qualifiers'), 16384);
  assert.equal(v.get('Provider_Name'), 'Microsoft-Windows-WMI-Activity');
  assert.equal(v.get('Provider_Guid'), '{1418EF04-B0B4-4623-BF7E-D74AB47BBDAA}');
  assert.equal(v.get('Execution_ProcessID'), 3904);
  assert.equal(v.get('Security_UserID'), 'S-1-5-18');
  assert.equal(v.get('Operation'), 'cleareventlog');
  assert.equal(v.get('ClientProcessId'), 25920);
  assert.equal(v.time, Date.UTC(2025, 11, 6, 21, 11, 2, 649));
  assert.ok(![...v.keywords()].some((k) => k.startsWith('http://')), 'xmlns is markup, not content');
});

test('Winlogbeat: winlog.* System fields, event_data first, ECS fields as fallbacks, dotted names as paths', () => {
  const v = view({
    '@timestamp': '2024-05-01T10:00:00.123Z',
    event: { code: '1', kind: 'event' },
    winlog: { channel: 'Microsoft-Windows-Sysmon/Operational', event_id: '1', provider_name: 'Microsoft-Windows-Sysmon', computer_name: 'WS1', event_data: { ParentImage: 'C:\\p.exe' } },
    process: { executable: 'C:\\Windows\\System32\\cmd.exe', command_line: 'cmd.exe /c whoami', parent: { executable: 'C:\\other.exe' } },
  });
  assert.equal(v.format, 'winlogbeat');
  assert.deepEqual(v.route, { kind: 'channel', channel: 'Microsoft-Windows-Sysmon/Operational', eventId: 1 });
  assert.equal(v.get('EventID'), '1');
  assert.equal(v.get('Channel'), 'Microsoft-Windows-Sysmon/Operational');
  assert.equal(v.get('Computer'), 'WS1');
  assert.equal(v.get('Image'), 'C:\\Windows\\System32\\cmd.exe');
  assert.equal(v.get('CommandLine'), 'cmd.exe /c whoami');
  assert.equal(v.get('ParentImage'), 'C:\\p.exe', 'event_data wins over ECS');
  assert.equal(v.get('process.parent.executable'), 'C:\\other.exe');
  assert.equal(v.time, Date.UTC(2024, 4, 1, 10, 0, 0, 123));
});

test('Vigil ECS: routed by dataset and program; sudo fields under Sigma names; keywords include the original line', () => {
  const original = 'Oct 11 22:14:15 host sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=#-1 ; COMMAND=/bin/id';
  const v = view({
    '@timestamp': '2023-10-11T22:14:15.000Z',
    message: 'alice : TTY=pts/0 ; PWD=/home/alice ; USER=#-1 ; COMMAND=/bin/id',
    event: { kind: 'event', action: 'sudo_command', dataset: 'system.auth', module: 'system', original },
    host: { name: 'host' },
    process: { name: 'sudo' },
    user: { name: 'alice', effective: { name: '#-1' } },
    log: { syslog: { appname: 'sudo', hostname: 'host' } },
    system: { auth: { sudo: { tty: 'pts/0', pwd: '/home/alice', user: '#-1', command: '/bin/id' } } },
  });
  assert.equal(v.format, 'vigil-ecs');
  assert.deepEqual(v.route, { kind: 'service', dataset: 'system.auth', appname: 'sudo' });
  assert.equal(v.get('USER'), '#-1');
  assert.equal(v.get('COMMAND'), '/bin/id');
  assert.equal(v.get('User'), 'alice');
  assert.equal(v.get('user.name'), 'alice');
  assert.equal(v.get('Computer'), 'host');
  assert.deepEqual([...v.keywords()], [original], 'keywords search the original line only, not ECS metadata');
  assert.equal(v.time, Date.UTC(2023, 9, 11, 22, 14, 15));
});
