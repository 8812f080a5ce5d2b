import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventOf } from './event-assertions.js';

test('systemd-logind sessions', () => {
  const created = eventOf('systemd-logind[612]', 'New session 12 of user alice.');
  assert.equal(created.event.action, 'logind_session_new');
  assert.deepEqual(created.event.category, ['session']);
  assert.deepEqual(created.event.type, ['start']);
  assert.equal(created.user?.name, 'alice');
  const removed = eventOf('systemd-logind[612]', 'Removed session 12.');
  assert.equal(removed.event.action, 'logind_session_removed');
  assert.deepEqual(removed.event.type, ['end']);
  assert.equal(eventOf('systemd-logind[612]', 'New seat seat0.').event.action, 'syslog');
});

test('cron command and its PAM sessions', () => {
  const command = eventOf('CRON[4711]', '(root) CMD (cd / && run-parts --report /etc/cron.hourly)');
  assert.equal(command.event.action, 'cron_command');
  assert.deepEqual(command.event.category, ['process']);
  assert.equal(command.user?.name, 'root');
  assert.deepEqual(command.process, { name: 'CRON', pid: 4711, command_line: 'cd / && run-parts --report /etc/cron.hourly' });
  const nested = eventOf('CRON[4711]', '(www) CMD (php -r "echo (1) CMD (2);")');
  assert.equal(nested.user?.name, 'www');
  assert.equal(nested.process?.command_line, 'php -r "echo (1) CMD (2);"');
  assert.equal(eventOf('CRON[1]', 'pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)').event.action, 'session_opened');
  assert.equal(eventOf('CRON[1]', '(CRON) info (No MTA installed, discarding output)').event.action, 'syslog');
});
