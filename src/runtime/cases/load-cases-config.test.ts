import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { defaultCasesConfig } from '../../core/cases/index.js';
import { isVigilError } from '../../lib/errors.js';
import { loadCasesConfig } from './load-cases-config.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-cases-config-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

test('the cases section: defaults, overrides, and a file with only detections', async () => {
  assert.deepEqual(await loadCasesConfig(undefined), defaultCasesConfig());
  assert.equal(defaultCasesConfig().windowMinutes, 60);
  assert.deepEqual(defaultCasesConfig().linkBy, ['ip', 'user']);
  const custom = await loadCasesConfig(
    file('c.yml', 'cases:\n  windowMinutes: 30\n  linkBy: [ip]\n  serviceLevels:\n    critical: { acknowledgeMinutes: 5 }\n'),
  );
  assert.equal(custom.windowMinutes, 30);
  assert.deepEqual(custom.linkBy, ['ip']);
  assert.equal(custom.serviceLevels.critical.acknowledgeMinutes, 5);
  assert.equal(custom.serviceLevels.critical.resolveMinutes, 240, 'unset keys keep their defaults');
  assert.deepEqual(await loadCasesConfig(file('d.yml', 'detections:\n  bruteForce: { failures: 20 }\n')), defaultCasesConfig());
});

test('unknown keys and bad values are INVALID_CONFIG errors that name the key', async () => {
  for (const [text, key] of [
    ['cases:\n  windowMinute: 30\n', 'cases'],
    ['cases:\n  linkBy: [mac]\n', 'cases.linkBy.0'],
    ['cases:\n  serviceLevels: { urgent: { acknowledgeMinutes: 1 } }\n', 'cases.serviceLevels'],
    ['cases:\n  windowMinutes: -1\n', 'cases.windowMinutes'],
  ] as const) {
    await assert.rejects(
      () => loadCasesConfig(file('bad.yml', text)),
      (e: unknown) => isVigilError(e) && e.code === 'INVALID_CONFIG' && e.message.includes(key),
      text,
    );
  }
});
