import { isIpAddress } from '../../../lib/ip.js';
import type { AuthAction } from '../../../schema/event.js';
import { MAX_HOSTNAME, MAX_PROCID } from '../syslog/header-fields.js';
import type { SyslogReader } from '../syslog/syslog-reader.js';
import { digitsEndAfter, digitsStartBefore, lastSpaceBefore, parseDecimal, trimEndIndex, wordAt } from '../text/scan.js';

/**
 * The few line shapes that make up most of a busy auth log, and that no detection looks at by default:
 * cron's and sshd's PAM session lines, systemd-logind's sessions and sshd's disconnections (in a
 * generated 30-day log, 86 % of all lines). They are recognised in place, inside the decoded chunk that
 * holds them, without slicing the line or any field: their action and time are all that is counted.
 *
 * This is a shortcut, not a second parser. It claims a line only when the full parser is certain to
 * give it the same action: it checks every condition the full parser's reading of that shape depends
 * on, and declines anything else (an unusual tag, another form of message, an odd character in a name),
 * which then goes through the full parser. Tests compare the two on real and mutated logs.
 */
export function commonLineAction(reader: SyslogReader, text: string, start: number, lineEnd: number): AuthAction | undefined {
  // The shortest line claimed is longer than a timestamp, so the timestamp is read within the line.
  if (lineEnd - start < 32) return undefined;
  const timeEnd = reader.readBsdTime(text, start);
  // One space, then the host (a host ending in `:` is really a tag; leave such lines to the parser).
  if (timeEnd < 0 || text.charCodeAt(timeEnd) !== 32 || text.charCodeAt(timeEnd + 1) === 32) return undefined;
  const end = trimEndIndex(text, timeEnd, lineEnd);
  const hostStart = timeEnd + 1;
  const hostEnd = text.indexOf(' ', hostStart);
  if (hostEnd < 0 || hostEnd >= end || hostEnd - hostStart > MAX_HOSTNAME || text.charCodeAt(hostEnd - 1) === 58) return undefined;
  const tagStart = hostEnd + 1;
  const program = programAt(text, tagStart, end);
  if (program === undefined) return undefined;
  // `[pid]: ` after the program name.
  const pidStart = tagStart + program.length + 1;
  const i = digitsEndAfter(text, pidStart, end, MAX_PROCID + 1);
  if (i === pidStart || i - pidStart > MAX_PROCID || text.charCodeAt(i) !== 93 || text.charCodeAt(i + 1) !== 58 || text.charCodeAt(i + 2) !== 32) return undefined;
  const at = i + 3;
  if (at >= end) return undefined;
  switch (program) {
    case 'CRON':
      return pamSession(text, at, end);
    case 'sshd':
      return text.charCodeAt(at) === 112 ? pamSession(text, at, end) : sshdDisconnect(text, at, end);
    case 'systemd-logind':
      return logindSession(text, at, end);
  }
}

type CommonProgram = 'CRON' | 'sshd' | 'systemd-logind';

/** The program named at `at`, followed by `[`; undefined for any other tag. */
function programAt(text: string, at: number, end: number): CommonProgram | undefined {
  switch (text.charCodeAt(at)) {
    case 67: // C
      return has(text, at, 'CRON[', end) ? 'CRON' : undefined;
    case 115: // s
      if (has(text, at, 'sshd[', end)) return 'sshd';
      return has(text, at, 'systemd-logind[', end) ? 'systemd-logind' : undefined;
    default:
      return undefined;
  }
}

const PAM_UNIX = 'pam_unix(';
const SESSION = ':session): session ';
const OPENED = 'opened for user ';
const CLOSED = 'closed for user ';
const BY = ' by (uid=';

/**
 * `pam_unix(SERVICE:session): session opened for user NAME[(uid=N)] by (uid=N)` or
 * `… session closed for user NAME`, with a plain service and user name.
 */
function pamSession(text: string, at: number, end: number): AuthAction | undefined {
  if (!has(text, at, PAM_UNIX, end)) return undefined;
  const serviceStart = at + PAM_UNIX.length;
  const serviceEnd = nameEnd(text, serviceStart, Math.min(end, serviceStart + 32));
  if (serviceEnd === serviceStart || !has(text, serviceEnd, SESSION, end)) return undefined;
  const verb = serviceEnd + SESSION.length;
  const userStart = verb + OPENED.length;
  const userEnd = nameEnd(text, userStart, end);
  if (userEnd === userStart) return undefined;
  if (has(text, verb, CLOSED, end)) return userEnd === end ? 'session_closed' : undefined;
  if (!has(text, verb, OPENED, end)) return undefined;
  let i = userEnd;
  if (has(text, i, '(uid=', end)) {
    i = uidEnd(text, i + 5, end);
    if (i < 0) return undefined;
  }
  if (!has(text, i, BY, end)) return undefined;
  return uidEnd(text, i + BY.length, end) === end ? 'session_opened' : undefined;
}

