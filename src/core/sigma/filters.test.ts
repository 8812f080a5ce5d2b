import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventOf } from './event-fixture.js';
import { applyFilters } from './filters.js';
import { loadRuleText } from './loader.js';

const RULES = `title: Data Compressed - rar.exe
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
name: rar_compress
logsource:
    category: process_creation
    product: windows
detection:
    selection:
        Image|endswith: '\\rar.exe'
    condition: selection
---
title: Whoami
id: df0841c0-9846-4e9f-ad8a-7df91571771b
logsource:
    category: process_creation
    product: windows
detection:
    selection:
        Image|endswith: '\\whoami.exe'
    condition: selection
---
title: Linux whoami
id: 0b2a8c6e-0b2c-4c0c-9c55-6a1a8e3f4d11
logsource:
    category: process_creation
    product: linux
detection:
    selection:
        Image|endswith: '/whoami'
    condition: selection
`;

const FILTER = (rules: string, logsource = 'category: process_creation\n    product: windows') => `title: Filter Administrator account
description: The valid administrator account start with adm_
logsource:
    ${logsource}
filter:
    rules: ${rules}
    selection:
        User|startswith: 'adm_'
    condition: not selection
`;

describe('meta filters', () => {
  const { rules } = loadRuleText(RULES, 'rules.yml');
  const admin = (image: string) => eventOf({ Image: image, User: 'adm_bob' });
  const user = (image: string) => eventOf({ Image: image, User: 'bob' });

  it('loads a filter document and applies it to the rules it names (by id or name)', () => {
    const r = loadRuleText(FILTER('\n        - rar_compress\n        - df0841c0-9846-4e9f-ad8a-7df91571771b'), 'filter.yml');
    assert.deepEqual(r.errors, []);
    const [rar, whoami, linux] = applyFilters(rules, r.filters);
    assert.equal(rar?.test(admin('C:\\rar.exe')), false);
    assert.equal(rar.test(user('C:\\rar.exe')), true);
    assert.equal(whoami?.test(admin('C:\\whoami.exe')), false);
    assert.deepEqual(rar.filters, ['filter.yml#0']);
    assert.deepEqual(rar.fields, ['Image', 'User']);
    assert.equal(linux?.test(admin('/usr/bin/whoami')), true);
    assert.equal(linux, rules[2], 'rules no filter applies to are returned unchanged');
  });

  it("'any' applies to every rule whose logsource the filter covers", () => {
    const r = loadRuleText(FILTER('any', 'product: windows'), 'filter.yml');
    const tuned = applyFilters(rules, r.filters);
    assert.deepEqual(tuned.map((t) => t.filters.length), [1, 1, 0]);
  });

  it('does not apply when the logsource differs, even if the rule is named', () => {
    const r = loadRuleText(FILTER('[rar_compress]', 'category: process_creation\n    product: linux'), 'filter.yml');
    assert.deepEqual(applyFilters(rules, r.filters).map((t) => t.filters.length), [0, 0, 0]);
  });

  it('keeps the explanation of the rule itself', () => {
    const r = loadRuleText(FILTER('any'), 'filter.yml');
    const [rar] = applyFilters(rules, r.filters);
    assert.deepEqual(rar?.match(user('C:\\rar.exe'))?.selections.map((s) => s.name), ['selection']);
  });

  it('reports invalid filters with locations', () => {
    const r = loadRuleText('title: f\nlogsource:\n    product: windows\nfilter:\n    selection:\n        a: 1\n', 'bad.yml');
    assert.deepEqual(r.errors.map((e) => [e.code, e.location.line]), [['SIGMA_INVALID_FILTER', 4], ['SIGMA_INVALID_FILTER', 4]]);
    const c = loadRuleText(FILTER('any').replace('condition: not selection', 'condition: not sel'), 'bad.yml');
    assert.equal(c.errors[0]?.code, 'SIGMA_BAD_CONDITION');
  });
});
