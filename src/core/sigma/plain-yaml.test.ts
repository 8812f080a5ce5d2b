import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { sharedDataPath } from '../../lib/shared-data.js';
import { readPlainYaml } from './plain-yaml.js';
import { locationOf, parseSource } from './yaml-source.js';

/** What the `yaml` package reads, as the loader's slow path reads it. */
function viaYaml(text: string): unknown[] {
  return parseAllDocuments(text, { uniqueKeys: true }).map((d) => d.toJS({ maxAliasCount: 100 }) as unknown);
}

describe('readPlainYaml', () => {
  it('reads every SigmaHQ rule file it accepts exactly as the yaml package does, and accepts nearly all', () => {
    const roots = ['rules', 'rules-emerging-threats', 'rules-threat-hunting'].map((r) => sharedDataPath('sigma', r));
    const files = roots.flatMap((root) =>
      readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
        .map((e) => join(e.parentPath, e.name)),
    );
    let accepted = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const fast = readPlainYaml(text, 100);
      if (fast === undefined) continue;
      accepted++;
      assert.deepEqual(fast, viaYaml(text), file);
    }
    assert.ok(files.length > 3700, `${files.length} files`);
    assert.ok(accepted / files.length > 0.95, `${accepted} of ${files.length} read by the fast path`);
  });

  it('leaves anchors, aliases, tags, directives, duplicate keys, empty documents and bad YAML to the yaml package', () => {
    const slow = [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      '%YAML 1.1\n---\na: yes\n',
      'a: 1\na: 2\n',
      '# only a comment\n',
      'a: 1\n---\n---\nb: 2\n',
      'a: [1, 2\n',
      'a:\n\t- b\n',
    ];
    for (const text of slow) assert.equal(readPlainYaml(text, 100), undefined, text);
    assert.equal(readPlainYaml('a: 1\n---\nb: 2\n---\nc: 3\n', 2), undefined);
  });

  it('reads the YAML 1.2 core schema: dates and yes/no stay strings, numbers and booleans are typed', () => {
    const text = "date: 2017-01-10\nanswer: yes\nn: 010\nx: 0x1F\nf: .inf\nt: true\nnothing: null\ns: '*\\\\cmd.exe'\n";
    assert.deepEqual(readPlainYaml(text, 10), viaYaml(text));
    assert.deepEqual(readPlainYaml(text, 10), [{ date: '2017-01-10', answer: 'yes', n: 10, x: 31, f: Infinity, t: true, nothing: null, s: '*\\\\cmd.exe' }]);
  });

  it('keeps a __proto__ key as an own member, as the yaml package does, and pollutes nothing', () => {
    const text = 'title: x\n__proto__:\n  polluted: 1\nconstructor: y\n';
    const [value] = readPlainYaml(text, 10) ?? [];
    assert.deepEqual(readPlainYaml(text, 10), viaYaml(text));
    assert.ok(typeof value === 'object' && value !== null && Object.hasOwn(value, '__proto__'));
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
  });
});

describe('parseSource with the fast path', () => {
  it('still locates a path in a plain file, parsing it with yaml only when asked', () => {
    const text = 'title: t\ndetection:\n  sel:\n    Image|endswith: x\n  condition: sel\n---\ntitle: u\n';
    const parsed = parseSource(text, 'r.yml');
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.documents.length, 2);
    assert.deepEqual(locationOf('r.yml', parsed.documents[0]!.locate, ['detection', 'sel', 'Image|endswith']), { file: 'r.yml', line: 4, column: 5 });
    assert.deepEqual(locationOf('r.yml', parsed.documents[1]!.locate, ['title']), { file: 'r.yml', line: 7, column: 1 });
  });

  it('reports a duplicate key with its line, as before', () => {
    const parsed = parseSource('title: a\ntitle: b\n', 'd.yml');
    assert.equal(parsed.documents.length, 0);
    const [error] = parsed.errors;
    assert.ok(error !== undefined);
    assert.equal(error.code, 'SIGMA_INVALID_YAML');
    assert.equal(error.location.line, 2);
  });
});
