import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParseFailureReason } from '../parse-failure.js';
import type { SyslogFrame } from './frame.js';
import { createSyslogFramer, type SyslogFramerOptions } from './framer.js';

function frameOf(line: string, options: SyslogFramerOptions = { year: 2026 }): SyslogFrame {
  const result = createSyslogFramer(options).frame(line);
  if (!result.ok) assert.fail(`expected a frame for ${JSON.stringify(line)}, got ${result.error.reason}`);
  return result.value;
}

function failureOf(line: string): ParseFailureReason {
  const result = createSyslogFramer({ year: 2026 }).frame(line);
  if (result.ok) assert.fail(`expected a failure for ${JSON.stringify(line)}`);
  return result.error.reason;
}

test('RFC 3164 line with pid', () => {
  const frame = frameOf('Nov  2 08:38:24 bastion sshd[123]: Accepted publickey for alice');
  assert.equal(frame.timestamp, '2026-11-02T08:38:24.000Z');
  assert.equal(frame.ts, Date.UTC(2026, 10, 2, 8, 38, 24));
  assert.equal(frame.hostname, 'bastion');
  assert.equal(frame.appname, 'sshd');
  assert.equal(frame.procid, '123');
  assert.equal(frame.pid, 123);
  assert.equal(frame.priority, undefined);
  assert.equal(frame.version, undefined);
  assert.equal(frame.message, 'Accepted publickey for alice');
});

test('RFC 3164 variants: no pid, zero-padded and single-digit days, fraction, CRLF, trailing spaces', () => {
  const sudo = frameOf('Nov 12 08:38:24 h sudo:    alice : TTY=pts/0\r');
  assert.equal(sudo.appname, 'sudo');
  assert.equal(sudo.pid, undefined);
  assert.equal(sudo.procid, '');
  assert.equal(sudo.message, '   alice : TTY=pts/0');
  assert.equal(frameOf('Nov 02 08:38:24 h a: m').timestamp, '2026-11-02T08:38:24.000Z');
  assert.equal(frameOf('Nov 2 08:38:24 h a: m').timestamp, '2026-11-02T08:38:24.000Z');
  assert.equal(frameOf('Nov  2 08:38:24.250 h a: m').timestamp, '2026-11-02T08:38:24.250Z');
  assert.equal(frameOf('Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186 \r').message, 'Invalid user webmaster from 173.234.31.186');
});

test('RFC 3164 legacy PAM tags, tag-less lines and a missing host name', () => {
  const legacy = frameOf('Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure;');
  assert.equal(legacy.appname, 'sshd(pam_unix)');
  assert.equal(legacy.pid, 19939);
  const noTag = frameOf('Jun 19 04:09:11 combo syslogd 1.4.1: restart.');
  assert.equal(noTag.appname, '');
  assert.equal(noTag.message, 'syslogd 1.4.1: restart.');
  const noHost = frameOf('Nov  2 08:38:24 sshd[7]: hello');
  assert.equal(noHost.hostname, '');
  assert.equal(noHost.appname, 'sshd');
  assert.equal(noHost.message, 'hello');
  assert.equal(frameOf('Nov  2 08:38:24 onlyhost').message, '');
});

test('PRI before RFC 3164', () => {
  const frame = frameOf('<38>Nov  2 08:38:24 h sshd[1]: x');
  assert.equal(frame.priority, 38);
  assert.equal(frame.appname, 'sshd');
});

test('ISO 8601 prefix: fraction of any length, Z and ±hh:mm offsets', () => {
  assert.equal(frameOf('2026-11-02T08:38:24.123456+00:00 h sshd[1]: x').timestamp, '2026-11-02T08:38:24.123Z');
  assert.equal(frameOf('2026-11-02T08:38:24Z h sshd[1]: x').timestamp, '2026-11-02T08:38:24.000Z');
  assert.equal(frameOf('2026-11-02T08:38:24.1+02:00 h a: x').timestamp, '2026-11-02T06:38:24.100Z');
  assert.equal(frameOf('2026-11-02T00:38:24.987654321-05:30 h a: x').timestamp, '2026-11-02T06:08:24.987Z');
  assert.equal(frameOf('2026-11-02T08:38:24-0100 h a: x').timestamp, '2026-11-02T09:38:24.000Z');
  const frame = frameOf('2026-11-02T08:38:24.123456+00:00 bastion sshd-session[99]: Accepted');
  assert.equal(frame.appname, 'sshd-session');
  assert.equal(frame.pid, 99);
  assert.equal(frame.message, 'Accepted');
});

