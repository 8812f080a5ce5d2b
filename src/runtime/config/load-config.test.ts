import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { defaultCasesConfig } from '../../core/cases/index.js';
import { isVigilError } from '../../lib/errors.js';
import { defaultDetectionConfig, vigilConfigSchema } from '../../schema/config.js';
import { loadDetectionConfig, loadVigilConfig } from './load-config.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-config-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const invalid = (pattern: RegExp) => (e: unknown) => isVigilError(e) && e.code === 'INVALID_CONFIG' && pattern.test(e.message);

test('no file means the defaults', async () => {
  assert.deepEqual(await loadDetectionConfig(undefined), defaultDetectionConfig());
});

test('the shipped defaults file is what the schema gives for an empty file', async () => {
  assert.deepEqual(
    await loadVigilConfig(undefined),
    vigilConfigSchema.parse({}),
    'content/config-defaults.json is out of date: run `npm run build && node scripts/write-config-defaults.mjs`',
  );
});

test('a file overrides only what it names', async () => {
  const config = await loadDetectionConfig(file('ok.yml', 'detections:\n  bruteForce: { failures: 20 }\n  anomaly: { enabled: false }\n'));
  assert.equal(config.bruteForce.failures, 20);
  assert.equal(config.bruteForce.windowMinutes, defaultDetectionConfig().bruteForce.windowMinutes);
  assert.equal(config.anomaly.enabled, false);
});

test('unknown keys, wrong types, bad YAML and missing files are clear INVALID_CONFIG errors', async () => {
  await assert.rejects(loadDetectionConfig(file('typo.yml', 'detections:\n  bruteForce: { failurez: 20 }\n')), invalid(/failurez/));
  await assert.rejects(loadDetectionConfig(file('top.yml', 'detection: {}\n')), invalid(/detection/));
  await assert.rejects(loadDetectionConfig(file('type.yml', 'detections:\n  bruteForce: { failures: -1 }\n')), invalid(/bruteForce\.failures/));
  await assert.rejects(loadDetectionConfig(file('bad.yml', 'detections: [unclosed\n')), invalid(/not valid YAML/));
  await assert.rejects(loadDetectionConfig(join(dir, 'missing.yml')), invalid(/cannot read/));
});

test('the cases section: defaults, overrides, and a file with only detections', async () => {
  assert.deepEqual((await loadVigilConfig(undefined)).cases, defaultCasesConfig());
  assert.equal(defaultCasesConfig().windowMinutes, 60);
  assert.deepEqual(defaultCasesConfig().linkBy, ['ip', 'user']);
  const custom = (
    await loadVigilConfig(file('c.yml', 'cases:\n  windowMinutes: 30\n  linkBy: [ip]\n  serviceLevels:\n    critical: { acknowledgeMinutes: 5 }\n'))
  ).cases;
  assert.equal(custom.windowMinutes, 30);
  assert.deepEqual(custom.linkBy, ['ip']);
  assert.equal(custom.serviceLevels.critical.acknowledgeMinutes, 5);
  assert.equal(custom.serviceLevels.critical.resolveMinutes, 240, 'unset keys keep their defaults');
  assert.deepEqual((await loadVigilConfig(file('d.yml', 'detections:\n  bruteForce: { failures: 20 }\n'))).cases, defaultCasesConfig());
});

test('in the cases section, unknown keys and bad values are INVALID_CONFIG errors that name the key', async () => {
  for (const [text, key] of [
    ['cases:\n  windowMinute: 30\n', 'cases'],
    ['cases:\n  linkBy: [mac]\n', 'cases.linkBy.0'],
    ['cases:\n  serviceLevels: { urgent: { acknowledgeMinutes: 1 } }\n', 'cases.serviceLevels'],
    ['cases:\n  windowMinutes: -1\n', 'cases.windowMinutes'],
  ] as const) {
    await assert.rejects(
      () => loadVigilConfig(file('bad.yml', text)),
      (e: unknown) => isVigilError(e) && e.code === 'INVALID_CONFIG' && e.message.includes(key),
      text,
    );
  }
});
