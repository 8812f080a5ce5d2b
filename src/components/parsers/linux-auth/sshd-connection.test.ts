import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventOf, parseLines } from './event-assertions.js';

const SSHD = 'sshd[4242]';

test('Connection closed by, every user form', () => {
  const cases: [string, string | undefined, boolean | undefined, number | undefined][] = [
    ['Connection closed by 1.2.3.4 [preauth]', undefined, undefined, undefined],
    ['Connection closed by 1.2.3.4 port 4000 [preauth]', undefined, undefined, 4000],
    ['Connection closed by invalid user admin 1.2.3.4 port 4000 [preauth]', 'admin', true, 4000],
    ['Connection closed by authenticating user root 1.2.3.4 port 4000 [preauth]', 'root', false, 4000],
    ['Connection closed by invalid user a 6.6.6.6 port 1 b 1.2.3.4 port 4000 [preauth]', 'a 6.6.6.6 port 1 b', true, 4000],
    ['Connection reset by authenticating user root 1.2.3.4 port 4000 [preauth]', 'root', false, 4000],
  ];
  for (const [message, user, invalid, port] of cases) {
    const event = eventOf(SSHD, message);
    assert.equal(event.event.action, 'ssh_disconnect', message);
    assert.deepEqual(event.event.category, ['network'], message);
    assert.equal(event.source?.ip, '1.2.3.4', message);
    assert.equal(event.source.port, port, message);
    assert.equal(event.user?.name, user, message);
    assert.equal(event.system?.auth?.ssh?.invalid_user, invalid, message);
  }
});

test('Disconnected from: before login a network end, after login a session end', () => {
  const preauth = eventOf(SSHD, 'Disconnected from invalid user test 1.2.3.4 port 5000 [preauth]');
  assert.equal(preauth.event.action, 'ssh_disconnect');
  assert.deepEqual(preauth.event.category, ['network']);
  assert.equal(preauth.user?.name, 'test');
  const authenticating = eventOf(SSHD, 'Disconnected from authenticating user alice 1.2.3.4 port 5000 [preauth]');
  assert.equal(authenticating.user?.name, 'alice');
  const session = eventOf(SSHD, 'Disconnected from user alice 10.1.2.3 port 51234');
  assert.equal(session.event.action, 'ssh_disconnect');
  assert.deepEqual(session.event.category, ['session']);
  assert.deepEqual(session.event.type, ['end']);
  assert.equal(session.user?.name, 'alice');
  assert.deepEqual(session.source, { ip: '10.1.2.3', port: 51234 });
  const bare = eventOf(SSHD, 'Disconnected from 1.2.3.4 port 5000');
  assert.equal(bare.source?.ip, '1.2.3.4');
  assert.equal(bare.user, undefined);
});

test('Received disconnect, new and old forms; the client text is the reason', () => {
  const modern = eventOf(SSHD, 'Received disconnect from 1.2.3.4 port 5000:11: disconnected by user');
  assert.equal(modern.event.action, 'ssh_disconnect');
  assert.deepEqual(modern.source, { ip: '1.2.3.4', port: 5000 });
  assert.equal(modern.event.reason, 'disconnected by user');
  const old = eventOf(SSHD, 'Received disconnect from 139.59.209.18: 11: Bye Bye [preauth]');
  assert.deepEqual(old.source, { ip: '139.59.209.18' });
  assert.equal(old.event.reason, 'Bye Bye');
  const error = eventOf(SSHD, 'error: Received disconnect from 103.99.0.122: 14: No more user authentication methods available. [preauth]');
  assert.equal(error.event.action, 'ssh_disconnect');
  assert.equal(error.event.reason, 'No more user authentication methods available.');
  const ipv6 = eventOf(SSHD, 'Received disconnect from 2001:db8::1 port 22:11: from 9.9.9.9 port 1');
  assert.equal(ipv6.source?.ip, '2001:db8::1');
  assert.equal(ipv6.event.reason, 'from 9.9.9.9 port 1');
});

test('reverse mapping failures: the attacker-chosen host is a domain, the bracketed address the source', () => {
  const event = eventOf(SSHD, 'reverse mapping checking getaddrinfo for ns.marryaldkfaczcz.com [173.234.31.186] failed - POSSIBLE BREAK-IN ATTEMPT!');
  assert.equal(event.event.action, 'ssh_reverse_mapping_failed');
  assert.deepEqual(event.source, { ip: '173.234.31.186', domain: 'ns.marryaldkfaczcz.com' });
  assert.deepEqual(event.related?.hosts, ['bastion', 'ns.marryaldkfaczcz.com']);
  const tricky = eventOf(SSHD, 'reverse mapping checking getaddrinfo for a [6.6.6.6] b [9.9.9.9] failed - POSSIBLE BREAK-IN ATTEMPT!');
  assert.equal(tricky.source?.ip, '9.9.9.9');
  assert.equal(tricky.source.domain, 'a [6.6.6.6] b');
  const maps = eventOf(SSHD, 'Address 1.2.3.4 maps to evil.example, but this does not map back to the address - POSSIBLE BREAK-IN ATTEMPT!');
  assert.equal(maps.event.action, 'ssh_reverse_mapping_failed');
  assert.deepEqual(maps.source, { ip: '1.2.3.4', domain: 'evil.example' });
});

test('Did not receive identification string and Timeout before authentication', () => {
  const ident = eventOf(SSHD, 'Did not receive identification string from 103.207.39.212');
  assert.equal(ident.event.action, 'ssh_disconnect');
  assert.equal(ident.source?.ip, '103.207.39.212');
  const timeout = eventOf(SSHD, 'Timeout before authentication for 1.2.3.4 port 60000');
  assert.deepEqual(timeout.source, { ip: '1.2.3.4', port: 60000 });
});

test('message repeated N times keeps the count and interprets the inner message', () => {
  const [parsed] = parseLines(['Dec 10 07:13:56 LabSZ sshd[24227]: message repeated 5 times: [ Failed password for root from 5.36.59.76 port 42393 ssh2]']);
  const event = parsed!.event;
  assert.equal(event.event.action, 'ssh_login');
  assert.equal(event.event.outcome, 'failure');
  assert.equal(event.user?.name, 'root');
  assert.deepEqual(event.rsyslog, { repeat_count: 5 });
  assert.equal(event.message, 'message repeated 5 times: [ Failed password for root from 5.36.59.76 port 42393 ssh2]');
  const unknown = eventOf(SSHD, 'message repeated 2 times: [ something else]');
  assert.equal(unknown.event.action, 'ssh_other');
  assert.deepEqual(unknown.rsyslog, { repeat_count: 2 });
});

test('other sshd lines are ssh_other, not understood, and carry no guessed fields', () => {
  const [parsed] = parseLines(['Dec 10 06:55:46 LabSZ sshd[24200]: input_userauth_request: invalid user webmaster [preauth]']);
  assert.equal(parsed!.understood, false);
  assert.equal(parsed!.event.event.action, 'ssh_other');
  assert.equal(parsed!.event.event.dataset, 'system.auth');
  assert.equal(parsed!.event.user, undefined);
  assert.equal(parsed!.event.event.category, undefined);
  for (const message of ['Server listening on 0.0.0.0 port 22.', 'fatal: Write failed: Connection reset by peer [preauth]', 'PAM service(sshd) ignoring max retries; 6 > 3', '']) {
    assert.equal(eventOf(SSHD, message).event.action, 'ssh_other', message);
  }
});
