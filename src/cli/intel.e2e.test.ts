import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';

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
