import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { alertSchema } from '../schema/alert.js';
import { sharedDataPath } from '../lib/shared-data.js';

const VIGIL = resolve('bin', 'vigil.js');
const tools = resolve(sharedDataPath(), '..', 'tools');
const dir = mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

function generate(seed: number, days: number, extra: string[] = []): string {
  const out = join(dir, `s${seed}-d${days}${extra.join('')}`, 'auth.log');
  execFileSync(process.execPath, [join(tools, 'authlog-gen.mjs'), '--out', out, '--seed', String(seed), '--days', String(days), ...extra], { stdio: 'ignore' });
  return out;
}

function vigil(args: string[]) {
  return spawnSync(process.execPath, [VIGIL, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

/** Runs analyze on a generated log and scores it with the shared scorer. */
function scoreRun(log: string): { recall: number; noise: number; alerts: number } {
  const ndjson = `${log}.alerts.ndjson`;
  const run = vigil(['analyze', log, '--year', '2026', '--no-store', '--no-progress', '--ndjson', ndjson]);
  assert.equal(run.status, 0, run.stderr);
  for (const line of readFileSync(ndjson, 'utf8').trim().split('\n')) alertSchema.parse(JSON.parse(line));
  const scored = execFileSync(process.execPath, [join(tools, 'score-alerts.mjs'), `${log}.labels.jsonl`, ndjson], { encoding: 'utf8' });
  const last = scored.trim().split('\n').at(-1) ?? '';
  const m = /recall=([\d.]+) .*noise_alerts=(\d+) alerts=(\d+)/.exec(last);
  assert.ok(m, `unexpected scorer output: ${last}`);
  return { recall: Number(m[1]), noise: Number(m[2]), alerts: Number(m[3]) };
}

for (const [seed, days, extra] of [
  [1, 2, []],
  [2, 7, []],
  [3, 4, ['--format', 'iso']],
] as const) {
  test(`generated log seed ${seed}, ${days} days ${extra.join(' ')}: every attack found, at most one noise alert per day`, () => {
    const { recall, noise, alerts } = scoreRun(generate(seed, days, [...extra]));
    assert.equal(recall, 1, `recall ${recall}`);
    assert.ok(noise <= days, `noise ${noise} alerts over ${days} days (of ${alerts})`);
  });
}

test('re-running on the same input yields the same alert ids and no duplicates in the store', () => {
  const log = generate(5, 2);
  const db = join(dir, 'rerun.db');
  const first = vigil(['analyze', log, '--year', '2026', '--db', db, '--no-progress', '--json']);
  assert.equal(first.status, 0, first.stderr);
  const ids = (): string[] => {
    const r = vigil(['alerts', '--db', db, '--ndjson']);
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim().split('\n').map((l) => alertSchema.parse(JSON.parse(l)).id).sort();
  };
  const before = ids();
  assert.ok(before.length >= 7);
  const second = vigil(['analyze', log, '--year', '2026', '--db', db, '--no-progress']);
  assert.equal(second.status, 0, second.stderr);
  assert.match(second.stdout, new RegExp(`Stored in .*: 0 new, ${before.length} already known`));
  assert.deepEqual(ids(), before);
});

test('the human report names severities, techniques, entities, speed and lines not understood', () => {
  const r = vigil(['analyze', 'samples/auth.log', '--year', '2026', '--no-store', '--no-progress']);
  assert.equal(r.status, 0, r.stderr);
  for (const expected of [/Analysed 1 input\(s\): 17,017 lines/, /lines\/s/, /not understood/, /Alerts: \d+ \(\d+ critical/, /T1110\.003/, /Top entities:/, /CRITICAL/]) {
    assert.match(r.stdout, expected);
  }
});

test('--ndjson - writes pure NDJSON on standard output and the report on standard error', () => {
  const r = vigil(['analyze', 'samples/auth.log', '--year', '2026', '--no-store', '--no-progress', '--ndjson', '-']);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.ok(lines.length >= 7);
  for (const line of lines) {
    const alert = alertSchema.parse(JSON.parse(line));
    assert.ok(alert.evidence.lines.length > 0);
  }
  assert.match(r.stderr, /Alerts: /);
});

test('usage errors exit 2 with a message; a missing file exits 1 and names it', () => {
  const none = vigil(['analyze']);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /needs at least one FILE/);
  const badYear = vigil(['analyze', 'samples/auth.log', '--year', '26']);
  assert.equal(badYear.status, 2);
  assert.match(badYear.stderr, /--year/);
  const missing = vigil(['analyze', join(dir, 'nope.log'), '--no-store']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /nope\.log/);
  const unknown = vigil(['frobnicate']);
  assert.equal(unknown.status, 2);
  assert.equal(vigil(['--help']).status, 0);
});

test('--intel raises one alert for exactly the attacker addresses the feed lists, with threat.indicator fields', () => {
  const log = generate(9, 3);
  const ndjson = join(dir, 'intel.ndjson');
  const r = vigil(['analyze', log, '--year', '2026', '--no-store', '--no-progress', '--intel', `${log}.intel.csv`, '--ndjson', ndjson]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /Intel: \d+ indicators from 1 feed/);
  const alerts = readFileSync(ndjson, 'utf8').trim().split('\n').map((l) => alertSchema.parse(JSON.parse(l)));
  const intel = alerts.filter((a) => a.rule.id === 'vigil.intel.indicator_match');
  // authlog-gen.mjs writes the attackers it lists first, then hundreds of unrelated indicators.
  const listed = readFileSync(`${log}.intel.csv`, 'utf8').split('\n').slice(1, 4).map((l) => l.split(',')[0]);
  assert.deepEqual(intel.map((a) => a.related.ip[0]).sort(), [...listed].sort());
  for (const a of intel) {
    const indicator = a.threat.indicator ?? {};
    assert.equal(indicator.provider, 'honeypot-network');
    assert.equal(indicator.ip, a.related.ip[0]);
  }
  const missing = vigil(['analyze', log, '--no-store', '--intel', join(dir, 'no-such-feed.csv')]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /no-such-feed\.csv/);
});

test('--rules runs Sigma rules over the parsed auth events: SigmaHQ flags a root-UID account', () => {
  const log = join(dir, 'sigma.log');
  writeFileSync(
    log,
    'Nov  2 08:38:24 srv1 useradd[1337]: new user: name=john, UID=0, GID=0, home=/home/john, shell=/bin/bash\n' +
      'Nov  2 08:39:00 srv1 useradd[1338]: new user: name=kate, UID=1001, GID=1001, home=/home/kate, shell=/bin/bash\n',
  );
  const r = vigil(['analyze', log, '--year', '2026', '--no-store', '--no-progress', '--rules', resolve(sharedDataPath('sigma'), 'rules', 'linux', 'builtin'), '--ndjson', '-']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /Sigma: \d+ rules/);
  const sigma = r.stdout.trim().split('\n').map((l) => alertSchema.parse(JSON.parse(l))).filter((a) => a.rule.category === 'sigma');
  assert.deepEqual(sigma.map((a) => a.rule.name), ['Privileged User Has Been Created']);
  assert.equal(sigma[0]!.severity, 'high');
  assert.deepEqual(sigma[0]!.threat.technique.id, ['T1136.001']);
  assert.equal(sigma[0]!.event.count, 1, 'only the UID 0 account');
});

test('rotated files given newest first are analysed in time order: same alerts as the whole log', () => {
  const log = generate(11, 3);
  const lines = readFileSync(log, 'utf8').split('\n');
  const half = Math.floor(lines.length / 2);
  const older = join(dir, 'auth.log.1');
  const newer = join(dir, 'auth.log');
  writeFileSync(older, `${lines.slice(0, half).join('\n')}\n`);
  writeFileSync(newer, lines.slice(half).join('\n'));
  const ids = (files: string[]): string[] => {
    const r = vigil(['analyze', ...files, '--year', '2026', '--no-store', '--no-progress', '--ndjson', '-']);
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim().split('\n').map((l) => alertSchema.parse(JSON.parse(l)).id).sort();
  };
  const whole = ids([log]);
  assert.ok(whole.length >= 7);
  assert.deepEqual(ids([newer, older]), whole);
});
