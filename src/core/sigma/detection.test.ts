import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorsOf, eventOf, matches, ruleOf } from './event-fixture.js';
import { MatchContext } from './match-context.js';

describe('selections', () => {
  it('a map ANDs its fields; a field list ORs its values', () => {
    const r = ruleOf(`sel:\n  EventLog: Security\n  EventID:\n    - 517\n    - 1102\ncondition: sel`);
    assert.equal(matches(r, { EventLog: 'security', EventID: 1102 }), true);
    assert.equal(matches(r, { EventLog: 'Security', EventID: 4624 }), false);
    assert.equal(matches(r, { EventID: 517 }), false);
  });

  it('a list of maps ORs the maps', () => {
    const r = ruleOf(`sel:\n  - Image|endswith: '\\example.exe'\n  - Description|contains: 'Test executable'\ncondition: sel`);
    assert.equal(matches(r, { Image: 'C:\\example.exe' }), true);
    assert.equal(matches(r, { Description: 'a test executable' }), true);
    assert.equal(matches(r, { Image: 'C:\\other.exe' }), false);
  });

  it('keyword lists search every string of the event, ORed, case-insensitively, as substrings', () => {
    const r = ruleOf(`keywords:\n  - 'EVILSERVICE'\n  - 'svchost.exe -n evil'\ncondition: keywords`);
    assert.equal(matches(r, { msg: 'started evilservice now' }), true);
    assert.equal(matches(r, { nested: { deep: ['x', 'C:\\svchost.exe -n evil'] } }), true);
    assert.equal(matches(r, { msg: 'nothing' }), false);
  });

  it("'|all' on keywords ANDs them; keywords may hold wildcards and numbers", () => {
    const r = ruleOf(`keywords:\n  '|all':\n    - 'OabVirtualDirectory'\n    - ' -ExternalUrl '\ncondition: keywords`);
    assert.equal(matches(r, { a: 'Set-OabVirtualDirectory', b: 'x -ExternalUrl y' }), true);
    assert.equal(matches(r, { a: 'Set-OabVirtualDirectory' }), false);
    const w = ruleOf(`keywords:\n  - 'rm -rf *tmp'\n  - 4711\ncondition: keywords`);
    assert.equal(matches(w, { cmd: 'sudo rm -rf /var/tmp' }), true);
    assert.equal(matches(w, { code: 'E4711' }), true);
  });

  it('null matches an absent or null field; an empty string only an empty string', () => {
    const n = ruleOf(`sel:\n  f: null\ncondition: sel`);
    assert.equal(matches(n, {}), true);
    assert.equal(matches(n, { f: null }), true);
    assert.equal(matches(n, { f: '' }), false);
    const e = ruleOf(`sel:\n  f: ''\ncondition: sel`);
    assert.equal(matches(e, { f: '' }), true);
    assert.equal(matches(e, {}), false);
    assert.equal(matches(e, { f: null }), false);
    const nf = ruleOf(`sel:\n  a: 1\nfilter:\n  f: null\ncondition: sel and not filter`);
    assert.equal(matches(nf, { a: 1, f: 'x' }), true);
    assert.equal(matches(nf, { a: 1 }), false);
    const empty = ruleOf(`sel:\n  f: []\ncondition: sel`);
    assert.equal(matches(empty, {}), true);
  });

  it('numbers and booleans compare as case-insensitive strings', () => {
    const r = ruleOf(`sel:\n  EventID: 4688\ncondition: sel`);
    assert.equal(matches(r, { EventID: 4688 }), true);
    assert.equal(matches(r, { EventID: '4688' }), true);
    assert.equal(matches(r, { EventID: 4688.0 }), true);
    assert.equal(matches(r, { EventID: '04688' }), false);
    const f = ruleOf(`sel:\n  v: 1.5\ncondition: sel`);
    assert.equal(matches(f, { v: '1.5' }), true);
    const b = ruleOf(`sel:\n  enabled: true\ncondition: sel`);
    assert.equal(matches(b, { enabled: true }), true);
    assert.equal(matches(b, { enabled: 'True' }), true);
    assert.equal(matches(b, { enabled: false }), false);
    const s = ruleOf(`sel:\n  code: '0x17'\ncondition: sel`);
    assert.equal(matches(s, { code: '0X17' }), true);
  });

  it('a list value in the event matches if any element matches', () => {
    const r = ruleOf(`sel:\n  tags|contains: evil\ncondition: sel`);
    assert.equal(matches(r, { tags: ['good', 'EVIL-ish'] }), true);
    assert.equal(matches(r, { tags: [['nested', ['evil']]] }), true);
    assert.equal(matches(r, { tags: ['good'] }), false);
    assert.equal(matches(r, { tags: [] }), false);
  });

  it('never throws on odd event content', () => {
    const r = ruleOf(`sel:\n  f|contains: x\n  g|re: 'a+'\n  h|cidr: '10.0.0.0/8'\n  i|gt: 3\ncondition: sel`);
    const odd = [{ f: { nested: 'x' } }, { f: null, g: [1, { a: 'aaa' }], h: 42, i: true }, { f: Number.NaN, g: Infinity, h: ['10.1.1.1'], i: ['4'] }];
    for (const fields of odd) assert.doesNotThrow(() => matches(r, fields));
    assert.equal(matches(r, { f: 'x', g: 'aa', h: ['1.1.1.1', '10.1.1.1'], i: ['1', '4'] }), true);
  });

  it('matches a 1 MB event value quickly', () => {
    const r = ruleOf(`sel:\n  f|contains|all:\n    - needle\n    - haystack\ncondition: sel`);
    const big = 'x'.repeat(1_000_000) + 'NEEDLE' + 'y'.repeat(1_000) + 'haystack';
    const start = performance.now();
    assert.equal(matches(r, { f: big }), true);
    assert.ok(performance.now() - start < 200);
  });

  it('rejects malformed selections with located errors', () => {
    assert.equal(errorsOf(`sel: {}\ncondition: sel`)[0]?.code, 'SIGMA_INVALID_RULE');
    assert.equal(errorsOf(`sel: []\ncondition: sel`)[0]?.code, 'SIGMA_INVALID_RULE');
    assert.equal(errorsOf(`sel:\n  - null\ncondition: sel`)[0]?.code, 'SIGMA_INVALID_VALUE');
    const [e] = errorsOf(`sel:\n  f:\n    - a\n    - {x: 1}\ncondition: sel`);
    assert.equal(e?.code, 'SIGMA_INVALID_VALUE');
    assert.deepEqual([e.location.line, e.location.column], [9, 11]);
  });

  it('rejects a 1 MB rule value as too large', () => {
    const [e] = errorsOf(`sel:\n  f: '${'a'.repeat(1_000_000)}'\ncondition: sel`);
    assert.equal(e?.code, 'SIGMA_TOO_LARGE');
  });
});

