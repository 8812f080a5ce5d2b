import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import RE2 from 're2';
import { regexLiterals } from './regex-literals.js';
import { createRandom } from '../../lib/random.js';

const plain = { i: false, m: false, s: false };
const lits = (source: string, flags = plain): string[] | undefined => regexLiterals(source, flags, 3);

describe('regexLiterals', () => {
  it('takes the longest required run, lower-cased, with escaped metacharacters as text', () => {
    assert.deepEqual(lits(String.raw`\$PSHome\[\s*\d{1,3}\s*\]\s*\+\s*\$PSHome\[`), ['$pshome[']);
    assert.deepEqual(lits(String.raw`ipconfig\s+/all`), ['ipconfig']);
    assert.deepEqual(lits(String.raw`\[String\]\s*\$VerbosePreference`), ['$verbosepreference']);
  });

  it('drops characters a quantifier makes optional and ends runs at repeats', () => {
    assert.deepEqual(lits('abcdX?efg'), ['abcd']);
    assert.deepEqual(lits('abX*cdef'), ['cdef']);
    assert.deepEqual(lits('abcX{0,2}de'), ['abc']);
    assert.deepEqual(lits('abcdX+yz'), ['abcdx']);
    assert.deepEqual(lits('abX{2,}yzwv'), ['yzwv']);
  });

  it('needs a literal in every top-level alternative', () => {
    assert.deepEqual(lits('invoke-expression|iex\\('), ['invoke-expression', 'iex(']);
    assert.equal(lits('abcdef|x'), undefined);
    assert.deepEqual(lits('(a|b)cdef(g|h)'), ['cdef'], 'groups are opaque');
  });

  it('never reads inside classes, groups or escapes that stand for character sets', () => {
    assert.equal(lits('[abcdef]+'), undefined);
    assert.equal(lits('[]abcdef]'), undefined);
    assert.deepEqual(lits(String.raw`\p{Greek}xyz`), ['xyz']);
    assert.deepEqual(lits(String.raw`\pLxyz`), ['xyz']);
    assert.deepEqual(lits(String.raw`\x41bcd`), ['bcd']);
    assert.equal(lits(String.raw`\Qa.b|c\E`), undefined);
    assert.equal(lits('a.b.c'), undefined);
    assert.equal(lits('(abc'), undefined, 'unbalanced');
  });

  it('cuts at s under case folding (RE2 folds s with U+017F, toLowerCase does not)', () => {
    assert.deepEqual(lits('powershell', { i: true, m: false, s: false }), ['power']);
    assert.deepEqual(lits('(?i)powershell'), ['power']);
    assert.deepEqual(lits('powershell'), ['powershell']);
    assert.ok(new RE2('powershell', 'i').test('POWERſHELL'));
  });

  it('keeps to ASCII: non-ASCII letters lower-case differently in context', () => {
    assert.deepEqual(lits('abcΣdefg'), ['defg']);
  });

  it('only names texts that every generated match contains', () => {
    const random = createRandom(11);
    const rnd = (n: number): number => random.nextInt(n);
    const atoms: (() => [string, string])[] = [
      () => {
        const c = 'aAbBsSk'[rnd(7)]!;
        return [c, c];
      },
      () => ['\\.', '.'],
      () => ['[ab]', 'ab'[rnd(2)]!],
      () => ['\\d', String(rnd(10))],
      () => ['(ab|cd)', rnd(2) === 0 ? 'ab' : 'cd'],
      () => ['\\$', '$'],
      () => ['.', 'xyz'[rnd(3)]!],
    ];
    const quantified = (): [string, string] => {
      const [re, text] = atoms[rnd(atoms.length)]!();
      switch (rnd(6)) {
        case 0:
          return [`${re}?`, rnd(2) === 0 ? text : ''];
        case 1:
          return [`${re}*`, text.repeat(rnd(3))];
        case 2:
          return [`${re}+`, text.repeat(1 + rnd(2))];
        case 3:
          return [`${re}{0,2}`, text.repeat(rnd(3))];
        default:
          return [re, text];
      }
    };
    for (let round = 0; round < 3000; round++) {
      const branches = Array.from({ length: 1 + rnd(2) }, () => Array.from({ length: 1 + rnd(10) }, quantified));
      const source = branches.map((b) => b.map((x) => x[0]).join('')).join('|');
      const flags = { i: rnd(2) === 0, m: false, s: false };
      const exact = branches[rnd(branches.length)]!.map((x) => x[1]).join('');
      // Under case folding the text may use other cases, including the long s RE2 folds with s.
      let sample = exact;
      if (flags.i) {
        sample = '';
        for (let k = 0; k < exact.length; k++) {
          const c = exact.charAt(k);
          sample += c === 's' && rnd(3) === 0 ? '\u017f' : rnd(2) === 0 ? c.toUpperCase() : c;
        }
      }
      assert.ok(new RE2(source, flags.i ? 'i' : '').test(sample), `${source} should match ${sample}`);
      const found = regexLiterals(source, flags, 1);
      if (found === undefined) continue;
      assert.ok(found.some((l) => sample.toLowerCase().includes(l)), `${source} matched ${JSON.stringify(sample)} without ${JSON.stringify(found)}`);
    }
  });
});
