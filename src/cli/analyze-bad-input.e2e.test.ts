import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';

const VIGIL = resolve('bin', 'vigil.js');
const dir = mkdtempSync(join(tmpdir(), 'vigil-bad-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});
const GOOD = 'Nov  2 08:38:24 bastion sshd[123]: Failed password for root from 203.0.113.5 port 51234 ssh2\n';

function analyzeFile(name: string, content: Buffer | string, extra: string[] = []) {
  const path = join(dir, name);
  writeFileSync(path, content);
  const r = spawnSync(process.execPath, [VIGIL, 'analyze', path, '--year', '2026', '--no-store', '--no-progress', '--json', ...extra], {
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(r.signal, null, `killed by ${r.signal ?? ''}: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /internal error|at .*\.js:\d+/, 'no stack trace');
  return r;
}
const totalsOf = (stdout: string): Record<string, number> => (JSON.parse(stdout) as { totals: Record<string, number> }).totals;

test('binary garbage is counted as unparsable, not a crash', () => {
  const r = analyzeFile('garbage.bin', Buffer.concat([randomBytes(200_000), Buffer.from(`\n${GOOD}`)]));
  assert.equal(r.status, 0, r.stderr);
  const t = totalsOf(r.stdout);
  assert.ok(t.unparsable! > 0);
  assert.ok(t.understood! >= 1, 'the good line after the garbage is still analysed');
});

test('a 10 MB line is skipped and counted; the lines around it are analysed', () => {
  const r = analyzeFile('long.log', `${GOOD}${'A'.repeat(10 * 1024 * 1024)}\n${GOOD}`);
  assert.equal(r.status, 0, r.stderr);
  const t = totalsOf(r.stdout);
  assert.equal(t.longLines, 1);
  assert.equal(t.understood, 2);
  assert.equal(t.lines, 3);
});

test('invalid UTF-8 is counted and replaced, never fatal', () => {
  const bad = Buffer.concat([Buffer.from('Nov  2 08:38:24 bastion sshd[1]: Invalid user \xff\xfe'), Buffer.from([0xc3, 0x28]), Buffer.from(' from 203.0.113.9 port 22\n')]);
  const r = analyzeFile('utf8.log', Buffer.concat([bad, Buffer.from(GOOD)]));
  assert.equal(r.status, 0, r.stderr);
  const t = totalsOf(r.stdout);
  assert.equal(t.invalidUtf8Lines, 1);
  assert.equal(t.events, 2);
});

test('a truncated gzip file exits 1 with a clear message after analysing what it could read', () => {
  const whole = gzipSync(Buffer.from(GOOD.repeat(20_000)));
  const r = analyzeFile('cut.log.gz', whole.subarray(0, Math.floor(whole.length / 2)));
  assert.equal(r.status, 1);
  assert.match(r.stderr, /cut\.log\.gz/);
  assert.match(r.stderr, /truncated|corrupt|damaged|unexpected end/i);
  assert.ok(totalsOf(r.stdout).events! > 0, 'lines before the damage were analysed');
});

test('an empty file is fine and produces no alerts', () => {
  const r = analyzeFile('empty.log', '');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(totalsOf(r.stdout).lines, 0);
});

test('a gzip file analyses like the plain one', () => {
  const plain = analyzeFile('plain.log', GOOD.repeat(50));
  const gz = analyzeFile('same.log.gz', gzipSync(Buffer.from(GOOD.repeat(50))));
  assert.deepEqual(totalsOf(gz.stdout).understood, totalsOf(plain.stdout).understood);
});

test('standard input works with -', () => {
  const r = spawnSync(process.execPath, [VIGIL, 'analyze', '-', '--year', '2026', '--no-store', '--no-progress', '--ndjson', '-'], {
    input: readFileSync('samples/auth.log'),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(r.stdout.trim().split('\n').length >= 7);
});