describe('explanations and dispatch hints', () => {
  const r = ruleOf(`
    selection:
      EventID: 4688
      Channel: Security
      CommandLine|contains|all:
        - ' -enc '
        - 'hidden'
    filter:
      User: SYSTEM
    condition: selection and not filter`);

  it('names the selections and field tests that held', () => {
    const x = r.match(eventOf({ EventID: 4688, Channel: 'Security', CommandLine: 'powershell -enc AA -w hidden', User: 'bob' }));
    assert.deepEqual(x, {
      selections: [
        {
          name: 'selection',
          fields: [
            { field: 'EventID', modifiers: [], expected: '4688', actual: '4688' },
            { field: 'Channel', modifiers: [], expected: 'Security', actual: 'Security' },
            { field: 'CommandLine', modifiers: ['contains', 'all'], expected: '* -enc *', actual: 'powershell -enc AA -w hidden' },
            { field: 'CommandLine', modifiers: ['contains', 'all'], expected: '*hidden*', actual: 'powershell -enc AA -w hidden' },
          ],
        },
      ],
    });
    assert.equal(r.match(eventOf({ EventID: 4688, Channel: 'Security', CommandLine: ' -enc hidden', User: 'system' })), undefined);
  });

  it('lists the fields it reads and the exact values it needs', () => {
    assert.deepEqual(r.fields, ['Channel', 'CommandLine', 'EventID', 'User']);
    assert.deepEqual(r.requiredValues, { EventID: ['4688'], Channel: ['security'] });
    const or = ruleOf(`a:\n  EventID: 1\n  x: 1\nb:\n  EventID: [2, 3]\nc:\n  y: 1\ncondition: (a or b) and not c`);
    assert.deepEqual(or.requiredValues, { EventID: ['1', '2', '3'] });
    const loose = ruleOf(`a:\n  EventID: 1\nb:\n  y: 1\ncondition: a or b`);
    assert.deepEqual(loose.requiredValues, {});
  });

  it('quotes the event string a keyword was found in', () => {
    const k = ruleOf(`keywords:\n  - 'mimikatz'\ncondition: keywords`);
    assert.deepEqual(k.match(eventOf({ a: 'nothing', b: 'ran MimiKatz.exe' })), {
      selections: [{ name: 'keywords', fields: [{ field: '(keywords)', modifiers: [], expected: 'mimikatz', actual: 'ran MimiKatz.exe' }] }],
    });
  });

  it('shares per-event work across rules through a MatchContext', () => {
    const ctx = new MatchContext(eventOf({ EventID: '4688', Channel: 'SECURITY', CommandLine: 'x -enc y hidden' }));
    assert.equal(r.test(ctx), true);
    assert.notEqual(r.match(ctx), undefined);
  });
});