/** Just past `N)` at `at` (1 to 10 digits, at most 2^32 - 1), or -1. */
function uidEnd(text: string, at: number, end: number): number {
  const i = digitsEndAfter(text, at, end, 10);
  if (i === at || text.charCodeAt(i) !== 41 || parseDecimal(text, at, i, 0xffffffff) < 0) return -1;
  return i + 1;
}

const NEW_SESSION = 'New session ';
const REMOVED_SESSION = 'Removed session ';

/** systemd-logind's `New session ID of user NAME.` and `Removed session ID.` */
function logindSession(text: string, at: number, end: number): AuthAction | undefined {
  if (has(text, at, REMOVED_SESSION, end)) return 'logind_session_removed';
  if (!has(text, at, NEW_SESSION, end)) return undefined;
  const of = indexWithin(text, ' of user ', at + NEW_SESSION.length, end);
  if (of < 0) return undefined;
  const nameStop = text.charCodeAt(end - 1) === 46 ? end - 1 : end;
  return nameStop > of + 9 ? 'logind_session_new' : undefined;
}

const RECEIVED = 'Received disconnect from ';
const DISCONNECTED = 'Disconnected from ';
const PREAUTH = ' [preauth]';

/**
 * `Received disconnect from IP port N:CODE: TEXT` (or `IP: CODE: TEXT`) and
 * `Disconnected from [user NAME |invalid user NAME |authenticating user NAME ]IP port N`, each possibly
 * after `error: ` and before ` [preauth]`, which OpenSSH's reading removes first.
 */
function sshdDisconnect(text: string, message: number, messageEnd: number): AuthAction | undefined {
  const at = has(text, message, 'error: ', messageEnd) ? message + 7 : message;
  const end = messageEnd - at >= PREAUTH.length && wordAt(text, messageEnd - PREAUTH.length, PREAUTH) ? messageEnd - PREAUTH.length : messageEnd;
  if (has(text, at, RECEIVED, end)) return receivedDisconnect(text, at + RECEIVED.length, end);
  if (!has(text, at, DISCONNECTED, end)) return undefined;
  const floor = at + DISCONNECTED.length;
  const digits = digitsStartBefore(text, end, floor, 5);
  if (digits === end || digits - 6 < floor || !has(text, digits - 6, ' port ', end) || parseDecimal(text, digits, end, 65535) < 0) return undefined;
  const ipEnd = digits - 6;
  const space = lastSpaceBefore(text, ipEnd, floor, 46);
  if (space === -2 || !isIpAddress(text, space + 1, ipEnd)) return undefined;
  const userPart = space + 1 === floor || has(text, floor, 'user ', end) || has(text, floor, 'invalid user ', end) || has(text, floor, 'authenticating user ', end);
  return userPart ? 'ssh_disconnect' : undefined;
}

/** What follows `Received disconnect from `: `IP port N:CODE: …` or `IP: CODE: …`. */
function receivedDisconnect(text: string, ipStart: number, end: number): AuthAction | undefined {
  const space = text.indexOf(' ', ipStart);
  if (space < 0 || space >= end || space - ipStart > 47) return undefined;
  let ipEnd = space;
  let codeStart = space + 1;
  if (text.charCodeAt(space - 1) === 58) {
    ipEnd = space - 1;
  } else {
    if (!has(text, space + 1, 'port ', end)) return undefined;
    const colon = text.indexOf(':', space + 6);
    if (colon < 0 || colon >= end || colon - space > 12 || parseDecimal(text, space + 6, colon, 65535) < 0) return undefined;
    codeStart = colon + 1;
  }
  if (!isIpAddress(text, ipStart, ipEnd)) return undefined;
  const codeEnd = text.indexOf(':', codeStart);
  if (codeEnd < 0 || codeEnd >= end || codeEnd - codeStart > 4 || parseDecimal(text, codeStart, codeEnd, 255) < 0) return undefined;
  return 'ssh_disconnect';
}

/** Just past the run of name characters at `at` (printable ASCII but space, `(`, `)` and `:`), at most `end`. */
function nameEnd(text: string, at: number, end: number): number {
  let i = at;
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code <= 32 || code >= 127 || code === 40 || code === 41 || code === 58) break;
  }
  return i;
}

/** True when `word` occurs at `at` and ends by `end`. */
function has(text: string, at: number, word: string, end: number): boolean {
  return at + word.length <= end && wordAt(text, at, word);
}

/** The first index of `word` within `text[from, end)`, or -1; never looks past `end`. */
function indexWithin(text: string, word: string, from: number, end: number): number {
  const first = word.charCodeAt(0);
  for (let i = from; i + word.length <= end; i++) if (text.charCodeAt(i) === first && wordAt(text, i, word)) return i;
  return -1;
}
