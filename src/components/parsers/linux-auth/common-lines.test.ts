import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRandom } from '../../../lib/random.js';
import { sharedDataPath } from '../../../lib/shared-data.js';
import { createLinuxAuthParser, type LinuxAuthParserOptions } from './parser.js';

const GENERATOR = resolve(process.cwd(), '..', 'shared', 'tools', 'authlog-gen.mjs');
const OPTIONS: LinuxAuthParserOptions = { filePath: 'auth.log', referenceTime: Date.UTC(2026, 11, 31) };

/** Lines joined as the line reader decodes a chunk: one string, each line a span of it. */
function asChunk(lines: readonly string[], eol = '\n'): { text: string; spans: [number, number][] } {
  const spans: [number, number][] = [];
  let at = 0;
  for (const line of lines) {
    spans.push([at, at + line.length]);
    at += line.length + eol.length;
  }
  return { text: lines.join(eol) + eol, spans };
}

/**
 * Reads `lines` as `vigil analyze` does (the common shapes in place, the others through `scan`, one
 * parser), and each line again through `scan` alone with a parser of its own; every claimed line must
 * get the time and action the full parser gives it, and be one it understands. Returns how many
 * lines were claimed.
 */
function assertAgreement(lines: readonly string[], options = OPTIONS, eol = '\n'): number {
  const mixed = createLinuxAuthParser(options);
  const reference = createLinuxAuthParser(options);
  const { text, spans } = asChunk(lines, eol);
  let claimed = 0;
  lines.forEach((line, i) => {
    const [start, end] = spans[i]!;
    const common = mixed.scanCommon(text, start, end);
    const full = reference.scan(line, i + 1, start);
    if (common === undefined) {
      mixed.scan(line, i + 1, start);
      return;
    }
    claimed++;
    assert.ok(full !== undefined, `claimed a line the parser rejects: ${line}`);
    assert.deepEqual({ ts: common.ts, action: common.action, understood: true }, { ts: full.ts, action: full.action, understood: full.understood }, line);
  });
  return claimed;
}

