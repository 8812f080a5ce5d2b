import { matchesAt, sliceClipped } from '../text/scan.js';
import type { AuthFacts } from './auth-facts.js';

const FAILED = 'FAILED SU ';
const SUCCESSFUL_SHADOW = 'Successful su for ';
const FAILED_SHADOW = 'FAILED su for ';

/**
 * su's own lines: util-linux `(to TARGET) USER on TTY` and `FAILED SU (to TARGET) USER on TTY`, and
 * shadow-utils `Successful su for TARGET by USER` and `FAILED su for TARGET by USER`. The invoking user
 * becomes `user.name` and the account switched to `user.effective.name`, as ECS does for sudo.
 */
export function interpretSu(text: string, facts: AuthFacts): boolean {
  const failed = matchesAt(text, 0, FAILED);
  const start = failed ? FAILED.length : 0;
  if (matchesAt(text, start, '(to ')) {
    const close = text.indexOf(') ', start + 4);
    if (close < 0) return false;
    let userEnd = text.lastIndexOf(' on ');
    if (userEnd < close + 2) userEnd = text.length;
    facts.effectiveName = sliceClipped(text, start + 4, close);
    facts.userName = sliceClipped(text, close + 2, userEnd);
    return classify(facts, !failed);
  }
  const success = matchesAt(text, 0, SUCCESSFUL_SHADOW);
  if (success || matchesAt(text, 0, FAILED_SHADOW)) {
    const targetStart = success ? SUCCESSFUL_SHADOW.length : FAILED_SHADOW.length;
    const by = text.lastIndexOf(' by ');
    if (by < targetStart) return false;
    facts.effectiveName = sliceClipped(text, targetStart, by);
    facts.userName = sliceClipped(text, by + 4, text.length);
    return classify(facts, success);
  }
  return false;
}

function classify(facts: AuthFacts, success: boolean): boolean {
  facts.classify('su_attempt', 'authentication', success ? 'start' : 'info', success ? 'success' : 'failure');
  return true;
}
