import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventOf, parseLines } from './event-assertions.js';

const SSHD = 'sshd[4242]';

test('Accepted password: user, source, method, outcome, categories', () => {
  const event = eventOf(SSHD, 'Accepted password for alice from 10.1.2.3 port 51234 ssh2');
  assert.equal(event.event.action, 'ssh_login');
  assert.equal(event.event.outcome, 'success');
  assert.deepEqual(event.event.category, ['authentication']);
  assert.deepEqual(event.event.type, ['start']);
  assert.equal(event.event.dataset, 'system.auth');
  assert.equal(event.event.module, 'system');
  assert.equal(event.user?.name, 'alice');
  assert.deepEqual(event.source, { ip: '10.1.2.3', port: 51234 });
  assert.deepEqual(event.system?.auth?.ssh, { method: 'password', event: 'Accepted', invalid_user: false });
  assert.deepEqual(event.related, { ip: ['10.1.2.3'], user: ['alice'], hosts: ['bastion'] });
  assert.deepEqual(event.process, { name: 'sshd', pid: 4242 });
  assert.equal(event.host?.name, 'bastion');
});

test('Accepted publickey keeps the key type and fingerprint as the signature', () => {
  const event = eventOf(SSHD, 'Accepted publickey for bob from 2001:db8::7 port 40022 ssh2: ED25519 SHA256:AbCdEf0123456789+/xyz');
  assert.equal(event.system?.auth?.ssh?.method, 'publickey');
  assert.equal(event.system.auth.ssh.signature, 'ED25519 SHA256:AbCdEf0123456789+/xyz');
  assert.equal(event.source?.ip, '2001:db8::7');
  assert.equal(event.user?.name, 'bob');
});

test('every authentication method and verb', () => {
  const cases: [string, string, string][] = [
    ['Failed password for root from 1.2.3.4 port 22 ssh2', 'password', 'failure'],
    ['Failed password for invalid user admin from 1.2.3.4 port 22 ssh2', 'password', 'failure'],
    ['Accepted keyboard-interactive/pam for carol from 1.2.3.4 port 22 ssh2', 'keyboard-interactive/pam', 'success'],
    ['Failed none for invalid user guest from 1.2.3.4 port 22 ssh2', 'none', 'failure'],
    ['Accepted hostbased for dave from 1.2.3.4 port 22 ssh2: RSA SHA256:zzz', 'hostbased', 'success'],
    ['Accepted gssapi-with-mic for erin from 1.2.3.4 port 22 ssh2', 'gssapi-with-mic', 'success'],
    ['Partial publickey for frank from 1.2.3.4 port 22 ssh2: ED25519 SHA256:k', 'publickey', 'unknown'],
    ['Postponed keyboard-interactive for grace from 1.2.3.4 port 22 ssh2 [preauth]', 'keyboard-interactive', 'unknown'],
  ];
  for (const [message, method, outcome] of cases) {
    const event = eventOf(SSHD, message);
    assert.equal(event.event.action, 'ssh_login', message);
    assert.equal(event.system?.auth?.ssh?.method, method, message);
    assert.equal(event.event.outcome, outcome, message);
    assert.equal(event.source?.ip, '1.2.3.4', message);
  }
  const invalid = eventOf(SSHD, 'Failed password for invalid user admin from 1.2.3.4 port 22 ssh2');
  assert.equal(invalid.user?.name, 'admin');
  assert.equal(invalid.system?.auth?.ssh?.invalid_user, true);
});

