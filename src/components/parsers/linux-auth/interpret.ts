import { matchesAt, matchesEnd, parseDecimal } from '../text/scan.js';
import { interpretAccount } from './account.js';
import type { AuthFacts } from './auth-facts.js';
import { interpretCron, interpretLogind } from './logind-cron.js';
import { interpretPam, interpretPamBody } from './pam.js';
import { interpretSshd } from './sshd.js';
import { interpretSu } from './su.js';
import { interpretSudo } from './sudo.js';

/** Reads one program's message into facts; false when the message is not a form it knows. */
type Interpreter = (text: string, facts: AuthFacts) => boolean;

/**
 * The interpreter of a program whose lines belong to `system.auth`, by syslog program name. A switch
 * rather than a Map: the name is a fresh string on every line, and hashing it costs more than comparing.
 */
function interpreterFor(program: string): Interpreter | undefined {
  switch (program) {
    case 'sshd':
    case 'sshd-session':
      return interpretSshd;
    case 'sudo':
      return interpretSudo;
    case 'su':
      return interpretSu;
    case 'useradd':
    case 'groupadd':
    case 'usermod':
    case 'groupmod':
    case 'gpasswd':
    case 'userdel':
    case 'groupdel':
    case 'passwd':
    case 'chpasswd':
      return interpretAccount;
    case 'systemd-logind':
      return interpretLogind;
    case 'CRON':
    case 'cron':
    case 'crond':
      return interpretCron;
    default:
      return undefined;
  }
}

/**
 * Interprets `message` logged by `appname` into `facts` (reset by the caller). Lines no interpreter
 * understands get the action `ssh_other` (OpenSSH) or `syslog` (anything else) and no other facts.
 *
 * Three wrappers are unwrapped first: rsyslog's `message repeated N times: [ … ]` (N kept), PAM's
 * `pam_MODULE(SERVICE:TYPE): ` (for any program: login, systemd-user, …), and the legacy
 * `PROGRAM(pam_unix)` tag whose messages are PAM bodies without a prefix.
 */
export function interpretMessage(appname: string, message: string, facts: AuthFacts): void {
  let program = appname;
  let legacyPam = false;
  const paren = matchesEnd(appname, ')') ? appname.indexOf('(') : -1;
  if (paren > 0) {
    program = appname.slice(0, paren);
    legacyPam = true;
  }
  facts.program = program;
  const interpreter = interpreterFor(program);
  const text = unwrapRepeat(message, facts);
  let understood = false;
  if (legacyPam) understood = interpretPamBody(text, 0, facts);
  else if (matchesAt(text, 0, 'pam_')) understood = interpretPam(text, facts);
  if (!understood && interpreter !== undefined) understood = interpreter(text, facts);
  if (understood) {
    facts.auth = true;
    return;
  }
  const repeatCount = facts.repeatCount;
  facts.reset();
  facts.program = program;
  facts.repeatCount = repeatCount;
  facts.auth = interpreter !== undefined || legacyPam;
  facts.action = interpreter === interpretSshd ? 'ssh_other' : 'syslog';
}

const REPEATED = 'message repeated ';

/** The message inside `message repeated N times: [ MESSAGE]`, N recorded; other messages unchanged. */
function unwrapRepeat(message: string, facts: AuthFacts): string {
  if (!matchesAt(message, 0, REPEATED)) return message;
  const countEnd = message.indexOf(' times: [', REPEATED.length);
  if (countEnd < 0 || !matchesEnd(message, ']')) return message;
  const count = parseDecimal(message, REPEATED.length, countEnd, 0x7fffffff);
  if (count < 0) return message;
  facts.repeatCount = count;
  const start = countEnd + 9;
  return message.slice(message.charCodeAt(start) === 32 ? start + 1 : start, message.length - 1);
}
