import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventOf } from './event-assertions.js';

test('sudo command: invoking user, run-as user, tty, pwd, command', () => {
  const event = eventOf('sudo', '   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/apt update');
  assert.equal(event.event.action, 'sudo_command');
  assert.deepEqual(event.event.category, ['process']);
  assert.equal(event.event.outcome, 'success');
  assert.equal(event.user?.name, 'alice');
  assert.equal(event.user.effective?.name, 'root');
  assert.deepEqual(event.system?.auth?.sudo, { tty: 'pts/0', pwd: '/home/alice', user: 'root', command: '/usr/bin/apt update' });
  assert.deepEqual(event.related?.user, ['alice', 'root']);
  assert.equal(event.process?.pid, undefined);
});

test('sudo command with ENV and a command containing the separator', () => {
  const event = eventOf('sudo[12]', 'bob : TTY=unknown ; PWD=/ ; USER=postgres ; ENV=A=1 ; COMMAND=/bin/sh -c echo a ; USER=root ; COMMAND=/bin/true');
  assert.equal(event.system?.auth?.sudo?.user, 'postgres');
  assert.equal(event.system.auth.sudo.command, '/bin/sh -c echo a ; USER=root ; COMMAND=/bin/true');
});

test('sudo refusals and password failures', () => {
  const refused = eventOf('sudo', '   mallory : user NOT in sudoers ; TTY=pts/1 ; PWD=/tmp ; USER=root ; COMMAND=/bin/bash');
  assert.equal(refused.event.action, 'sudo_refused');
  assert.equal(refused.event.outcome, 'failure');
  assert.equal(refused.system?.auth?.sudo?.error, 'user NOT in sudoers');
  assert.equal(refused.system.auth.sudo.command, '/bin/bash');
  assert.equal(refused.user?.name, 'mallory');
  const notAllowed = eventOf('sudo', 'bob : command not allowed ; TTY=pts/1 ; PWD=/ ; USER=root ; COMMAND=/bin/cat /etc/shadow');
  assert.equal(notAllowed.event.action, 'sudo_refused');
  const attempts = eventOf('sudo', '   alice : 3 incorrect password attempts ; TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id');
  assert.equal(attempts.event.action, 'sudo_auth_failure');
  assert.equal(attempts.system?.auth?.sudo?.error, '3 incorrect password attempts');
  assert.equal(attempts.system.auth.sudo.tty, 'pts/0');
});

test('other sudo lines stay generic, in the auth dataset', () => {
  const event = eventOf('sudo', 'unable to resolve host web-01: Name or service not known');
  assert.equal(event.event.action, 'syslog');
  assert.equal(event.event.dataset, 'system.auth');
});

test('su: success, failure, and the shadow-utils forms', () => {
  const success = eventOf('su[88]', '(to root) alice on pts/0');
  assert.equal(success.event.action, 'su_attempt');
  assert.equal(success.event.outcome, 'success');
  assert.equal(success.user?.name, 'alice');
  assert.equal(success.user.effective?.name, 'root');
  const failure = eventOf('su[88]', 'FAILED SU (to root) alice on pts/0');
  assert.equal(failure.event.action, 'su_attempt');
  assert.equal(failure.event.outcome, 'failure');
  assert.equal(failure.user?.name, 'alice');
  const shadow = eventOf('su[88]', 'FAILED su for root by bob');
  assert.equal(shadow.event.outcome, 'failure');
  assert.equal(shadow.user?.name, 'bob');
  assert.equal(shadow.user.effective?.name, 'root');
  assert.equal(eventOf('su[88]', 'Successful su for postgres by root').event.outcome, 'success');
  const session = eventOf('su[88]', 'pam_unix(su:session): session opened for user root(uid=0) by alice(uid=1000)');
  assert.equal(session.event.action, 'session_opened');
});