test('attacker-controlled user names cannot move the source address', () => {
  const cases: [string, string][] = [
    ['Failed password for invalid user admin from 6.6.6.6 port 1 ssh2 from 9.9.9.9 port 22 ssh2', 'admin from 6.6.6.6 port 1 ssh2'],
    ['Failed password for invalid user port 80 from 9.9.9.9 port 22 ssh2', 'port 80'],
    ['Failed password for invalid user a b  c from 9.9.9.9 port 22 ssh2', 'a b  c'],
    ['Failed password for invalid user x ssh2: RSA SHA256:fake from 9.9.9.9 port 22 ssh2', 'x ssh2: RSA SHA256:fake'],
    ['Failed password for invalid user  from 9.9.9.9 port 22 ssh2', ''],
    ['Failed password for invalid user invalid user x from 9.9.9.9 port 22 ssh2', 'invalid user x'],
  ];
  for (const [message, user] of cases) {
    const event = eventOf(SSHD, message);
    assert.equal(event.event.action, 'ssh_login', message);
    assert.equal(event.source?.ip, '9.9.9.9', message);
    assert.equal(event.source.port, 22, message);
    assert.equal(event.user?.name, user === '' ? undefined : user, message);
    assert.equal(event.system?.auth?.ssh?.invalid_user, true, message);
  }
  const withSignature = eventOf(SSHD, 'Accepted publickey for x ssh2: from 6.6.6.6 port 1 from 9.9.9.9 port 22 ssh2: RSA SHA256:real');
  assert.equal(withSignature.source?.ip, '9.9.9.9');
  assert.equal(withSignature.system?.auth?.ssh?.signature, 'RSA SHA256:real');
  assert.equal(withSignature.user?.name, 'x ssh2: from 6.6.6.6 port 1');
});

test('Invalid user, with and without a port, with hostile names', () => {
  const modern = eventOf(SSHD, 'Invalid user admin from 1.2.3.4 port 5022');
  assert.equal(modern.event.action, 'ssh_invalid_user');
  assert.equal(modern.event.outcome, 'failure');
  assert.equal(modern.user?.name, 'admin');
  assert.deepEqual(modern.source, { ip: '1.2.3.4', port: 5022 });
  assert.equal(modern.system?.auth?.ssh?.invalid_user, true);
  const old = eventOf(SSHD, 'Invalid user webmaster from 173.234.31.186');
  assert.deepEqual(old.source, { ip: '173.234.31.186' });
  const hostile = eventOf(SSHD, 'Invalid user admin from 1.2.3.4 from 9.9.9.9 port 22');
  assert.equal(hostile.source?.ip, '9.9.9.9');
  assert.equal(hostile.user?.name, 'admin from 1.2.3.4');
  const empty = eventOf(SSHD, 'Invalid user  from 9.9.9.9 port 22');
  assert.equal(empty.event.action, 'ssh_invalid_user');
  assert.equal(empty.user, undefined);
});

test('an address that is not an IP is never a source.ip', () => {
  for (const message of ['Invalid user x from 999.1.1.1 port 22', 'Failed password for x from evil.example port 22 ssh2', 'Failed password for x from 1.2.3.4 port 99999 ssh2']) {
    const event = eventOf(SSHD, message);
    assert.equal(event.event.action, 'ssh_other', message);
    assert.equal(event.source, undefined, message);
  }
});

test('maximum authentication attempts, old and new forms', () => {
  const modern = eventOf(SSHD, 'error: maximum authentication attempts exceeded for invalid user oracle from 1.2.3.4 port 4444 ssh2 [preauth]');
  assert.equal(modern.event.action, 'ssh_max_auth_attempts');
  assert.equal(modern.event.outcome, 'failure');
  assert.equal(modern.user?.name, 'oracle');
  assert.equal(modern.system?.auth?.ssh?.invalid_user, true);
  assert.deepEqual(modern.source, { ip: '1.2.3.4', port: 4444 });
  const old = eventOf(SSHD, 'Disconnecting: Too many authentication failures for root [preauth]');
  assert.equal(old.event.action, 'ssh_max_auth_attempts');
  assert.equal(old.user?.name, 'root');
  const middle = eventOf(SSHD, 'Disconnecting authenticating user root 1.2.3.4 port 4444: Too many authentication failures [preauth]');
  assert.equal(middle.event.action, 'ssh_max_auth_attempts');
  assert.equal(middle.user?.name, 'root');
  assert.equal(middle.source?.ip, '1.2.3.4');
});

test('sshd-session (OpenSSH ≥ 9.8) and ISO-timestamped lines are read like sshd', () => {
  const [parsed] = parseLines(['2026-11-02T08:38:24.123456+00:00 bastion sshd-session[99]: Accepted publickey for alice from 10.0.0.5 port 40000 ssh2: ED25519 SHA256:x']);
  assert.equal(parsed!.event.event.action, 'ssh_login');
  assert.equal(parsed!.event['@timestamp'], '2026-11-02T08:38:24.123Z');
  assert.equal(parsed!.event.process?.name, 'sshd-session');
  assert.equal(parsed!.understood, true);
});
