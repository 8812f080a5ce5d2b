import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventOf } from './event-assertions.js';

test('useradd: new user and new group', () => {
  const user = eventOf('useradd[900]', 'new user: name=svc-backup, UID=2042, GID=2042, home=/home/svc-backup, shell=/bin/bash, from=/dev/pts/0');
  assert.equal(user.event.action, 'user_created');
  assert.deepEqual(user.event.category, ['iam']);
  assert.deepEqual(user.event.type, ['user', 'creation']);
  assert.deepEqual(user.user?.target, { name: 'svc-backup', id: '2042' });
  assert.deepEqual(user.group, { id: '2042' });
  const group = eventOf('useradd[900]', 'new group: name=svc-backup, GID=2042');
  assert.equal(group.event.action, 'group_created');
  assert.deepEqual(group.event.type, ['group', 'creation']);
  assert.deepEqual(group.group, { name: 'svc-backup', id: '2042' });
});

test('groupadd forms', () => {
  assert.deepEqual(eventOf('groupadd[5]', 'group added to /etc/group: name=devs, GID=1005').group, { name: 'devs', id: '1005' });
  assert.deepEqual(eventOf('groupadd[5]', 'group added to /etc/gshadow: name=devs').group, { name: 'devs' });
  assert.equal(eventOf('groupadd[5]', 'new group: name=devs, GID=1005').event.action, 'group_created');
});

test('usermod: group membership and other changes', () => {
  for (const message of ["add 'sysadm' to group 'sudo'", "add 'sysadm' to shadow group 'sudo'"]) {
    const event = eventOf('usermod[7]', message);
    assert.equal(event.event.action, 'group_member_added', message);
    assert.deepEqual(event.event.type, ['group', 'change']);
    assert.equal(event.user?.target?.name, 'sysadm');
    assert.deepEqual(event.user.target.group, { name: 'sudo' });
    assert.deepEqual(event.group, { name: 'sudo' });
  }
  const shell = eventOf('usermod[7]', "change user 'bob' shell from '/bin/sh' to '/bin/bash'");
  assert.equal(shell.event.action, 'user_modified');
  assert.equal(shell.user?.target?.name, 'bob');
  assert.equal(eventOf('usermod[7]', "lock user 'bob' password").event.action, 'user_modified');
  const removed = eventOf('usermod[7]', "delete 'bob' from group 'sudo'");
  assert.equal(removed.event.action, 'user_modified');
  assert.equal(removed.group?.name, 'sudo');
});

test('gpasswd: added by an administrator', () => {
  const event = eventOf('gpasswd[8]', 'user mallory added by root to group sudo');
  assert.equal(event.event.action, 'group_member_added');
  assert.equal(event.user?.name, 'root');
  assert.equal(event.user.target?.name, 'mallory');
  assert.equal(event.group?.name, 'sudo');
  assert.deepEqual(event.related?.user, ['root', 'mallory']);
  assert.equal(eventOf('gpasswd[8]', 'user mallory removed by root from group sudo').event.action, 'user_modified');
});

test('userdel and passwd', () => {
  const deleted = eventOf('userdel[9]', "delete user 'svc-backup'");
  assert.equal(deleted.event.action, 'user_deleted');
  assert.deepEqual(deleted.event.type, ['user', 'deletion']);
  assert.equal(deleted.user?.target?.name, 'svc-backup');
  const changed = eventOf('passwd[10]', "password for 'bob' changed by 'root'");
  assert.equal(changed.event.action, 'password_changed');
  assert.equal(changed.user?.target?.name, 'bob');
  assert.equal(changed.user.name, 'root');
  assert.equal(eventOf('userdel[9]', "removed group 'x' owned by 'x'").event.action, 'syslog');
});
