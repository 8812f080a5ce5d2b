import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { test } from 'node:test';
import { formatIssue } from '../../core/playbook/index.js';
import { defaultActionRegistry } from './default-registry.js';
import { runFixtures } from './fixtures.js';
import { BUNDLED_PLAYBOOKS_DIR, listPlaybookFiles, loadPlaybooks } from './load-playbooks.js';

test('every bundled playbook loads against the real action registry, is named by pattern, and passes its fixtures', async () => {
  const registry = defaultActionRegistry();
  const files = listPlaybookFiles([BUNDLED_PLAYBOOKS_DIR]);
  assert.ok(files.length >= 3);
  const { playbooks, issues } = loadPlaybooks([BUNDLED_PLAYBOOKS_DIR], registry.lookup);
  assert.deepEqual(issues.map(formatIssue), []);
  const offenders: string[] = [];
  for (const pb of playbooks) {
    if (!/^[a-z]+_[a-z0-9_]+\.yml$/.test(basename(pb.file))) offenders.push(`${pb.file}: name files <area>_<what>.yml`);
    if (pb.playbook.tests.length === 0) offenders.push(`${pb.file}: no tests`);
    for (const r of await runFixtures(pb, registry)) if (!r.passed) offenders.push(`${pb.playbook.name} / ${r.fixture}: ${r.failures.join('; ')}`);
  }
  assert.deepEqual(offenders, []);
  assert.deepEqual(playbooks.map((p) => p.playbook.name).sort(), ['brute-force-response', 'compromise-response', 'phishing-response']);
});