function fileLines(path: string): string[] {
  const lines = readFileSync(path, 'latin1').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

function generatedLines(format: 'rfc3164' | 'iso'): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-common-'));
  try {
    const out = join(dir, 'auth.log');
    execFileSync(process.execPath, [GENERATOR, '--out', out, '--seed', '3', '--days', '3', '--format', format], { stdio: 'pipe' });
    return fileLines(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('common lines get the time and action the full parser gives them, on generated logs', () => {
  const lines = generatedLines('rfc3164');
  const claimed = assertAgreement(lines);
  // Cron, sessions and disconnections are most of such a log: the shortcut must actually serve them.
  assert.ok(claimed > 0.7 * lines.length, `${claimed} of ${lines.length}`);
  assert.equal(assertAgreement(lines, OPTIONS, '\r\n'), claimed);
  // ISO timestamps are left to the parser.
  assert.equal(assertAgreement(generatedLines('iso')), 0);
});

test('common lines agree with the full parser on the sample and on real Loghub logs', () => {
  assert.ok(assertAgreement(fileLines('samples/auth.log')) > 0);
  const openssh = fileLines(sharedDataPath('loghub2k', 'OpenSSH_2k.log'));
  assert.ok(assertAgreement(openssh) > 400);
  assertAgreement(fileLines(sharedDataPath('loghub2k', 'Linux_2k.log')));
});

test('years roll over alike when common and other lines alternate across New Year', () => {
  const lines = [
    'Dec 31 23:59:58 web CRON[1]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)',
    'Dec 31 23:59:59 web sshd[2]: Accepted password for alice from 10.0.0.1 port 5000 ssh2',
    'Jan  1 00:00:00 web CRON[1]: pam_unix(cron:session): session closed for user root',
    'Dec 31 23:59:59 web systemd-logind[3]: New session 7 of user alice.',
    'Jan  1 00:00:01 web sshd[2]: Received disconnect from 10.0.0.1 port 5000:11: disconnected by user',
    'Jan  1 25:00:01 web sshd[2]: Disconnected from user alice 10.0.0.1 port 5000',
    'Feb 29 00:00:01 web systemd-logind[3]: Removed session 7.',
    'Mar  1 00:00:01 web systemd-logind[3]: Removed session 7.',
  ];
  assert.equal(assertAgreement(lines, { filePath: 'auth.log', year: 2026 }), 5);
  assert.equal(assertAgreement(lines, { filePath: 'auth.log', referenceTime: Date.UTC(2027, 0, 2) }), 5);
});

test('a line is never completed by the text that follows it in its chunk', () => {
  const cases = [
    ['Nov  2 00:00:00 web systemd-logind[3]: Removed session', ' 5.'],
    ['Nov  2 00:00:00 web systemd-logind[3]: New session 5 of user', ' bob.'],
    ['Nov  2 00:00:00 web CRON[1]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0', ')'],
    ['Nov  2 00:00:00 web sshd[2]: Disconnected from user alice 10.0.0.1 port', ' 5000'],
    ['Nov  2 00:00:00 web sshd[2]: Received disconnect from 10.0.0.1 port 5000', ':11: bye'],
    ['Nov  2 00:00:00 web CRON[1]:', ' pam_unix(cron:session): session closed for user root'],
  ];
  for (const [line, rest] of cases) {
    const parser = createLinuxAuthParser(OPTIONS);
    const text = `${line}${rest}\n`;
    assert.equal(parser.scanCommon(text, 0, line!.length), undefined, line);
    assert.notEqual(parser.scanCommon(text, 0, text.length - 1), undefined, text);
  }
  assert.equal(assertAgreement(['Nov  2 00:00:00 web systemd-logind[3]: Removed session   ', 'Nov  2 00:00:00 web CRON[1]: pam_unix(cron:session): session closed for user root \t']), 1);
});

test('mutated common lines are claimed only when the full parser agrees', () => {
  const seeds = [
    'Nov  2 00:00:00 mq-10 CRON[60642]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)',
    'Nov  2 00:00:00 mq-10 CRON[60642]: pam_unix(cron:session): session closed for user root',
    'Nov 12 08:00:00 web-1 sshd[411]: pam_unix(sshd:session): session opened for user alice by (uid=0)',
    'Nov 12 08:00:00 web-1 systemd-logind[411]: New session 1234 of user alice.',
    'Nov 12 08:00:00 web-1 systemd-logind[411]: Removed session 1234.',
    'Nov 12 08:00:00 web-1 sshd[9]: Received disconnect from 203.0.113.5 port 51234:11: disconnected by user',
    'Nov 12 08:00:00 web-1 sshd[9]: Disconnected from user alice 2001:db8::1 port 51234',
    'Nov 12 08:00:00 web-1 sshd[9]: Disconnected from invalid user x 203.0.113.5 port 22',
    'Dec 10 09:32:20 LabSZ sshd[24680]: error: Received disconnect from 1.2.3.4: 3: com.jcraft.jsch.JSchException: Auth fail [preauth]',
    'Nov 12 08:00:00 web-1 sshd[9]: Disconnected from authenticating user root 203.0.113.5 port 22 [preauth]',
  ];
  const alphabet = ' :()[].0123456789aAzZ_-@\t\\/';
  const random = createRandom(7);
  let claimed = 0;
  for (let n = 0; n < 30_000; n++) {
    let line = seeds[random.nextInt(seeds.length)]!;
    for (let edits = 1 + random.nextInt(3); edits > 0; edits--) {
      const at = random.nextInt(line.length + 1);
      const char = alphabet[random.nextInt(alphabet.length)]!;
      const kind = random.nextInt(3);
      line = kind === 0 ? line.slice(0, at) + char + line.slice(at) : kind === 1 ? line.slice(0, at) + line.slice(at + 1) : line.slice(0, at) + char + line.slice(at + 1);
    }
    claimed += assertAgreement([line]);
  }
  // Most mutations still leave a claimed shape; the point is that every claim is right.
  assert.ok(claimed > 3_000, `${claimed}`);
});
