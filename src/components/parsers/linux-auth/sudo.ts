import { matchesAt, MAX_FIELD_LENGTH, skipSpaces, sliceClipped } from '../text/scan.js';
import type { AuthFacts } from './auth-facts.js';

/**
 * sudo's own lines: `USER : [ERROR ; ]TTY=… ; PWD=… ; USER=… [; GROUP=…] [; ENV=…] ; COMMAND=…`.
 *
 * COMMAND comes last and takes the rest of the line, since arguments may contain ` ; `. A working
 * directory containing ` ; ` is ambiguous in sudo's format itself; it is read left to right, which at
 * worst puts part of the directory into the command, never hides the command.
 */
export function interpretSudo(text: string, facts: AuthFacts): boolean {
  const end = text.length;
  const userStart = skipSpaces(text, 0, end);
  const separator = text.indexOf(' : ', userStart);
  if (separator <= userStart || separator - userStart > MAX_FIELD_LENGTH) return false;
  let at = separator + 3;
  let error = '';
  if (!matchesAt(text, at, 'TTY=')) {
    const next = text.indexOf(' ; ', at);
    if (next < 0) return false;
    error = sliceClipped(text, at, next);
    at = next + 3;
  }
  let command = '';
  let sawCommand = false;
  while (at < end) {
    if (matchesAt(text, at, 'COMMAND=')) {
      command = sliceClipped(text, at + 8, end);
      sawCommand = true;
      break;
    }
    let next = text.indexOf(' ; ', at);
    if (next < 0) next = end;
    if (matchesAt(text, at, 'TTY=')) facts.sudoTty = sliceClipped(text, at + 4, next);
    else if (matchesAt(text, at, 'PWD=')) facts.sudoPwd = sliceClipped(text, at + 4, next);
    else if (matchesAt(text, at, 'USER=')) facts.sudoUser = sliceClipped(text, at + 5, next);
    at = next + 3;
  }
  if (error === '' && !sawCommand) return false;
  facts.userName = sliceClipped(text, userStart, separator);
  facts.effectiveName = facts.sudoUser;
  facts.sudoCommand = command;
  facts.sudoError = error;
  if (error === '') facts.classify('sudo_command', 'process', 'start', 'success');
  else if (error.includes('password')) facts.classify('sudo_auth_failure', 'authentication', 'info', 'failure');
  else facts.classify('sudo_refused', 'authentication', 'info', 'failure');
  return true;
}
