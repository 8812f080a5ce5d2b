import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_FIELD_LENGTH } from '../text/scan.js';
import { assertValidEvent } from './event-assertions.js';
import { createLinuxAuthParser } from './parser.js';

const MEGABYTE = 1 << 20;

/** Deterministic pseudo-random numbers (mulberry32): fuzz inputs are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Milliseconds taken by `run`. */
function timed(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

const HEADER = 'Nov  2 08:38:24 bastion ';

/** Messages that reach every interpreter's slowest path with a 1 MB variable part. */
function megabyteMessages(): string[] {
  const big = 'a from 1.2.3.4 port 22 ssh2: '.repeat(MEGABYTE / 29);
  const spaces = ' '.repeat(MEGABYTE);
  return [
    `sshd[1]: Failed password for invalid user ${big} from 9.9.9.9 port 22 ssh2`,
    `sshd[1]: Failed password for ${big}`,
    `sshd[1]: Invalid user ${big}`,
    `sshd[1]: Connection closed by invalid user ${big} 9.9.9.9 port 22 [preauth]`,
    `sshd[1]: Received disconnect from 9.9.9.9 port 22:11: ${big}`,
    `sshd[1]: reverse mapping checking getaddrinfo for ${big} [9.9.9.9] failed - POSSIBLE BREAK-IN ATTEMPT!`,
    `sshd[1]: Address 9.9.9.9 maps to ${big}, but this does not map back to the address - POSSIBLE BREAK-IN ATTEMPT!`,
    `sshd[1]: message repeated 3 times: [ Failed password for ${big} from 9.9.9.9 port 22 ssh2]`,
    `sshd[1]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${big}  user=${big}`,
    `sshd[1]: pam_unix(sshd:session): session opened for user ${big} by ${big}(uid=0)`,
    `sshd[1]: PAM 2 more authentication failures; ${big}`,
    `sudo: ${big} : TTY=${big} ; PWD=${big} ; USER=root ; COMMAND=${big}`,
    `sudo: ${spaces}`,
    `su[1]: (to root) ${big} on pts/0`,
    `useradd[1]: new user: name=${big}, UID=1, GID=1`,
    `usermod[1]: add '${big}' to group '${big}'`,
    `gpasswd[1]: user ${big} added by ${big} to group ${big}`,
    `systemd-logind[1]: New session 1 of user ${big}.`,
    `CRON[1]: (${big}) CMD (${big})`,
    `${big}: x`,
    big,
  ];
}

test('1 MB messages parse in linear time, and no extracted field exceeds the limit', () => {
  const parser = createLinuxAuthParser({ filePath: 'hostile.log', year: 2026 });
  for (const [index, message] of megabyteMessages().entries()) {
    const elapsed = timed(() => {
      const result = parser.parse(HEADER + message, index + 1, 0);
      assert.ok(result.ok, message.slice(0, 60));
      const event = result.value.event;
      assertValidEvent(event);
      for (const value of [event.user?.name, event.user?.effective?.name, event.user?.target?.name, event.group?.name, event.source?.domain, event.event.reason, event.system?.auth?.sudo?.command, event.system?.auth?.sudo?.pwd, event.process?.command_line, ...(event.related?.user ?? []), ...(event.related?.hosts ?? [])]) {
        if (value !== undefined) assert.ok(value.length <= MAX_FIELD_LENGTH, `${message.slice(0, 40)}: a field of ${value.length} characters`);
      }
      assert.equal(event.event.original.length, HEADER.length + message.length);
    });
    // A quadratic scan of 1 MB would take minutes; a linear one takes a few milliseconds.
    assert.ok(elapsed < 500, `${message.slice(0, 40)} took ${elapsed} ms`);
  }
});

test('random bytes, truncations and mutations of real lines never throw', () => {
  const next = random(7);
  const seeds = [
    'Nov  2 08:38:24 bastion sshd[123]: Failed password for invalid user admin from 1.2.3.4 port 22 ssh2',
    '<34>1 2026-11-02T08:38:24.123456+00:00 host app 123 ID [a b="c"] msg',
    '2026-11-02T08:38:24.123456+00:00 h sudo:    alice : TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/bin/id',
    'Jun 15 02:04:59 combo sshd(pam_unix)[20882]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=h  user=root',
    'Nov  2 08:38:24 h sshd[1]: message repeated 5 times: [ Received disconnect from ::1 port 2:11: bye]',
  ];
  const alphabet = ' :[]()<>-.;=\'"0123456789aZ\u0000\uFFFD\u00e9\r\t';
  const parser = createLinuxAuthParser({ filePath: 'fuzz.log', referenceTime: Date.UTC(2026, 11, 1) });
  let parsed = 0;
  for (let round = 0; round < 20000; round++) {
    const seed = seeds[round % seeds.length]!;
    let line: string;
    const mode = round % 3;
    if (mode === 0) {
      line = seed.slice(0, Math.floor(next() * seed.length));
    } else if (mode === 1) {
      line = seed;
      for (let k = 0; k < 3; k++) {
        const at = Math.floor(next() * line.length);
        line = line.slice(0, at) + alphabet[Math.floor(next() * alphabet.length)]! + line.slice(at + 1);
      }
    } else {
      line = Array.from({ length: Math.floor(next() * 80) }, () => String.fromCharCode(Math.floor(next() * 0x3000))).join('');
    }
    const result = parser.parse(line, round + 1, 0);
    if (result.ok) {
      parsed++;
      assertValidEvent(result.value.event);
    } else {
      assert.equal(result.error.code, 'PARSE_FAILED');
    }
  }
  assert.ok(parsed > 5000, `only ${parsed} lines framed`);
});
