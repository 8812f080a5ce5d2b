import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sharedDataPath } from '../../../lib/shared-data.js';
import { readStixBundle } from './bundle-reader.js';
import { stixBundleIndicators } from './to-indicators.js';

const dir = sharedDataPath('stix', 'oasis-examples');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

test('there are the eight OASIS examples', () => {
  assert.equal(files.length, 8);
});

for (const file of files) {
  test(`OASIS example ${file} imports without error`, () => {
    const read = readStixBundle(JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown);
    assert.ok(read.ok, read.ok ? '' : read.error.message);
    assert.deepEqual(read.value.errors, []);
    for (const rec of read.value.indicators) assert.equal(rec.pattern.kind, 'stix', rec.id);
  });
}

test('OASIS examples give the indicators their patterns name', () => {
  const read = (f: string) => {
    const r = readStixBundle(JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown);
    assert.ok(r.ok);
    return r.value;
  };
  const apt1 = stixBundleIndicators(read('apt1.json'), { defaultSource: 'oasis' }).indicators;
  // CIDR blocks written as ipv4-addr values, lower-case md5 key, domains.
  assert.ok(apt1.some((i) => i.type === 'cidr' && i.value === '223.166.0.0/15'));
  assert.ok(apt1.some((i) => i.type === 'md5' && i.value === '001dd76872d80801692ff942308c64e6'));
  assert.ok(apt1.some((i) => i.type === 'domain' && i.value === 'hugesoft.org'));
  const poison = read('poisonivy.json');
  // One value in one pattern is not a domain name ('domain autuo.xicp.net'): a warning, not an error.
  assert.ok(poison.warnings.some((w) => w.code === 'INTEL_INVALID_VALUE' && w.message.includes('autuo.xicp.net')));
  const taken = stixBundleIndicators(poison, { defaultSource: 'oasis' });
  assert.ok(taken.indicators.some((i) => i.value === 'www.webserver.dynssl.com'));
  const coa = stixBundleIndicators(read('indicators-for-C2-with-COA.json'), { defaultSource: 'oasis' }).indicators;
  assert.ok(coa.some((i) => i.type === 'sha256' && i.value === 'ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c'));
  // A single STIX object rather than a bundle reads as a bundle of one; its unknown marking is no error.
  const single = read('interop-objectmarking-test.json');
  assert.equal(single.objectCount, 1);
});
