import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventOf } from './event-fixture.js';
import { loadRuleText } from './loader.js';

const RULE = (id: string, extra = ''): string => `title: Rule ${id}
id: ${id}
status: test
level: high
logsource:
    product: windows
    category: process_creation
detection:
    selection:
        Image|endswith: '\\whoami.exe'
    condition: selection
${extra}`;
const ID1 = '929a690e-bef0-4204-a928-ef5e620d6fcc';
const ID2 = '08fbc97d-0a2f-491c-ae21-8ffcfd3174e9';

describe('loadRuleText', () => {
  it('loads a rule with its metadata; custom top-level keys are allowed', () => {
    const r = loadRuleText(RULE(ID1, 'regression_tests_path: x/y\nfalsepositives: Admins\ntags:\n    - attack.t1033\n'), 'rules/a.yml');
    assert.deepEqual(r.errors, []);
    const [rule] = r.rules;
    assert.deepEqual(rule?.meta, {
      id: ID1, title: `Rule ${ID1}`, status: 'test', level: 'high', path: 'rules/a.yml',
      logsource: { product: 'windows', category: 'process_creation' }, falsepositives: ['Admins'], tags: ['attack.t1033'],
    });
    assert.equal(rule.test(eventOf({ Image: 'C:\\Windows\\System32\\whoami.exe' })), true);
  });

  it('loads every document of a multi-document file', () => {
    const r = loadRuleText(`${RULE(ID1)}---\n${RULE(ID2)}`, 'multi.yml');
    assert.deepEqual(r.rules.map((x) => x.meta.id), [ID1, ID2]);
  });

  it('applies action: global, reset and repeat', () => {
    const text = `action: global
title: Shared
logsource:
    product: windows
detection:
    condition: selection
---
id: ${ID1}
detection:
    selection:
        EventID: 1
---
action: repeat
id: ${ID2}
detection:
    selection:
        EventID: 2
---
action: reset
---
title: Alone
logsource:
    product: linux
detection:
    selection:
        x: 1
    condition: selection
`;
    const r = loadRuleText(text, 'collection.yml');
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.rules.map((x) => [x.meta.title, x.meta.logsource.product]), [['Shared', 'windows'], ['Shared', 'windows'], ['Alone', 'linux']]);
    assert.equal(r.rules[1]?.test(eventOf({ EventID: 2 })), true);
    assert.equal(r.rules[1].test(eventOf({ EventID: 1 })), false);
  });

  it('reports every schema problem with its location and keeps loading the other documents', () => {
    const bad = `title: ''\nid: not-a-uuid\nlevel: severe\nstatus: done\nlogsource: windows\ndetection:\n    selection:\n        x: 1\n`;
    const r = loadRuleText(`${bad}---\n${RULE(ID2)}`, 'bad.yml');
    assert.deepEqual(r.rules.map((x) => x.meta.id), [ID2]);
    assert.deepEqual(
      r.errors.map((e) => [e.code, e.location.line, e.message.split(':')[0]]),
      [
        ['SIGMA_INVALID_RULE', 1, 'title'],
        ['SIGMA_INVALID_RULE', 2, 'id'],
        ['SIGMA_INVALID_RULE', 4, 'status'],
        ['SIGMA_INVALID_RULE', 3, 'level'],
        ['SIGMA_INVALID_RULE', 5, 'logsource'],
        ['SIGMA_INVALID_RULE', 6, 'detection.condition'],
      ],
    );
    assert.ok(r.errors.every((e) => e.location.file === 'bad.yml' && e.document === 0));
  });

  it('requires title, logsource and detection', () => {
    const r = loadRuleText('id: ' + ID1 + '\n', 'empty.yml');
    assert.deepEqual(r.errors.map((e) => e.message.split(':')[0]).sort(), ['detection', 'logsource', 'title']);
  });

  it('reports YAML syntax errors and duplicate keys with line and column', () => {
    const r = loadRuleText('title: x\ndetection:\n  sel: [a, b\n', 'broken.yml');
    assert.equal(r.errors[0]?.code, 'SIGMA_INVALID_YAML');
    assert.equal(typeof r.errors[0].location.line, 'number');
    const d = loadRuleText(RULE(ID1, 'title: again\n'), 'dup.yml');
    assert.equal(d.errors[0]?.code, 'SIGMA_INVALID_YAML');
    assert.equal(d.errors[0].location.line, 12);
  });

  it('never throws, whatever the text', () => {
    const hostile = [
      '',
      '---\n---\n',
      '- just\n- a list\n',
      'a: &a [*a]\n',
      'x: ' + '['.repeat(5000) + ']'.repeat(5000),
      `a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n`,
      RULE(ID1).replace('condition: selection', `condition: ${'not '.repeat(10_000)}selection`),
      RULE(ID1).replace('condition: selection', `condition: ${'('.repeat(10_000)}selection${')'.repeat(10_000)}`),
      RULE(ID1).replace("Image|endswith: '\\whoami.exe'", `Image|re: '${'(a+)+'.repeat(2000)}$'`),
      'title: x\n'.repeat(10),
      '\u0000\u0001\ufffe',
    ];
    for (const text of hostile) {
      const r = loadRuleText(text, 'hostile.yml');
      assert.equal(r.rules.length, 0, text.slice(0, 40));
    }
  });

  it('explains why hostile rules fail', () => {
    const deep = loadRuleText(RULE(ID1).replace('condition: selection', `condition: ${'not '.repeat(10_000)}selection`), 'deep.yml');
    assert.equal(deep.errors[0]?.code, 'SIGMA_BAD_CONDITION');
    assert.match(deep.errors[0].message, /deeper than 256/);
    const huge = loadRuleText('title: x\n' + 'y'.repeat(5 * 1024 * 1024), 'huge.yml');
    assert.equal(huge.errors[0]?.code, 'SIGMA_TOO_LARGE');
  });

  it('rejects unknown collection actions', () => {
    const r = loadRuleText(`action: merge\n---\n${RULE(ID1)}`, 'c.yml');
    assert.equal(r.errors[0]?.code, 'SIGMA_INVALID_RULE');
    assert.equal(r.rules.length, 1);
  });

  it('reports detection problems even when the metadata is also invalid', () => {
    const r = loadRuleText(RULE(ID1).replace('level: high', 'level: severe').replace('Image|endswith', 'Image|endwith'), 'both.yml');
    assert.deepEqual(r.errors.map((e) => e.code), ['SIGMA_INVALID_RULE', 'SIGMA_UNKNOWN_MODIFIER']);
  });

  it('warns about problems that do not change what a rule detects', () => {
    const r = loadRuleText(RULE(ID1, 'date: 2024/01/02\n').replace("Image|endswith: '\\whoami.exe'", "Image|endswith|all: '\\whoami.exe'"), 'warn.yml');
    assert.equal(r.rules.length, 1);
    assert.deepEqual(r.warnings.map((w) => [w.code, w.location.line]), [['SIGMA_INVALID_MODIFIER', 10], ['SIGMA_INVALID_RULE', 12]]);
  });
});
