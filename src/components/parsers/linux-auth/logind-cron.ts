import { matchesAt, matchesEnd, sliceClipped } from '../text/scan.js';
import type { AuthFacts } from './auth-facts.js';

const NEW_SESSION = 'New session ';
const REMOVED_SESSION = 'Removed session ';

/** systemd-logind: `New session ID of user NAME.` and `Removed session ID.` (the id stays in the message). */
export function interpretLogind(text: string, facts: AuthFacts): boolean {
  if (matchesAt(text, 0, NEW_SESSION)) {
    const of = text.indexOf(' of user ', NEW_SESSION.length);
    if (of < 0) return false;
    const end = matchesEnd(text, '.') ? text.length - 1 : text.length;
    if (end <= of + 9) return false;
    facts.userName = sliceClipped(text, of + 9, end);
    facts.classify('logind_session_new', 'session', 'start', 'success');
    return true;
  }
  if (matchesAt(text, 0, REMOVED_SESSION)) {
    facts.classify('logind_session_removed', 'session', 'end', 'success');
    return true;
  }
  return false;
}

/** cron: `(USER) CMD (COMMAND)`; the user is the first `)`, the command runs to the last `)`. */
export function interpretCron(text: string, facts: AuthFacts): boolean {
  if (text.charCodeAt(0) !== 40) return false;
  const close = text.indexOf(') CMD (', 1);
  if (close <= 1) return false;
  const end = matchesEnd(text, ')') ? text.length - 1 : text.length;
  facts.userName = sliceClipped(text, 1, close);
  facts.commandLine = sliceClipped(text, close + 7, Math.max(end, close + 7));
  facts.classify('cron_command', 'process', 'start', 'success');
  return true;
}
