import { matchesAt, matchesEnd } from '../text/scan.js';
import type { AuthFacts } from './auth-facts.js';
import { readPamFailure } from './pam.js';
import { readAddressOnly, readConnectionEnd, readReceivedDisconnect, readReverseMapping } from './sshd-connection.js';
import { readAuthResult, readInvalidUser, readMaxAttempts } from './sshd-login.js';

const PREAUTH = ' [preauth]';
const CLOSED = 'Connection closed by ';
const RESET = 'Connection reset by ';
const DISCONNECTED = 'Disconnected from ';
const NO_IDENTIFICATION = 'Did not receive identification string from ';
const TIMEOUT = 'Timeout before authentication for ';

/**
 * OpenSSH's messages (`sshd`, and `sshd-session` since OpenSSH 9.8). The `error: ` level prefix and the
 * ` [preauth]` suffix are removed first; then the first letter picks the few forms to try, so an
 * ordinary line costs a handful of `startsWith`.
 */
export function interpretSshd(message: string, facts: AuthFacts): boolean {
  let text = message;
  if (matchesAt(text, 0, 'error: ')) text = text.slice(7);
  if (matchesEnd(text, PREAUTH)) text = text.slice(0, text.length - PREAUTH.length);
  switch (text.charCodeAt(0)) {
    case 65: // A
      return matchesAt(text, 0, 'Accepted ') ? readAuthResult(text, facts) : readReverseMapping(text, facts);
    case 70: // F
    case 80: // P
      if (matchesAt(text, 0, 'PAM ')) return readPamSummary(text, facts);
      return readAuthResult(text, facts);
    case 73: // I
      return matchesAt(text, 0, 'Invalid user ') && readInvalidUser(text, facts);
    case 67: // C
      if (matchesAt(text, 0, CLOSED)) return readConnectionEnd(text, CLOSED.length, facts);
      return matchesAt(text, 0, RESET) && readConnectionEnd(text, RESET.length, facts);
    case 68: // D
      if (matchesAt(text, 0, DISCONNECTED)) return readConnectionEnd(text, DISCONNECTED.length, facts);
      if (matchesAt(text, 0, NO_IDENTIFICATION)) return readAddressOnly(text, NO_IDENTIFICATION.length, facts);
      return matchesAt(text, 0, 'Disconnecting') && readMaxAttempts(text, facts);
    case 82: // R
      return matchesAt(text, 0, 'Received disconnect from ') && readReceivedDisconnect(text, facts);
    case 84: // T
      return matchesAt(text, 0, TIMEOUT) && readAddressOnly(text, TIMEOUT.length, facts);
    case 109: // m
      return readMaxAttempts(text, facts);
    case 114: // r
      return readReverseMapping(text, facts);
    default:
      return false;
  }
}

/** libpam's summary at the end of a connection: `PAM N more authentication failure[s]; logname=… rhost=…[  user=…]`. */
function readPamSummary(text: string, facts: AuthFacts): boolean {
  const semicolon = text.indexOf('; ', 4);
  if (semicolon < 0 || semicolon > 48 || !matchesAt(text, text.indexOf(' ', 4) + 1, 'more authentication failure')) return false;
  return readPamFailure(text, semicolon + 1, facts);
}
