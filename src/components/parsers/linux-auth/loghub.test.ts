import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sharedDataPath } from '../../../lib/shared-data.js';
import { assertValidEvent } from './event-assertions.js';
import { createLinuxAuthParser, type ParsedLine } from './parser.js';

/**
 * Real logs: Loghub's OpenSSH_2k and Linux_2k samples (loghub licence, read in place from the shared
 * data, never copied). Their `_structured.csv` ground truth names the template of every line, which
 * gives the action each line must get.
 */

/** The fields of one CSV record (RFC 4180 quoting, no line breaks inside fields). */
function csvFields(record: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < record.length; i++) {
    const char = record[i]!;
    if (quoted) {
      if (char === '"' && record[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

function linesOf(path: string): string[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** EventId of each line, in line order. */
function templateIds(name: string): string[] {
  const [header, ...records] = linesOf(sharedDataPath('loghub2k', `${name}_structured.csv`)).map((line) => csvFields(line.replace(/\r$/, '')));
  const column = header!.indexOf('EventId');
  return records.map((fields) => fields[column]!);
}

function parseAll(name: string, year: number): ParsedLine[] {
  const path = sharedDataPath('loghub2k', name);
  const parser = createLinuxAuthParser({ filePath: path, year });
  let offset = 0;
  return linesOf(path).map((line, index) => {
    const result = parser.parse(line, index + 1, offset);
    offset += Buffer.byteLength(line) + 1;
    if (!result.ok) assert.fail(`${name}:${index + 1} ${result.error.reason}: ${line}`);
    assertValidEvent(result.value.event);
    return result.value;
  });
}

/** Compares each line's action with the action its template implies; lists every mismatch at once. */
function assertActions(parsed: readonly ParsedLine[], ids: readonly string[], expected: (id: string) => string): void {
  assert.equal(parsed.length, ids.length);
  const wrong = parsed.flatMap((line, index) => {
    const want = expected(ids[index]!);
    return line.event.event.action === want ? [] : [`line ${index + 1} (${ids[index]}): ${line.event.event.action}, expected ${want}: ${line.event.message ?? ''}`];
  });
  assert.deepEqual(wrong, []);
}

const OPENSSH_ACTIONS: Readonly<Record<string, string>> = {
  E1: 'ssh_login', E2: 'ssh_disconnect', E3: 'ssh_disconnect', E4: 'ssh_max_auth_attempts', E5: 'ssh_max_auth_attempts',
  E6: 'ssh_disconnect', E7: 'ssh_disconnect', E8: 'ssh_login', E9: 'ssh_login', E10: 'ssh_login', E11: 'ssh_other',
  E12: 'ssh_other', E13: 'ssh_invalid_user', E14: 'ssh_login', E15: 'pam_auth_failure', E16: 'pam_auth_failure',
  E17: 'pam_auth_failure', E18: 'ssh_other', E19: 'pam_auth_failure', E20: 'pam_auth_failure',
  E21: 'pam_check_pass_unknown_user', E22: 'session_closed', E23: 'session_opened', E24: 'ssh_disconnect',
  E25: 'ssh_disconnect', E26: 'ssh_disconnect', E27: 'ssh_reverse_mapping_failed',
};

test('Loghub OpenSSH_2k: every line parses, and gets the action of its ground-truth template', () => {
  const parsed = parseAll('OpenSSH_2k.log', 2015);
  const ids = templateIds('OpenSSH_2k.log');
  assertActions(parsed, ids, (id) => OPENSSH_ACTIONS[id] ?? `unmapped ${id}`);

  const count = (id: string): number => ids.filter((x) => x === id).length;
  const failedPasswords = parsed.filter((p) => p.event.event.action === 'ssh_login' && p.event.event.outcome === 'failure' && p.event.system?.auth?.ssh?.method === 'password');
  assert.equal(failedPasswords.length, count('E9') + count('E10') + count('E14'));
  const invalid = parsed.filter((p, i) => ids[i] === 'E10' && p.event.system?.auth?.ssh?.invalid_user === true && p.event.user?.name !== undefined);
  assert.equal(invalid.length, count('E10'));
  // rsyslog folded repeats: 5 + 5 more failures than lines.
  const repeats = parsed.map((p) => (p.event.rsyslog as { repeat_count?: number } | undefined)?.repeat_count ?? 0);
  assert.equal(repeats.reduce((a, b) => a + b, 0), 10);
  // Every authentication result, invalid user and disconnect names its source address.
  const withAddress = parsed.filter((_, i) => ['E1', 'E8', 'E9', 'E10', 'E13', 'E14', 'E24', 'E27'].includes(ids[i]!));
  assert.ok(withAddress.every((p) => p.event.source?.ip !== undefined));
  assert.equal(parsed[0]!.event['@timestamp'], '2015-12-10T06:55:46.000Z');
  assert.equal(parsed.filter((p) => p.understood).length, 2000 - count('E11') - count('E12') - count('E18'));
  assert.equal(parsed.filter((p) => p.event.event.dataset === 'system.auth').length, 2000);
});

const LINUX_ACTIONS: Readonly<Record<string, string>> = {
  E15: 'pam_auth_failure', E16: 'pam_auth_failure', E17: 'pam_auth_failure', E18: 'pam_auth_failure', E19: 'pam_auth_failure',
  E27: 'pam_check_pass_unknown_user', E101: 'session_closed', E102: 'session_opened', E103: 'session_opened',
};

test('Loghub Linux_2k: every line parses; PAM lines are understood, the rest kept as generic syslog', () => {
  const parsed = parseAll('Linux_2k.log', 2005);
  const ids = templateIds('Linux_2k.log');
  assertActions(parsed, ids, (id) => LINUX_ACTIONS[id] ?? 'syslog');
  const understood = parsed.filter((p) => p.understood).length;
  assert.equal(understood, ids.filter((id) => id in LINUX_ACTIONS).length);
  const failures = parsed.filter((p) => p.event.event.action === 'pam_auth_failure');
  // rhost is an address or a reverse-DNS name: one of source.ip / source.domain, or none when empty.
  assert.ok(failures.some((p) => p.event.source?.domain !== undefined) && failures.some((p) => p.event.source?.ip !== undefined));
  assert.equal(parsed.at(-1)!.event['@timestamp'].slice(0, 4), '2005');
});
