import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { readStixBundle } from '../core/intel/index.js';
import { sharedDataPath } from '../lib/shared-data.js';
import { alertSchema } from '../schema/alert.js';

const VIGIL = resolve('bin', 'vigil.js');
const dir = mkdtempSync(join(tmpdir(), 'vigil-intel-e2e-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});
const vigil = (args: string[], input?: string) => spawnSync(process.execPath, [VIGIL, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...(input === undefined ? {} : { input }) });
/** Runs vigil without blocking this process (an in-process server must be able to answer it). */
const vigilAsync = (args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> =>
  new Promise((done) => {
    const child = spawn(process.execPath, [VIGIL, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => {
      done({ status, stdout, stderr });
    });
  });

const log = join(dir, 'auth.log');
execFileSync(process.execPath, [join(sharedDataPath(), '..', 'tools', 'authlog-gen.mjs'), '--out', log, '--seed', '11', '--days', '2'], { stdio: 'ignore' });
const feed = `${log}.intel.csv`;

test('intel import stores a feed once, re-importing updates; list, search and stats read the store', () => {
  const db = join(dir, 'import.db');
  const first = vigil(['intel', 'import', feed, '--format', 'vigil-csv', '--db', db, '--json']);
  assert.equal(first.status, 0, first.stderr);
  const r1 = JSON.parse(first.stdout) as { read: number; inserted: number; updated: number };
  assert.ok(r1.read > 100);
  assert.equal(r1.inserted, r1.read);
  const second = JSON.parse(vigil(['intel', 'import', feed, '--format', 'vigil-csv', '--db', db, '--json']).stdout) as typeof r1;
  assert.deepEqual([second.inserted, second.updated], [0, r1.read]);
  const stats = JSON.parse(vigil(['intel', 'stats', '--db', db, '--json']).stdout) as { total: number; active: number };
  assert.deepEqual([stats.total, stats.active], [r1.read, r1.read]);
  const firstIp = readFileSync(feed, 'utf8').split('\n')[1]!.split(',')[0]!;
  const search = vigil(['intel', 'search', firstIp, '--db', db, '--json']);
  assert.equal(search.status, 0, search.stderr);
  const rows = JSON.parse(search.stdout) as { match: string; value: string; source: string }[];
  assert.deepEqual(rows.map((r) => [r.match, r.value, r.source]), [['exact', firstIp, 'honeypot-network']]);
  const list = vigil(['intel', 'list', '--type', 'sha256', '--db', db, '--limit', '5']);
  assert.match(list.stdout, /^sha256 +[0-9a-f]{64} +source=/m);
  assert.match(list.stdout, /^5 indicator\(s\)$/m);
  assert.equal(vigil(['intel', 'import', feed, '--format', 'nope', '--db', db]).status, 2);
  assert.equal(vigil(['intel', 'list', '--type', 'nope', '--db', db]).status, 2);
});

test('analyze matches the store\'s active indicators: alerts for exactly the listed attackers; export writes them with sightings', () => {
  const db = join(dir, 'analyze.db');
  assert.equal(vigil(['intel', 'import', feed, '--format', 'vigil-csv', '--db', db]).status, 0);
  const ndjson = join(dir, 'analyze.ndjson');
  const r = vigil(['analyze', log, '--year', '2026', '--db', db, '--no-progress', '--ndjson', ndjson]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /Intel: \d+ indicators from 0 feed file\(s\) and \d+ active in the store, \d+ warninglists/);
  const intel = readFileSync(ndjson, 'utf8').trim().split('\n').map((l) => alertSchema.parse(JSON.parse(l))).filter((a) => a.rule.id === 'vigil.intel.indicator_match');
  // authlog-gen.mjs lists the attackers first, then hundreds of unrelated indicators.
  const listed = readFileSync(feed, 'utf8').split('\n').slice(1, 4).map((l) => l.split(',')[0]!);
  assert.deepEqual([...new Set(intel.map((a) => a.related.ip[0]))].sort(), [...listed].sort());
  const out = join(dir, 'export.json');
  const ex = vigil(['intel', 'export', '--format', 'stix', '--db', db, '--out', out]);
  assert.equal(ex.status, 0, ex.stderr);
  const bundle = readStixBundle(JSON.parse(readFileSync(out, 'utf8')));
  assert.ok(bundle.ok);
  const stats = JSON.parse(vigil(['intel', 'stats', '--db', db, '--json']).stdout) as { active: number };
  assert.equal(bundle.value.indicators.length, stats.active);
  assert.equal(bundle.value.sightings.length, listed.length);
  const sighted = new Set(bundle.value.sightings.map((s) => s.sightingOfRef));
  const sightedValues = bundle.value.indicators.filter((i) => sighted.has(i.id)).map((i) => i.name);
  assert.deepEqual(sightedValues.sort(), [...listed].sort());
  const matched = JSON.parse(vigil(['intel', 'export', '--format', 'stix', '--db', db, '--matched-only']).stdout) as { objects: { type: string }[] };
  assert.equal(matched.objects.filter((o) => o.type === 'indicator').length, listed.length);
});

test('known-good suppression: no alert on warninglisted values, and the run says what it suppressed', () => {
  const kgLog = join(dir, 'kg.log');
  const lines: string[] = [];
  for (let i = 0; i < 12; i++) lines.push(`Nov  2 01:00:${String(i).padStart(2, '0')} bastion sshd[1]: Failed password for root from 8.8.8.8 port 1 ssh2`);
  lines.push('Nov  2 01:00:30 bastion sshd[1]: Failed password for root from 8.8.7.7 port 1 ssh2');
  writeFileSync(kgLog, `${lines.join('\n')}\n`);
  const kgFeed = join(dir, 'kg.txt');
  writeFileSync(kgFeed, '8.8.0.0/16\n1.1.1.1\n');
  const ndjson = join(dir, 'kg.ndjson');
  const r = vigil(['analyze', kgLog, '--year', '2026', '--no-store', '--no-progress', '--intel', kgFeed, '--ndjson', ndjson]);
  assert.equal(r.status, 0, r.stderr);
  const alerts = readFileSync(ndjson, 'utf8').trim().split('\n').filter((l) => l !== '').map((l) => alertSchema.parse(JSON.parse(l)));
  const intel = alerts.filter((a) => a.rule.id === 'vigil.intel.indicator_match');
  assert.deepEqual(intel.map((a) => a.related.ip[0]), ['8.8.7.7']);
  assert.match(r.stderr, /known-good suppressed 1 indicator\(s\) and 12 observation\(s\)/);
  assert.match(r.stderr, /1\.1\.1\.1 \(indicator, List of known IPv4 public DNS resolvers/);
  assert.match(r.stderr, /8\.8\.8\.8 \(observable/);
  // With suppression off, 8.8.8.8 alerts.
  const config = join(dir, 'no-kg.yml');
  writeFileSync(config, 'intel:\n  warninglists:\n    enabled: false\n');
  const off = vigil(['analyze', kgLog, '--year', '2026', '--no-store', '--no-progress', '--intel', kgFeed, '--config', config, '--ndjson', '-']);
  assert.equal(off.status, 0, off.stderr);
  assert.match(off.stdout, /"8\.8\.8\.8"/);
});

test('intel pull reads configured feeds with conditional requests and records failures; exit 1 when one fails', async () => {
  let etagHits = 0;
  const server = createServer((req, res) => {
    if (req.url === '/ok.txt') {
      if (req.headers['if-none-match'] === '"1"') {
        etagHits++;
        res.writeHead(304).end();
      } else res.writeHead(200, { etag: '"1"' }).end('198.51.100.44\nbad[.]example\n');
    } else res.writeHead(500).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const config = join(dir, 'pull.yml');
    writeFileSync(config, `intel:\n  feeds:\n    - name: ok\n      url: ${base}/ok.txt\n      format: plain\n      intervalMinutes: 60\n    - name: broken\n      url: ${base}/broken\n      format: plain\n`);
    const db = join(dir, 'pull.db');
    const first = await vigilAsync(['intel', 'pull', '--config', config, '--db', db]);
    assert.equal(first.status, 1, first.stderr);
    assert.match(first.stdout, /^ok +updated: 2 read, 2 new, 0 updated$/m);
    assert.match(first.stdout, /^broken +failed: .*HTTP 500$/m);
    const again = await vigilAsync(['intel', 'pull', '--config', config, '--db', db, '--feed', 'ok']);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /^ok +skipped: not due/m);
    const forced = await vigilAsync(['intel', 'pull', '--config', config, '--db', db, '--feed', 'ok', '--force']);
    assert.match(forced.stdout, /^ok +not-modified/m);
    assert.equal(etagHits, 1);
    const stats = JSON.parse((await vigilAsync(['intel', 'stats', '--db', db, '--json'])).stdout) as { active: number; feeds: { name: string; lastError?: string }[] };
    assert.equal(stats.active, 2);
    assert.match(stats.feeds.find((f) => f.name === 'broken')?.lastError ?? '', /HTTP 500/);
    const bad = await vigilAsync(['intel', 'pull', '--db', db]);
    assert.equal(bad.status, 2);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});
