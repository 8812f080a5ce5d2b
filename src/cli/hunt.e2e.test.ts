import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { sharedDataPath } from '../lib/shared-data.js';

const VIGIL = resolve('bin', 'vigil.js');
const SIGMA = sharedDataPath('sigma');
const dir = mkdtempSync(join(tmpdir(), 'vigil-hunt-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});
const vigil = (args: string[]) => spawnSync(process.execPath, [VIGIL, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 300_000 });

const RULE = `title: Whoami Run From Cmd
id: 0d4b8ff4-0ec4-4bfb-8b21-1f3f6a1d6a10
status: test
level: high
author: Vigil tests
references: [https://example.org/whoami]
tags: [attack.discovery, attack.t1033]
logsource: { product: windows, category: process_creation }
detection:
  selection:
    Image|endswith: '\\whoami.exe'
    ParentImage|endswith: '\\cmd.exe'
  condition: selection
`;
const event = (image: string) => ({
  Provider_Name: 'Microsoft-Windows-Sysmon',
  EventID: '1',
  Channel: 'Microsoft-Windows-Sysmon/Operational',
  Computer: 'WS01',
  TimeCreated_SystemTime: '2026-11-02 08:00:00.000000',
  Image: image,
  ParentImage: 'C:\\Windows\\System32\\cmd.exe',
  CommandLine: 'whoami /all',
});

test('hunt matches a rule over NDJSON events and explains the match', () => {
  const rules = join(dir, 'rules');
  mkdirSync(rules);
  writeFileSync(join(rules, 'proc_creation_win_whoami.yml'), RULE);
  const events = join(dir, 'events.ndjson');
  writeFileSync(events, [event('C:\\Windows\\System32\\whoami.exe'), event('C:\\Windows\\System32\\notepad.exe')].map((e) => JSON.stringify(e)).join('\n') + '\nnot json\n');
  const out = join(dir, 'out.ndjson');
  const r = vigil(['hunt', events, '--rules', rules, '--ndjson', out]);
  assert.equal(r.status, 0, r.stderr);
  const detections = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(detections.length, 1);
  const [d] = detections as [{ rule: { id: string; level: string; author: string }; '@timestamp': string; event: { Image: string }; explanation: { selections: { name: string }[] }; log: { line: number } }];
  assert.equal(d.rule.id, '0d4b8ff4-0ec4-4bfb-8b21-1f3f6a1d6a10');
  assert.equal(d.rule.level, 'high');
  assert.equal(d.rule.author, 'Vigil tests');
  assert.equal(d['@timestamp'], '2026-11-02T08:00:00.000Z');
  assert.match(d.event.Image, /whoami\.exe$/);
  assert.deepEqual(d.explanation.selections.map((s) => s.name), ['selection']);
  assert.equal(d.log.line, 1);
  assert.match(r.stdout, /1 detection\(s\).*in 2 events/);
  assert.match(r.stdout, /Records not read: 1 not_json/);

  const table = vigil(['hunt', events, '--rules', rules]);
  assert.match(table.stdout, /Whoami Run From Cmd .*WS01 .*Image=C:\\Windows\\System32\\whoami\.exe/);
  const filtered = vigil(['hunt', events, '--rules', rules, '--level', 'critical']);
  assert.match(filtered.stdout, /0 detection\(s\)/);
  const tagged = vigil(['hunt', events, '--rules', rules, '--tags', 'attack.t1033', '--status', 'test']);
  assert.match(tagged.stdout, /1 detection\(s\)/);
});

test('hunt reads NDJSON whose first line is blank or starts with a byte order mark, and JSON split by braces', () => {
  const rules = join(dir, 'forms-rules');
  mkdirSync(rules);
  writeFileSync(join(rules, 'proc_creation_win_whoami.yml'), RULE);
  const hit = event('C:\\Windows\\System32\\whoami.exe');
  const miss = event('C:\\Windows\\System32\\notepad.exe');
  const forms: Record<string, string> = {
    'blank-first.ndjson': `\n  \n${JSON.stringify(hit)}\n${JSON.stringify(miss)}\n`,
    'bom.ndjson': `\ufeff${JSON.stringify(hit)}\n${JSON.stringify(hit)}\n`,
    'array.json': JSON.stringify([hit, miss, hit], null, 2),
    'concatenated.json': `${JSON.stringify(hit, null, 2)}\n${JSON.stringify(miss, null, 2)}\n`,
  };
  const expected: Record<string, number> = { 'blank-first.ndjson': 1, 'bom.ndjson': 2, 'array.json': 2, 'concatenated.json': 1 };
  for (const [name, text] of Object.entries(forms)) {
    const path = join(dir, name);
    writeFileSync(path, text);
    const r = vigil(['hunt', path, '--rules', rules, '--ndjson', '-']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim().split('\n').filter((l) => l !== '').length, expected[name], `${name}: ${r.stdout}${r.stderr}`);
  }
});

test("rules test runs SigmaHQ's regression tests: 202 passed, 0 failed", () => {
  const r = vigil(['rules', 'test', '--rules', join(SIGMA, 'rules'), '--rules', join(SIGMA, 'rules-emerging-threats'), '--rules', join(SIGMA, 'rules-threat-hunting'), '--regression', join(SIGMA, 'regression')]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^202 passed, 0 failed$/m);
});

test('rules lint loads at least 99% of SigmaHQ and names every failure with its location', () => {
  const r = vigil(['rules', 'lint', join(SIGMA, 'rules'), join(SIGMA, 'rules-emerging-threats'), join(SIGMA, 'rules-threat-hunting'), '--json']);
  const report = JSON.parse(r.stdout) as { files: number; rules: number; errors: { location: { file: string; line?: number } }[] };
  assert.ok(report.rules / report.files >= 0.99, `${report.rules} of ${report.files}`);
  assert.equal(r.status, report.errors.length > 0 ? 1 : 0);
  for (const e of report.errors) assert.ok(e.location.file.endsWith('.yml') && e.location.line !== undefined, JSON.stringify(e));
});