test('consecutive lines in the same second keep their own fractions and offsets', () => {
  const framer = createSyslogFramer({ year: 2026 });
  const times = ['2026-11-02T08:38:24.100+00:00 h a: x', '2026-11-02T08:38:24.200+00:00 h a: x', '2026-11-02T08:38:24.200+01:00 h a: x'].map((line) => {
    const result = framer.frame(line);
    assert.ok(result.ok);
    return result.value.timestamp;
  });
  assert.deepEqual(times, ['2026-11-02T08:38:24.100Z', '2026-11-02T08:38:24.200Z', '2026-11-02T07:38:24.200Z']);
});

test('a fixed UTC offset applies to timestamps without one', () => {
  const options = { year: 2026, utcOffsetMinutes: 120 };
  assert.equal(frameOf('Nov  2 08:38:24 h a: x', options).timestamp, '2026-11-02T06:38:24.000Z');
  assert.equal(frameOf('2026-11-02T08:38:24 h a: x', options).timestamp, '2026-11-02T06:38:24.000Z');
  assert.equal(frameOf('2026-11-02T08:38:24Z h a: x', options).timestamp, '2026-11-02T08:38:24.000Z');
});

test('RFC 5424 with nil and present structured data', () => {
  const frame = frameOf('<34>1 2026-11-02T08:38:24.123456+00:00 host app 123 ID47 [exampleSDID@32473 iut="3" eventSource="Appl\\]ication"][x@1 a="b"] \uFEFFmsg text');
  assert.equal(frame.priority, 34);
  assert.equal(frame.version, '1');
  assert.equal(frame.timestamp, '2026-11-02T08:38:24.123Z');
  assert.equal(frame.hostname, 'host');
  assert.equal(frame.appname, 'app');
  assert.equal(frame.pid, 123);
  assert.equal(frame.msgid, 'ID47');
  assert.equal(frame.structuredData, '[exampleSDID@32473 iut="3" eventSource="Appl\\]ication"][x@1 a="b"]');
  assert.equal(frame.message, 'msg text');
  const nil = frameOf('<165>1 2026-11-02T08:38:24Z - - - - -');
  assert.deepEqual([nil.hostname, nil.appname, nil.procid, nil.pid, nil.msgid, nil.structuredData, nil.message], ['', '', '', undefined, undefined, undefined, '']);
});

test('malformed lines are failure values with a reason', () => {
  assert.equal(failureOf(''), 'empty_line');
  assert.equal(failureOf('   \r'), 'empty_line');
  assert.equal(failureOf('{"@timestamp":"2026-11-02T08:38:24Z","message":"x"}'), 'unknown_header');
  assert.equal(failureOf('\u0000\u0001\u00ff binary'), 'unknown_header');
  assert.equal(failureOf('Hello world, this is not syslog'), 'unknown_header');
  assert.equal(failureOf('<999>Nov  2 08:38:24 h a: x'), 'bad_priority');
  assert.equal(failureOf('<12'), 'bad_priority');
  assert.equal(failureOf('Nov 31 08:38:24 h a: x'), 'bad_timestamp');
  assert.equal(failureOf('Nov  2 25:38:24 h a: x'), 'bad_timestamp');
  assert.equal(failureOf('Nov  2 08:38 h a: x'), 'bad_timestamp');
  assert.equal(failureOf('2026-13-02T08:38:24Z h a: x'), 'bad_timestamp');
  assert.equal(failureOf('2026-11-02T08:38:24+99:00 h a: x'), 'bad_timestamp');
  assert.equal(failureOf('2026-11-02T08:38:24.Z h a: x'), 'bad_timestamp');
  assert.equal(failureOf('Nov  2 08:38:24'), 'no_hostname');
  assert.equal(failureOf(`Nov  2 08:38:24 ${'h'.repeat(300)} a: x`), 'no_hostname');
  assert.equal(failureOf('<34>1 - host app - - - msg'), 'bad_timestamp');
  assert.equal(failureOf('<34>1 2026-11-02T08:38:24Z host app'), 'bad_rfc5424_header');
  assert.equal(failureOf('<34>1 2026-11-02T08:38:24Z host app 1 - [unterminated a="b"'), 'bad_rfc5424_header');
});

test('a 1 MB message is framed in linear time', () => {
  const huge = `Nov  2 08:38:24 h sshd[1]: ${'x'.repeat(1 << 20)}`;
  const started = process.hrtime.bigint();
  assert.equal(frameOf(huge).message.length, 1 << 20);
  assert.ok(Number(process.hrtime.bigint() - started) < 200e6);
});
