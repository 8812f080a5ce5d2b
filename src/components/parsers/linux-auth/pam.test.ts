import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventOf, parseLines } from './event-assertions.js';

test('pam_unix authentication failure with an address, a host name, with and without user=', () => {
  const full = eventOf('sshd[1]', 'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=1.2.3.4  user=root');
  assert.equal(full.event.action, 'pam_auth_failure');
  assert.equal(full.event.outcome, 'failure');
  assert.deepEqual(full.event.category, ['authentication']);
  assert.equal(full.user?.name, 'root');
  assert.deepEqual(full.source, { ip: '1.2.3.4' });
  const host = eventOf('sshd[1]', 'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=220-135-151-1.hinet-ip.hinet.net  user=root');
  assert.deepEqual(host.source, { domain: '220-135-151-1.hinet-ip.hinet.net' });
  assert.deepEqual(host.related?.hosts, ['bastion', '220-135-151-1.hinet-ip.hinet.net']);
  const noUser = eventOf('sshd[1]', 'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=1.2.3.4');
  assert.equal(noUser.user, undefined);
  assert.equal(noUser.source?.ip, '1.2.3.4');
  const sudo = eventOf('sudo', 'pam_unix(sudo:auth): authentication failure; logname=alice uid=1000 euid=0 tty=/dev/pts/1 ruser=alice rhost=  user=alice');
  assert.equal(sudo.event.action, 'pam_auth_failure');
  assert.equal(sudo.user?.name, 'alice');
  assert.equal(sudo.source, undefined);
  const su = eventOf('su[77]', 'pam_unix(su:auth): authentication failure; logname=bob uid=1001 euid=0 tty=pts/0 ruser=bob rhost=  user=root');
  assert.equal(su.user?.name, 'root');
  assert.deepEqual(su.related?.user, ['root', 'bob']);
});

test('check pass; user unknown', () => {
  const event = eventOf('sshd[1]', 'pam_unix(sshd:auth): check pass; user unknown');
  assert.equal(event.event.action, 'pam_check_pass_unknown_user');
  assert.equal(event.event.outcome, 'failure');
});

test('PAM sessions, new and old forms, with and without an invoking user', () => {
  const modern = eventOf('sshd[1]', 'pam_unix(sshd:session): session opened for user alice(uid=1000) by (uid=0)');
  assert.equal(modern.event.action, 'session_opened');
  assert.deepEqual(modern.event.category, ['session']);
  assert.deepEqual(modern.event.type, ['start']);
  assert.equal(modern.event.outcome, 'success');
  assert.deepEqual(modern.user, { name: 'alice', id: '1000' });
  const old = eventOf('sshd[1]', 'pam_unix(sshd:session): session opened for user test by (uid=0)');
  assert.deepEqual(old.user, { name: 'test' });
  const sudo = eventOf('sudo', 'pam_unix(sudo:session): session opened for user root(uid=0) by alice(uid=1000)');
  assert.deepEqual(sudo.user, { name: 'root', id: '0' });
  assert.deepEqual(sudo.related?.user, ['root', 'alice']);
  const closed = eventOf('CRON[5]', 'pam_unix(cron:session): session closed for user root');
  assert.equal(closed.event.action, 'session_closed');
  assert.deepEqual(closed.event.type, ['end']);
  assert.equal(closed.user?.name, 'root');
  const login = eventOf('login[9]', 'pam_unix(login:session): session opened for user root(uid=0) by LOGIN(uid=0)');
  assert.equal(login.event.action, 'session_opened');
  assert.equal(login.event.dataset, 'system.auth');
});

test('passwd password change', () => {
  const event = eventOf('passwd[300]', 'pam_unix(passwd:chauthtok): password changed for mallory');
  assert.equal(event.event.action, 'password_changed');
  assert.deepEqual(event.event.category, ['iam']);
  assert.deepEqual(event.event.type, ['user', 'change']);
  assert.equal(event.user?.target?.name, 'mallory');
});

test('legacy PROGRAM(pam_unix)[pid] tags carry PAM bodies without the prefix', () => {
  const lines = [
    'Jun 15 02:04:59 combo sshd(pam_unix)[20882]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=220-135-151-1.hinet-ip.hinet.net  user=root',
    'Jun 14 15:16:02 combo sshd(pam_unix)[19937]: check pass; user unknown',
    'Jun 15 04:06:18 combo su(pam_unix)[21416]: session opened for user cyrus by (uid=0)',
    'Jun 15 04:06:19 combo su(pam_unix)[21416]: session closed for user cyrus',
  ];
  const events = parseLines(lines, { year: 2005 }).map((parsed) => parsed.event);
  assert.deepEqual(events.map((event) => event.event.action), ['pam_auth_failure', 'pam_check_pass_unknown_user', 'session_opened', 'session_closed']);
  assert.equal(events[0]!.process?.name, 'sshd');
  assert.equal(events[0]!.log?.syslog?.appname, 'sshd(pam_unix)');
  assert.equal(events[2]!.process?.name, 'su');
  assert.equal(events[2]!.user?.name, 'cyrus');
});

test('libpam summary: PAM N more authentication failures', () => {
  const event = eventOf('sshd[1]', 'PAM 2 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=1.2.3.4  user=root');
  assert.equal(event.event.action, 'pam_auth_failure');
  assert.equal(event.user?.name, 'root');
  assert.equal(event.source?.ip, '1.2.3.4');
});

test('unknown PAM messages of unknown programs stay generic syslog', () => {
  const event = eventOf('systemd[1]', 'pam_unix(systemd-user:account): something new');
  assert.equal(event.event.action, 'syslog');
  assert.equal(event.event.dataset, 'system.syslog');
});
