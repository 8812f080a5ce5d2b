import type { EcsEvent } from '../../../schema/event.js';
import type { SyslogFrame } from '../syslog/frame.js';
import type { AuthFacts } from './auth-facts.js';

type EventFields = EcsEvent['event'];
type UserFields = NonNullable<EcsEvent['user']>;
type SyslogFields = NonNullable<NonNullable<EcsEvent['log']>['syslog']>;
type SshFields = NonNullable<NonNullable<NonNullable<EcsEvent['system']>['auth']>['ssh']>;
type SudoFields = NonNullable<NonNullable<NonNullable<EcsEvent['system']>['auth']>['sudo']>;

/**
 * Assembles the ECS event of one line from its frame and the facts its message gave; the line came from
 * `filePath` (`log.file.path`), line `lineNumber` (`event.sequence`) at `byteOffset` (`log.offset`).
 * Objects are created only for what the line states: an event carries no empty `user: {}` or `source: {}`.
 */
export function buildAuthEvent(line: string, frame: SyslogFrame, facts: AuthFacts, filePath: string, lineNumber: number, byteOffset: number): EcsEvent {
  const dataset = facts.auth ? 'system.auth' : 'system.syslog';
  // Object literals with every key at once: adding keys one by one costs V8 a property store per object.
  const event: EventFields =
    facts.category === ''
      ? { kind: 'event', action: facts.action, dataset, module: 'system', original: line, sequence: lineNumber }
      : { kind: 'event', category: [facts.category], type: facts.type2 === '' ? [facts.type] : [facts.type, facts.type2], action: facts.action, dataset, module: 'system', original: line, sequence: lineNumber };
  if (facts.outcome !== '') event.outcome = facts.outcome;
  if (facts.reason !== '') event.reason = facts.reason;
  const log = { file: { path: filePath }, offset: byteOffset, syslog: syslogFields(frame) };
  const related = relatedFields(frame, facts);

  let out: EcsEvent;
  if (frame.hostname !== '' && facts.program !== '') {
    out = { '@timestamp': frame.timestamp, message: frame.message, event, host: { name: frame.hostname }, process: processFields(frame, facts), log, related };
  } else {
    out = { '@timestamp': frame.timestamp, message: frame.message, event, log, related };
    if (frame.hostname !== '') out.host = { name: frame.hostname };
    if (facts.program !== '') out.process = processFields(frame, facts);
  }
  if (facts.sourceIp !== '' || facts.sourceDomain !== '') {
    const source: NonNullable<EcsEvent['source']> = {};
    if (facts.sourceIp !== '') source.ip = facts.sourceIp;
    if (facts.sourcePort >= 0) source.port = facts.sourcePort;
    if (facts.sourceDomain !== '') source.domain = facts.sourceDomain;
    out.source = source;
  }
  const user = userFields(facts);
  if (user !== undefined) out.user = user;
  if (facts.groupName !== '' || facts.groupId !== '') {
    out.group = facts.groupId === '' ? { name: facts.groupName } : facts.groupName === '' ? { id: facts.groupId } : { name: facts.groupName, id: facts.groupId };
  }
  const ssh = sshFields(facts);
  const sudo = sudoFields(facts);
  if (ssh !== undefined || sudo !== undefined) out.system = { auth: ssh === undefined ? { sudo } : sudo === undefined ? { ssh } : { ssh, sudo } };
  // Not an ECS field: rsyslog's repeat count, under its vendor prefix (no ECS field says it).
  if (facts.repeatCount > 0) out.rsyslog = { repeat_count: facts.repeatCount };
  return out;
}

function processFields(frame: SyslogFrame, facts: AuthFacts): NonNullable<EcsEvent['process']> {
  const process: NonNullable<EcsEvent['process']> = frame.pid === undefined ? { name: facts.program } : { name: facts.program, pid: frame.pid };
  if (facts.commandLine !== '') process.command_line = facts.commandLine;
  return process;
}

