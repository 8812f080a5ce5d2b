import { isIpAddress } from '../../../lib/ip.js';
import { digitsStartBefore, matchesAt, parseDecimal, sliceClipped } from '../text/scan.js';
import type { AuthFacts } from './auth-facts.js';

/**
 * `pam_MODULE(SERVICE:TYPE): BODY`, as every program using PAM logs it (sshd, sudo, su, cron, login, …).
 * Returns false when the prefix or the body is not one we interpret.
 */
export function interpretPam(text: string, facts: AuthFacts): boolean {
  const open = text.indexOf('(', 4);
  if (open < 0 || open > 32) return false;
  const close = text.indexOf('): ', open);
  if (close < 0 || close - open > 64) return false;
  return interpretPamBody(text, close + 3, facts);
}

const FAILURE = 'authentication failure;';
const SESSION_OPENED = 'session opened for user ';
const SESSION_CLOSED = 'session closed for user ';
const PASSWORD_CHANGED = 'password changed for ';

/**
 * A pam_unix message body starting at `start`. Old syslog setups tag these lines `sshd(pam_unix)[pid]:`
 * and drop the `pam_unix(…): ` prefix, so the body is also read on its own.
 */
export function interpretPamBody(text: string, start: number, facts: AuthFacts): boolean {
  // The first letter (and the ninth, for "session opened/closed") picks the one form to verify.
  switch (text.charCodeAt(start)) {
    case 97: // a
      return matchesAt(text, start, FAILURE) && readPamFailure(text, start + FAILURE.length, facts);
    case 99: // c
      if (!matchesAt(text, start, 'check pass; user unknown')) return false;
      facts.classify('pam_check_pass_unknown_user', 'authentication', 'info', 'failure');
      return true;
    case 115: // s
      if (text.charCodeAt(start + 8) === 111) return matchesAt(text, start, SESSION_OPENED) && readSession(text, start + SESSION_OPENED.length, true, facts);
      return matchesAt(text, start, SESSION_CLOSED) && readSession(text, start + SESSION_CLOSED.length, false, facts);
    case 112: // p
      if (!matchesAt(text, start, PASSWORD_CHANGED)) return false;
      facts.targetName = sliceClipped(text, start + PASSWORD_CHANGED.length, text.length);
      facts.classify('password_changed', 'iam', 'user', 'success', 'change');
      return true;
    default:
      return false;
  }
}

/**
 * `logname=… uid=N euid=N tty=… ruser=… rhost=…[  user=…]` after `authentication failure;` (also after
 * libpam's `PAM N more authentication failures;`). rhost is an address or a host name from reverse
 * DNS; `user=` comes last and takes the rest of the line.
 */
export function readPamFailure(text: string, start: number, facts: AuthFacts): boolean {
  const rhostAt = text.indexOf(' rhost=', start);
  if (rhostAt < 0) return false;
  const rhostStart = rhostAt + 7;
  let rhostEnd = text.indexOf(' ', rhostStart);
  if (rhostEnd < 0) rhostEnd = text.length;
  if (isIpAddress(text, rhostStart, rhostEnd)) facts.sourceIp = text.slice(rhostStart, rhostEnd);
  else if (rhostEnd > rhostStart) facts.sourceDomain = sliceClipped(text, rhostStart, rhostEnd);
  const userAt = text.indexOf(' user=', rhostEnd);
  if (userAt >= 0) facts.userName = sliceClipped(text, userAt + 6, text.length);
  const ruserAt = text.lastIndexOf(' ruser=', rhostAt);
  if (ruserAt >= start && rhostAt > ruserAt + 7) {
    const ruser = sliceClipped(text, ruserAt + 7, rhostAt);
    if (ruser !== facts.userName) facts.otherUser = ruser;
  }
  facts.classify('pam_auth_failure', 'authentication', 'info', 'failure');
  return true;
}

/**
 * `USER[(uid=N)] by [NAME](uid=N)` after `session opened for user`, or `USER` after `session closed for user`.
 * Read from the right, where the fixed `(uid=N)` parts are. The `by` name (sudo's and su's invoking user)
 * is kept as another related user.
 */
function readSession(text: string, start: number, opened: boolean, facts: AuthFacts): boolean {
  let userEnd = text.length;
  if (opened) {
    const actorEnd = uidStart(text, start, text.length);
    if (actorEnd >= 0) {
      const space = text.lastIndexOf(' ', actorEnd - 1) + 1;
      if (space - 4 >= start && matchesAt(text, space - 4, ' by ')) {
        if (actorEnd > space) facts.otherUser = sliceClipped(text, space, actorEnd);
        userEnd = space - 4;
      }
    }
  }
  const uidAt = uidStart(text, start, userEnd);
  if (uidAt >= 0) {
    facts.userId = text.slice(uidAt + 5, userEnd - 1);
    userEnd = uidAt;
  }
  if (userEnd <= start) return false;
  facts.userName = sliceClipped(text, start, userEnd);
  if (facts.otherUser === facts.userName) facts.otherUser = '';
  facts.classify(opened ? 'session_opened' : 'session_closed', 'session', opened ? 'start' : 'end', 'success');
  return true;
}

/** Where `(uid=N)` starts when `text[start, end)` ends with it, else -1. */
function uidStart(text: string, start: number, end: number): number {
  if (text.charCodeAt(end - 1) !== 41) return -1;
  const digits = digitsStartBefore(text, end - 1, start, 10);
  if (digits === end - 1 || parseDecimal(text, digits, end - 1, 0xffffffff) < 0) return -1;
  return digits - 5 >= start && matchesAt(text, digits - 5, '(uid=') ? digits - 5 : -1;
}
