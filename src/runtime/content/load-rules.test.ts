import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadRules } from './load-rules.js';

const RULE = `title: Whoami
id: 8e6bd7ad-1c1e-4c71-8b65-0a1d0b3a2d11
logsource: { product: windows, category: process_creation }
detection:
  sel:
    Image|endswith: '\\\\whoami.exe'
  condition: sel
level: medium
`;

describe('loadRules', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-rules-'));
  after(() => rm(dir, { recursive: true, force: true }));

  it('loads rule files under a folder, recursively, and reports the ones that do not load without stopping', async () => {
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'a.yml'), RULE);
    await writeFile(join(dir, 'sub', 'b.yaml'), `\uFEFF${RULE.replace('Whoami', 'Whoami again').replace('8e6bd7ad', '9e6bd7ad')}`);
    await writeFile(join(dir, 'broken.yml'), 'title: [unclosed\n');
    await writeFile(join(dir, 'huge.yml'), `title: x\n# ${'x'.repeat(4 * 1024 * 1024)}\n`);
    await writeFile(join(dir, 'notes.txt'), 'not a rule');
    const loaded = await loadRules([dir]);
    assert.equal(loaded.files, 4);
    assert.deepEqual(loaded.rules.map((r) => r.meta.title).sort(), ['Whoami', 'Whoami again']);
    const files = loaded.errors.map((e) => e.location.file);
    assert.ok(files.some((f) => f.endsWith('broken.yml')));
    assert.ok(loaded.errors.some((e) => e.location.file.endsWith('huge.yml') && /larger than/.test(e.message)));
  });

  it('reports a missing path as an error, not a crash', async () => {
    const loaded = await loadRules([join(dir, 'missing')]);
    assert.equal(loaded.rules.length, 0);
    assert.match(loaded.errors[0]?.message ?? '', /cannot read rules/);
  });
});
