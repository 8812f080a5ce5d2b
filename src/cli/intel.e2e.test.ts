import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { readFeed } from '../core/intel/index.js';

const VIGIL = resolve('bin', 'vigil.js');
const TEXT = 'Beacon to hxxps://evil[.]example[.]com/x.php from 203.0.113[.]7 and bob[at]corp[.]com; md5 d41d8cd98f00b204e9800998ecf8427e; see report.pdf, CVE-2024-3094, T1059.001 and 999.1.1.1\n';
const run = (args: string[], input: string) => spawnSync(process.execPath, [VIGIL, 'intel', 'extract', ...args], { input, encoding: 'utf8' });

test('intel extract refangs and groups indicators, and skips file names and impossible addresses', () => {
  const r = run(['-', '--json'], TEXT);
  assert.equal(r.status, 0, r.stderr);
  const found = JSON.parse(r.stdout) as Record<string, { value: string; defanged: boolean }[]>;
  const values = (type: string): string[] => (found[type] ?? []).map((i) => i.value);
  assert.deepEqual(values('url'), ['https://evil.example.com/x.php']);
  assert.deepEqual(values('ipv4'), ['203.0.113.7']);
  assert.deepEqual(values('email'), ['bob@corp.com']);
  assert.deepEqual(values('md5'), ['d41d8cd98f00b204e9800998ecf8427e']);
  assert.deepEqual(values('cve'), ['CVE-2024-3094']);
  assert.deepEqual(values('attack'), ['T1059.001']);
  assert.ok(!values('domain').includes('report.pdf'));
  assert.ok(found.ipv4?.[0]?.defanged);
  const table = run(['-', '--defang'], TEXT);
  assert.match(table.stdout, /^url +hXXps:\/\/evil\[\.\]example\[\.\]com\/x\[\.\]php$/m);
  assert.match(table.stdout, /^\d+ indicator\(s\)$/m);
  assert.equal(run(['/no/such/file'], '').status, 1);
});

test('intel extract --stix writes a STIX 2.1 bundle that reads back as the extracted indicators', () => {
  const r = run(['--stix'], 'C2 at hxxp://evil[.]example[.]com/gate.php and 203.0.113[.]9, hash d41d8cd98f00b204e9800998ecf8427e; see CVE-2024-1234 and report.pdf\n');
  assert.equal(r.status, 0, r.stderr);
  const read = readFeed('stix', r.stdout, { source: 'test' });
  assert.ok(read.ok, read.ok ? '' : read.error.message);
  const values = read.value.indicators.map((i) => `${i.type} ${i.value}`).sort();
  assert.deepEqual(values, ['domain evil.example.com', 'ipv4 203.0.113.9', 'md5 d41d8cd98f00b204e9800998ecf8427e', 'url http://evil.example.com/gate.php']);
});