function syslogFields(frame: SyslogFrame): SyslogFields {
  if (frame.appname !== '' && frame.hostname !== '' && frame.priority === undefined && frame.version === undefined) {
    return frame.procid === '' ? { appname: frame.appname, hostname: frame.hostname } : { appname: frame.appname, hostname: frame.hostname, procid: frame.procid };
  }
  const syslog: SyslogFields = {};
  if (frame.appname !== '') syslog.appname = frame.appname;
  if (frame.hostname !== '') syslog.hostname = frame.hostname;
  if (frame.procid !== '') syslog.procid = frame.procid;
  if (frame.priority !== undefined) syslog.priority = frame.priority;
  if (frame.version !== undefined) syslog.version = frame.version;
  return syslog;
}

function userFields(facts: AuthFacts): UserFields | undefined {
  if (facts.userName === '' && facts.userId === '' && facts.effectiveName === '' && facts.targetName === '' && facts.targetId === '') return undefined;
  const user: UserFields = {};
  if (facts.userName !== '') user.name = facts.userName;
  if (facts.userId !== '') user.id = facts.userId;
  if (facts.effectiveName !== '') user.effective = facts.effectiveId === '' ? { name: facts.effectiveName } : { name: facts.effectiveName, id: facts.effectiveId };
  if (facts.targetName !== '' || facts.targetId !== '') {
    const target: NonNullable<UserFields['target']> = {};
    if (facts.targetName !== '') target.name = facts.targetName;
    if (facts.targetId !== '') target.id = facts.targetId;
    if (facts.action === 'group_member_added' && facts.groupName !== '') target.group = { name: facts.groupName };
    user.target = target;
  }
  return user;
}

function relatedFields(frame: SyslogFrame, facts: AuthFacts): NonNullable<EcsEvent['related']> {
  const related: NonNullable<EcsEvent['related']> = {};
  if (facts.sourceIp !== '') related.ip = [facts.sourceIp];
  const users: string[] = [];
  addDistinct(users, facts.userName);
  addDistinct(users, facts.effectiveName);
  addDistinct(users, facts.targetName);
  addDistinct(users, facts.otherUser);
  if (users.length > 0) related.user = users;
  const hosts: string[] = [];
  addDistinct(hosts, frame.hostname);
  addDistinct(hosts, facts.sourceDomain);
  if (hosts.length > 0) related.hosts = hosts;
  return related;
}

function addDistinct(values: string[], value: string): void {
  if (value !== '' && !values.includes(value)) values.push(value);
}

function sshFields(facts: AuthFacts): SshFields | undefined {
  if (facts.sshMethod === '' && facts.sshEvent === '' && facts.sshSignature === '' && facts.sshInvalidUser < 0) return undefined;
  const ssh: SshFields = {};
  if (facts.sshMethod !== '') ssh.method = facts.sshMethod;
  if (facts.sshEvent !== '') ssh.event = facts.sshEvent;
  if (facts.sshSignature !== '') ssh.signature = facts.sshSignature;
  if (facts.sshInvalidUser >= 0) ssh.invalid_user = facts.sshInvalidUser === 1;
  return ssh;
}

function sudoFields(facts: AuthFacts): SudoFields | undefined {
  if (facts.action !== 'sudo_command' && facts.action !== 'sudo_refused' && facts.action !== 'sudo_auth_failure') return undefined;
  const sudo: SudoFields = {};
  if (facts.sudoTty !== '') sudo.tty = facts.sudoTty;
  if (facts.sudoPwd !== '') sudo.pwd = facts.sudoPwd;
  if (facts.sudoUser !== '') sudo.user = facts.sudoUser;
  if (facts.sudoCommand !== '') sudo.command = facts.sudoCommand;
  if (facts.sudoError !== '') sudo.error = facts.sudoError;
  return sudo;
}
