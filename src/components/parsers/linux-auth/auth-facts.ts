import type { AuthAction } from '../../../schema/event.js';

/** ECS `event.outcome` values a Linux auth line can state. */
export type Outcome = 'success' | 'failure' | 'unknown';

/**
 * What the interpreters learned from one message, flat and reused for every line (reset, then filled),
 * so that interpreting allocates only the strings it extracts. An empty string means "not stated";
 * {@link buildAuthEvent} turns the facts into the nested ECS event. Values are already clipped.
 */
export class AuthFacts {
  action: AuthAction = 'syslog';
  /** The program, `appname` without a legacy `(pam_unix)` suffix: `process.name`. */
  program = '';
  /** The line belongs to `system.auth` (an auth program or a PAM message) rather than `system.syslog`. */
  auth = false;
  category = '';
  type = '';
  /** A second `event.type`, e.g. 'creation' after 'user'. */
  type2 = '';
  outcome: Outcome | '' = '';
  reason = '';
  userName = '';
  userId = '';
  effectiveName = '';
  effectiveId = '';
  targetName = '';
  targetId = '';
  groupName = '';
  groupId = '';
  /** Another account the line names (the `by` user of a PAM session, the `ruser` of a PAM failure). */
  otherUser = '';
  sourceIp = '';
  sourcePort = -1;
  sourceDomain = '';
  commandLine = '';
  sshMethod = '';
  sshEvent = '';
  sshSignature = '';
  /** 1: the ssh user is unknown to the host, 0: known, -1: the line does not say. */
  sshInvalidUser = -1;
  sudoTty = '';
  sudoPwd = '';
  sudoUser = '';
  sudoCommand = '';
  sudoError = '';
  /** N of rsyslog's "message repeated N times: [ … ]"; 0 for an ordinary line. */
  repeatCount = 0;

  /** Forgets the previous line. */
  reset(): void {
    this.action = 'syslog';
    this.program = '';
    this.auth = false;
    this.category = '';
    this.type = '';
    this.type2 = '';
    this.outcome = '';
    this.reason = '';
    this.userName = '';
    this.userId = '';
    this.effectiveName = '';
    this.effectiveId = '';
    this.targetName = '';
    this.targetId = '';
    this.groupName = '';
    this.groupId = '';
    this.otherUser = '';
    this.sourceIp = '';
    this.sourcePort = -1;
    this.sourceDomain = '';
    this.commandLine = '';
    this.sshMethod = '';
    this.sshEvent = '';
    this.sshSignature = '';
    this.sshInvalidUser = -1;
    this.sudoTty = '';
    this.sudoPwd = '';
    this.sudoUser = '';
    this.sudoCommand = '';
    this.sudoError = '';
    this.repeatCount = 0;
  }

  /** Sets the classification of the line in one call. */
  classify(action: AuthAction, category: string, type: string, outcome: Outcome | '', type2 = ''): void {
    this.action = action;
    this.category = category;
    this.type = type;
    this.type2 = type2;
    this.outcome = outcome;
  }
}
