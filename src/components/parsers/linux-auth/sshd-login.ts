import { matchesAt, matchesEnd, sliceClipped } from '../text/scan.js';
import type { AuthFacts, Outcome } from './auth-facts.js';
import { readAddressTail, readSshUser, readUserAndAddress } from './address-tail.js';

/** Longest OpenSSH method name (`keyboard-interactive/pam`, `gssapi-with-mic`, …) we accept. */
const MAX_METHOD = 40;

function outcomeOfVerb(text: string, verbEnd: number): Outcome | undefined {
  switch (verbEnd) {
    case 8:
      return matchesAt(text, 0, 'Accepted') ? 'success' : undefined;
    case 6:
      return matchesAt(text, 0, 'Failed') ? 'failure' : undefined;
    case 7:
      return matchesAt(text, 0, 'Partial') ? 'unknown' : undefined;
    case 9:
      return matchesAt(text, 0, 'Postponed') ? 'unknown' : undefined;
    default:
      return undefined;
  }
}

/**
 * `{Accepted|Failed|Partial|Postponed} METHOD for [invalid user ]USER from IP port N ssh2[: KEYTYPE SHA256:…]`
 * (OpenSSH `auth_log`). Everything right of the user is written by sshd itself, so the line is read from
 * the right: the signature after the last `ssh2: `, then the port, the address, `from`; the user is what
 * remains, spaces and all.
 */
export function readAuthResult(text: string, facts: AuthFacts): boolean {
  const end = text.length;
  const verbEnd = text.indexOf(' ');
  const outcome = outcomeOfVerb(text, verbEnd);
  if (outcome === undefined) return false;
  const forAt = text.indexOf(' for ', verbEnd);
  if (forAt <= verbEnd + 1 || forAt - verbEnd - 1 > MAX_METHOD || text.indexOf(' ', verbEnd + 1) !== forAt) return false;
  let tailEnd: number;
  let signature = '';
  if (matchesEnd(text, ' ssh2')) {
    tailEnd = end - 5;
  } else {
    tailEnd = text.lastIndexOf(' ssh2: ');
    if (tailEnd <= forAt) return false;
    signature = sliceClipped(text, tailEnd + 7, end);
  }
  const userStart = forAt + 5;
  const ipStart = readAddressTail(text, userStart, tailEnd, facts, 'required');
  if (ipStart < 0 || ipStart - 6 < userStart - 1 || !matchesAt(text, ipStart - 6, ' from ')) return false;
  readSshUser(text, userStart, ipStart - 6, facts);
  facts.sshEvent = text.slice(0, verbEnd);
  facts.sshMethod = text.slice(verbEnd + 1, forAt);
  facts.sshSignature = signature;
  facts.classify('ssh_login', 'authentication', outcome === 'success' ? 'start' : 'info', outcome);
  return true;
}

const INVALID_USER = 'Invalid user ';

/** `Invalid user USER from IP[ port N]` (the port appeared in OpenSSH 7.5). */
export function readInvalidUser(text: string, facts: AuthFacts): boolean {
  const userStart = INVALID_USER.length;
  const ipStart = readAddressTail(text, userStart, text.length, facts, 'optional');
  if (ipStart < 0 || ipStart - 6 < userStart - 1 || !matchesAt(text, ipStart - 6, ' from ')) return false;
  facts.userName = ipStart - 6 > userStart ? sliceClipped(text, userStart, ipStart - 6) : '';
  facts.sshInvalidUser = 1;
  facts.classify('ssh_invalid_user', 'authentication', 'info', 'failure');
  return true;
}

const MAX_ATTEMPTS = 'maximum authentication attempts exceeded for ';
const TOO_MANY_OLD = 'Disconnecting: Too many authentication failures for ';
const TOO_MANY_SUFFIX = ': Too many authentication failures';
const DISCONNECTING = 'Disconnecting ';

/**
 * The "too many attempts" family (`[preauth]` already removed):
 * `maximum authentication attempts exceeded for [invalid user ]USER from IP port N ssh2`,
 * `Disconnecting: Too many authentication failures for USER` (before OpenSSH 7.x), and
 * `Disconnecting {authenticating|invalid} user USER IP port N: Too many authentication failures`.
 */
export function readMaxAttempts(text: string, facts: AuthFacts): boolean {
  const end = text.length;
  if (matchesAt(text, 0, MAX_ATTEMPTS)) {
    if (!matchesEnd(text, ' ssh2')) return false;
    const userStart = MAX_ATTEMPTS.length;
    const ipStart = readAddressTail(text, userStart, end - 5, facts, 'required');
    if (ipStart < 0 || ipStart - 6 < userStart - 1 || !matchesAt(text, ipStart - 6, ' from ')) return false;
    readSshUser(text, userStart, ipStart - 6, facts);
  } else if (matchesAt(text, 0, TOO_MANY_OLD)) {
    facts.userName = sliceClipped(text, TOO_MANY_OLD.length, end);
  } else if (matchesAt(text, 0, DISCONNECTING) && matchesEnd(text, TOO_MANY_SUFFIX)) {
    const kind = readUserAndAddress(text, DISCONNECTING.length, end - TOO_MANY_SUFFIX.length, facts);
    if (kind === undefined) return false;
  } else {
    return false;
  }
  facts.classify('ssh_max_auth_attempts', 'authentication', 'info', 'failure');
  return true;
}
