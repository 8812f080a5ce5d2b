import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_MAPPINGS_DIR, loadSigmaMappings } from '../../../runtime/content/load-mappings.js';
import { parseMappingDocument } from '../events/mapping-source.js';
import { compileSigmaMappings, MAPPING_KINDS } from './sigma-mappings.js';

function mappingFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? mappingFiles(join(dir, e.name)) : e.name.endsWith('.yml') ? [join(dir, e.name)] : []));
}

test('every shipped mapping file loads and validates, alone and together', async () => {
  const files = mappingFiles(DEFAULT_MAPPINGS_DIR);
  assert.ok(files.length >= 9, `found ${files.length} mapping files`);
  for (const file of files) {
    const source = { path: file, text: readFileSync(file, 'utf8') };
    const document = parseMappingDocument(source);
    assert.ok(document.ok, file);
    const value = document.value.value as { kind?: string };
    assert.ok(MAPPING_KINDS.some((k) => k === value.kind), `${file}: kind ${String(value.kind)}`);
  }
  const all = await loadSigmaMappings();
  assert.ok(all.ok, all.ok ? '' : all.error.map((i) => `${i.location.file}:${i.location.line ?? 0} ${i.message}`).join('\n'));
  assert.deepEqual(
    all.value.events.formats.map((f) => f.name),
    ['evtx-nested', 'winlogbeat', 'vigil-ecs', 'evtx-flat'],
  );
  assert.deepEqual([...all.value.logsources.products.keys()].sort(), ['linux', 'windows']);
  assert.equal(all.value.logsources.defaultChannelProduct, 'windows');
});

test('invalid mapping files give located issues, all of them at once', () => {
  const result = compileSigmaMappings([
    { path: 'a.yml', text: 'kind: event-format\nname: Bad Name\ndescription: x\npriority: 1\ndetect: {}\nroute: {kind: channel, channel: [C], eventId: [E]}\ntime: [T]\n' },
    { path: 'b.yml', text: 'kind: nonsense\n' },
    { path: 'c.yml', text: 'kind: channel-logsources\nproduct: windows\nservices:\n  security: [Security]\ncategories:\n  process_creation:\n    - { service: sysmon, eventIds: [1] }\n' },
    { path: 'd.yml', text: 'kind: value-forms\nformats: [missing]\nhexIntegers: true\n' },
    { path: 'e.yml', text: 'key: [unclosed\n' },
    { path: 'f.yml', text: 'kind: field-aliases\naliases: []\nextra: 1\n' },
  ]);
  assert.ok(!result.ok);
  const byFile = new Map<string, string[]>();
  for (const issue of result.error) {
    assert.equal(issue.code, 'SIGMA_INVALID_MAPPING');
    const list = byFile.get(issue.location.file) ?? [];
    list.push(`${issue.location.line ?? '?'}: ${issue.message}`);
    byFile.set(issue.location.file, list);
  }
  assert.deepEqual([...byFile.keys()].sort(), ['a.yml', 'b.yml', 'c.yml', 'd.yml', 'e.yml', 'f.yml']);
  assert.ok(byFile.get('a.yml')!.some((m) => m.startsWith('2: name:')), byFile.get('a.yml')!.join('; '));
  assert.ok(byFile.get('a.yml')!.some((m) => m.includes('detect')));
  assert.ok(byFile.get('c.yml')!.some((m) => m.startsWith('7: ') && m.includes('sysmon is not a service')), byFile.get('c.yml')!.join('; '));
  assert.ok(byFile.get('d.yml')!.some((m) => m.includes('no event format is named missing')));
  assert.ok(byFile.get('f.yml')!.some((m) => m.includes('extra')));
});

test('the loader reports unreadable folders and bad files with paths relative to the mappings folder', async () => {
  const missing = await loadSigmaMappings(join(tmpdir(), 'vigil-no-such-mappings-folder'));
  assert.ok(!missing.ok && missing.error[0]!.message.startsWith('cannot list'));
  const dir = mkdtempSync(join(tmpdir(), 'vigil-mappings-'));
  try {
    mkdirSync(join(dir, 'mappings', 'formats'), { recursive: true });
    writeFileSync(join(dir, 'mappings', 'formats', 'broken.yml'), 'kind: event-format\nname: x\n');
    const broken = await loadSigmaMappings(join(dir, 'mappings'));
    assert.ok(!broken.ok);
    assert.ok(broken.error.every((i) => i.location.file === join('mappings', 'formats', 'broken.yml')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('two products cannot claim one channel, and only one product is the default', () => {
  const file = (product: string): string => `kind: channel-logsources\nproduct: ${product}\ndefault: true\nservices:\n  x: [Shared/Operational]\n`;
  const result = compileSigmaMappings([
    { path: 'w.yml', text: file('windows') },
    { path: 'l.yml', text: file('linux') },
  ]);
  assert.ok(!result.ok);
  assert.ok(result.error.some((i) => i.location.file === 'l.yml' && i.message.includes('already belongs to windows')));
  assert.ok(result.error.some((i) => i.location.file === 'l.yml' && i.message.includes('default')));
});
