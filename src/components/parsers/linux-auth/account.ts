import { matchesAt, matchesEnd, parseDecimal, sliceClipped } from '../text/scan.js';
import type { AuthFacts } from './auth-facts.js';

/**
 * Account management by shadow-utils (useradd, groupadd, usermod, gpasswd, userdel, groupdel, passwd).
 * Names here are chosen by an administrator, not sent over the network, so they are read between the
 * fixed words, left to right. The account acted on is `user.target`; the group is `group`.
 */
export function interpretAccount(text: string, facts: AuthFacts): boolean {
  switch (text.charCodeAt(0)) {
    case 110: // n
      return readNewAccount(text, facts);
    case 103: // g
      return readNewAccount(text, facts);
    case 97: // a
      return readAddToGroup(text, facts);
    case 117: // u
      return readGpasswd(text, facts);
    case 99: // c
    case 108: // l
    case 100: // d
      return readChange(text, facts);
    case 112: // p
      return readPasswordChange(text, facts);
    default:
      return false;
  }
}

/** `new user: name=X, UID=N, GID=N, home=…`, `new group: name=X, GID=N`, `group added to /etc/group: name=X, GID=N`. */
function readNewAccount(text: string, facts: AuthFacts): boolean {
  const isUser = matchesAt(text, 0, 'new user: name=');
  const isGroup = !isUser && (matchesAt(text, 0, 'new group: name=') || matchesAt(text, 0, 'group added to /etc/'));
  if (!isUser && !isGroup) return false;
  const nameStart = text.indexOf('name=') + 5;
  let nameEnd = text.indexOf(', ', nameStart);
  if (nameEnd < 0) nameEnd = text.length;
  if (nameEnd <= nameStart) return false;
  const name = sliceClipped(text, nameStart, nameEnd);
  const gid = numberAfter(text, ', GID=', nameEnd);
  if (isUser) {
    facts.targetName = name;
    facts.targetId = numberAfter(text, ', UID=', nameEnd);
    facts.groupId = gid;
    facts.classify('user_created', 'iam', 'user', 'success', 'creation');
  } else {
    facts.groupName = name;
    facts.groupId = gid;
    facts.classify('group_created', 'iam', 'group', 'success', 'creation');
  }
  return true;
}

/** The digits after `key` (searched from `from`), as text; '' when absent. */
function numberAfter(text: string, key: string, from: number): string {
  const at = text.indexOf(key, from);
  if (at < 0) return '';
  const start = at + key.length;
  let end = text.indexOf(',', start);
  if (end < 0) end = text.length;
  return parseDecimal(text, start, end, 0xffffffff) < 0 ? '' : text.slice(start, end);
}

/** `add 'X' to group 'G'` and `add 'X' to shadow group 'G'` (usermod -aG, useradd -G). */
function readAddToGroup(text: string, facts: AuthFacts): boolean {
  if (!matchesAt(text, 0, "add '") || !matchesEnd(text, "'")) return false;
  let middle = text.indexOf("' to group '", 5);
  let groupStart = middle + 12;
  if (middle < 0) {
    middle = text.indexOf("' to shadow group '", 5);
    groupStart = middle + 19;
  }
  if (middle < 0 || groupStart >= text.length) return false;
  facts.targetName = sliceClipped(text, 5, middle);
  facts.groupName = sliceClipped(text, groupStart, text.length - 1);
  facts.classify('group_member_added', 'iam', 'group', 'success', 'change');
  return true;
}

/** gpasswd: `user X added by ACTOR to group G`, `user X removed by ACTOR from group G`. */
function readGpasswd(text: string, facts: AuthFacts): boolean {
  if (!matchesAt(text, 0, 'user ')) return false;
  const added = text.indexOf(' added by ', 5);
  const verbAt = added >= 0 ? added : text.indexOf(' removed by ', 5);
  if (verbAt < 0) return false;
  const actorStart = verbAt + (added >= 0 ? 10 : 12);
  const groupWords = added >= 0 ? ' to group ' : ' from group ';
  const groupAt = text.indexOf(groupWords, actorStart);
  if (groupAt < 0) return false;
  facts.targetName = sliceClipped(text, 5, verbAt);
  facts.userName = sliceClipped(text, actorStart, groupAt);
  facts.groupName = sliceClipped(text, groupAt + groupWords.length, text.length);
  if (added >= 0) facts.classify('group_member_added', 'iam', 'group', 'success', 'change');
  else facts.classify('user_modified', 'iam', 'group', 'success', 'change');
  return true;
}

const CHANGES = ["change user '", "lock user '", "unlock user '", "delete user '", "delete '"];

/**
 * `delete user 'X'` (userdel), and usermod's changes to one account: `change user 'X' shell …`,
 * `lock user 'X' password`, `delete 'X' from group 'G'`, …
 */
function readChange(text: string, facts: AuthFacts): boolean {
  const prefix = CHANGES.find((candidate) => matchesAt(text, 0, candidate));
  if (prefix === undefined) return false;
  const nameEnd = text.indexOf("'", prefix.length);
  if (nameEnd <= prefix.length) return false;
  facts.targetName = sliceClipped(text, prefix.length, nameEnd);
  if (prefix === "delete user '") {
    facts.classify('user_deleted', 'iam', 'user', 'success', 'deletion');
    return true;
  }
  const groupAt = prefix === "delete '" ? text.indexOf("group '", nameEnd) : -1;
  if (groupAt >= 0 && matchesEnd(text, "'")) facts.groupName = sliceClipped(text, groupAt + 7, text.length - 1);
  facts.classify('user_modified', 'iam', 'user', 'success', 'change');
  return true;
}

/** shadow-utils passwd without PAM: `password for 'X' changed by 'ACTOR'`. */
function readPasswordChange(text: string, facts: AuthFacts): boolean {
  if (!matchesAt(text, 0, "password for '")) return false;
  const by = text.indexOf("' changed by '", 14);
  if (by < 0 || !matchesEnd(text, "'")) return false;
  facts.targetName = sliceClipped(text, 14, by);
  facts.userName = sliceClipped(text, by + 14, text.length - 1);
  facts.classify('password_changed', 'iam', 'user', 'success', 'change');
  return true;
}
