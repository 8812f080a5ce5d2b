import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LiteralScanner } from '../../lib/aho-corasick.js';
import { eventOf, ruleOf } from './event-fixture.js';
import { createRuleIndex } from './rule-index.js';
import { createRandom } from '../../lib/random.js';

function found(literals: string[], text: string): string[] {
  const out = new Set<string>();
  new LiteralScanner(literals).scan(text, (id) => out.add(literals[id] ?? '?'));
  return [...out].sort();
}

describe('LiteralScanner (Aho-Corasick)', () => {
  it('finds overlapping literals and literals inside others', () => {
    assert.deepEqual(found(['he', 'she', 'his', 'hers'], 'ushers'), ['he', 'hers', 'she']);
    assert.deepEqual(found(['a', 'aa', 'aaa'], 'aa'), ['a', 'aa']);
    assert.deepEqual(found(['abcd', 'bc', 'c'], 'xabcx'), ['bc', 'c']);
    assert.deepEqual(found(['\\cmd.exe', 'cmd', '.exe'], 'c:\\windows\\cmd.exe'), ['.exe', '\\cmd.exe', 'cmd']);
    assert.deepEqual(found(['é', '\u2014x'], 'caf\u00e9 \u2014x'), ['é', '\u2014x']);
    assert.deepEqual(found(['abc'], ''), []);
    assert.deepEqual(found(['', 'b'], 'abc'), ['b']);
  });

  it('agrees with includes() on random texts', () => {
    const random = createRandom(7);
    const rnd = (n: number): number => random.nextInt(n);
    const word = (len: number): string => Array.from({ length: len }, () => 'abc'[rnd(3)]).join('');
    for (let round = 0; round < 200; round++) {
      const literals = Array.from({ length: 1 + rnd(8) }, () => word(1 + rnd(4)));
      const text = word(rnd(30));
      assert.deepEqual(found(literals, text), [...new Set(literals.filter((l) => text.includes(l)))].sort(), `${JSON.stringify(literals)} in ${text}`);
    }
  });
});

describe('createRuleIndex', () => {
  const whoami = ruleOf(`sel:\n  Image|endswith: '\\whoami.exe'\ncondition: sel`);
  const encoded = ruleOf(`sel:\n  CommandLine|contains|all: [' -enc ', 'hidden']\ncondition: sel`);
  const either = ruleOf(`a:\n  Image|endswith: '\\net.exe'\nb:\n  OriginalFileName: 'net1.exe'\ncondition: a or b`);
  const negative = ruleOf(`sel:\n  User|neq: 'SYSTEM'\ncondition: sel`);
  const index = createRuleIndex([whoami, encoded, either, negative]);
  const titles = (fields: Record<string, string>) => index.candidates(eventOf(fields)).map((r) => [whoami, encoded, either, negative].indexOf(r));

  it('keeps rules whose literals occur and rules without literal clauses', () => {
    assert.deepEqual(titles({ Image: 'C:\\Windows\\WHOAMI.EXE' }), [0, 3]);
    assert.deepEqual(titles({ CommandLine: 'x -enc y' }), [3], 'both literals of an |all are needed');
    assert.deepEqual(titles({ CommandLine: 'x -ENC y HIDDEN' }), [1, 3]);
    assert.deepEqual(titles({ OriginalFileName: 'NET1.exe' }), [2, 3]);
    assert.deepEqual(titles({ Image: 'C:\\net.exe' }), [2, 3]);
    assert.deepEqual(titles({}), [3]);
  });

  it('never drops a rule that matches', () => {
    const events = [{ Image: 'c:\\x\\whoami.exe' }, { CommandLine: ' -enc  hidden' }, { Image: 'a\\net.exe', User: 'SYSTEM' }, { OriginalFileName: 'net1.exe' }];
    for (const fields of events) {
      const candidates = new Set(index.candidates(eventOf(fields)));
      for (const rule of index.rules) if (rule.test(eventOf(fields))) assert.ok(candidates.has(rule), JSON.stringify(fields));
    }
  });

  it('indexes a rule on short literals when it has no longer ones, and only then', () => {
    const eventId = ruleOf(`sel:\n  EventID: 16\ncondition: sel`);
    const carets = ruleOf(`sel:\n  CommandLine|contains: ['^^', ',;,']\ncondition: sel`);
    const mixed = ruleOf(`sel:\n  EventID: 1\n  Image|endswith: '\\cmd.exe'\ncondition: sel`);
    assert.deepEqual(eventId.literalClauses, [[{ field: 'EventID', literal: '16' }]]);
    assert.deepEqual(mixed.literalClauses, [[{ field: 'Image', literal: '\\cmd.exe' }]], 'the short EventID literal is left out beside a longer one');
    const short = createRuleIndex([eventId, carets]);
    const of = (fields: Record<string, string | number>) => short.candidates(eventOf(fields)).map((r) => [eventId, carets].indexOf(r));
    assert.deepEqual(of({ EventID: 16, CommandLine: 'c^^md' }), [0, 1]);
    assert.deepEqual(of({ EventID: '1', CommandLine: 'cmd /c echo' }), []);
  });

  it('restricts a subset to its own rules and their fields, in index order', () => {
    const part = index.subset([either, whoami]);
    assert.deepEqual(part.rules, [whoami, either]);
    const of = (fields: Record<string, string>) => part.candidates(eventOf(fields)).map((r) => [whoami, encoded, either, negative].indexOf(r));
    assert.deepEqual(of({ Image: 'C:\\Windows\\WHOAMI.EXE', CommandLine: 'x -enc hidden' }), [0], 'encoded and negative are not in the subset');
    assert.deepEqual(of({ OriginalFileName: 'net1.exe' }), [2]);
    assert.deepEqual(index.subset([negative]).candidates(eventOf({ Image: 'x\\whoami.exe' })), [negative], 'rules without clauses stay candidates');
    assert.throws(() => index.subset([ruleOf(`sel:\n  Image: x\ncondition: sel`)]), /not in this index/);
  });
});
