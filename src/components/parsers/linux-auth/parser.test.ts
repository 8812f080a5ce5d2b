import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertValidEvent, parseLines } from './event-assertions.js';
import { createLinuxAuthParser } from './parser.js';

test('the event records where its line came from', () => {
  const parser = createLinuxAuthParser({ filePath: '/logs/auth.log', year: 2026 });
  const line = 'Nov  2 08:38:24 bastion sshd[123]: Invalid user admin from 1.2.3.4 port 22\r\n';
  const result = parser.parse(line, 17, 4096);
  assert.ok(result.ok);
  const { event, ts, understood } = result.value;
  assertValidEvent(event);
  assert.equal(understood, true);
  assert.equal(ts, Date.UTC(2026, 10, 2, 8, 38, 24));
  assert.equal(event['@timestamp'], '2026-11-02T08:38:24.000Z');
  assert.equal(event.event.original, 'Nov  2 08:38:24 bastion sshd[123]: Invalid user admin from 1.2.3.4 port 22');
  assert.equal(event.event.sequence, 17);
  assert.equal(event.event.kind, 'event');
  assert.equal(event.message, 'Invalid user admin from 1.2.3.4 port 22');
  assert.deepEqual(event.log, { file: { path: '/logs/auth.log' }, offset: 4096, syslog: { appname: 'sshd', hostname: 'bastion', procid: '123' } });
});

test('a line that is not syslog is a failure value with its location', () => {
  const parser = createLinuxAuthParser({ filePath: '/logs/auth.log', year: 2026 });
  const result = parser.parse('{"not":"syslog"}', 9, 0);
  assert.equal(result.ok, false);
  assert.equal(result.error.code, 'PARSE_FAILED');
  assert.equal(result.error.reason, 'unknown_header');
  assert.deepEqual(result.error.location, { file: '/logs/auth.log', line: 9, column: 1 });
  assert.equal(typeof result.error.message, 'string');
  const late = parser.parse('Nov  2 08:38:24 ' + 'x'.repeat(400), 10, 0);
  assert.ok(!late.ok && late.error.reason === 'no_hostname' && late.error.location.column === 17);
});

test('generic lines of other programs are kept as system.syslog, not understood', () => {
  const [parsed] = parseLines(['Jun 19 04:09:11 combo kernel: Linux version 2.6.5-1.358']);
  assert.equal(parsed!.understood, false);
  assert.equal(parsed!.event.event.action, 'syslog');
  assert.equal(parsed!.event.event.dataset, 'system.syslog');
  assert.equal(parsed!.event.event.module, 'system');
  assert.deepEqual(parsed!.event.related, { hosts: ['combo'] });
});

test('RFC 3164 years roll over at New Year and tolerate a late line', () => {
  const lines = ['Dec 31 23:59:58 h sshd[1]: x', 'Jan  1 00:00:01 h sshd[1]: x', 'Dec 31 23:59:59 h sshd[1]: late', 'Jan  1 00:00:02 h sshd[1]: x'];
  const stamps = parseLines(lines, { year: 2025 }).map((parsed) => parsed.event['@timestamp']);
  assert.deepEqual(stamps, ['2025-12-31T23:59:58.000Z', '2026-01-01T00:00:01.000Z', '2025-12-31T23:59:59.000Z', '2026-01-01T00:00:02.000Z']);
});

test('without a year, the reference time (file mtime) decides it', () => {
  const [parsed] = parseLines(['Dec 10 06:55:46 LabSZ sshd[24200]: x'], { referenceTime: Date.UTC(2016, 0, 4) });
  assert.equal(parsed!.event['@timestamp'], '2015-12-10T06:55:46.000Z');
});

test('RFC 5424 lines become events with priority and version', () => {
  const [parsed] = parseLines(['<38>1 2026-11-02T08:38:24.5Z bastion sshd 321 - - Failed password for root from 1.2.3.4 port 22 ssh2']);
  const event = parsed!.event;
  assert.equal(event.event.action, 'ssh_login');
  assert.equal(event['@timestamp'], '2026-11-02T08:38:24.500Z');
  assert.deepEqual(event.log?.syslog, { appname: 'sshd', hostname: 'bastion', procid: '321', priority: 38, version: '1' });
  assert.equal(event.process?.pid, 321);
});
