import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matches, ruleOf } from './event-fixture.js';
import { displayTokens, insertPlaceholders, parseSigmaString } from './sigma-string.js';

describe('Sigma string escaping (spec "Escaping", pySigma SigmaString)', () => {
  const cases: [string, unknown[]][] = [
    ['abc', [{ t: 'lit', s: 'abc' }]],
    ['a*b', [{ t: 'lit', s: 'a' }, { t: 'star' }, { t: 'lit', s: 'b' }]],
    ['a?b', [{ t: 'lit', s: 'a' }, { t: 'one' }, { t: 'lit', s: 'b' }]],
    ['a\\*b', [{ t: 'lit', s: 'a*b' }]],
    ['a\\?b', [{ t: 'lit', s: 'a?b' }]],
    ['a\\\\*', [{ t: 'lit', s: 'a\\' }, { t: 'star' }]],
    ['a\\\\\\*', [{ t: 'lit', s: 'a\\*' }]],
    ['C:\\Windows\\System32', [{ t: 'lit', s: 'C:\\Windows\\System32' }]],
    ['C:\\\\Windows', [{ t: 'lit', s: 'C:\\Windows' }]],
    ['\\\\\\\\server', [{ t: 'lit', s: '\\\\server' }]],
    ['\\\\\\server', [{ t: 'lit', s: '\\\\server' }]],
    ['trailing\\', [{ t: 'lit', s: 'trailing\\' }]],
    ['trailing\\\\', [{ t: 'lit', s: 'trailing\\' }]],
    ['', []],
    ['*', [{ t: 'star' }]],
  ];
  for (const [input, expected] of cases) {
    it(`parses ${JSON.stringify(input)}`, () => {
      assert.deepEqual(parseSigmaString(input), expected);
    });
  }

  it('writes tokens back so that they parse to the same tokens', () => {
    for (const [input] of cases) {
      const tokens = parseSigmaString(input);
      assert.deepEqual(parseSigmaString(displayTokens(tokens)), tokens, input);
    }
  });

  it('finds %placeholders% only when not escaped', () => {
    assert.deepEqual(insertPlaceholders(parseSigmaString('\\%plain%name%')), [{ t: 'lit', s: '%plain' }, { t: 'ph', name: 'name' }]);
    assert.deepEqual(insertPlaceholders(parseSigmaString('x%a%*')), [{ t: 'lit', s: 'x' }, { t: 'ph', name: 'a' }, { t: 'star' }]);
  });
});

describe('wildcard matching', () => {
  it('\\* is a literal star, \\\\* a backslash then a wildcard, * a wildcard', () => {
    const literalStar = ruleOf(`sel:\n  f: 'a\\*'\ncondition: sel`);
    assert.equal(matches(literalStar, { f: 'a*' }), true);
    assert.equal(matches(literalStar, { f: 'ab' }), false);
    const backslashWildcard = ruleOf(`sel:\n  f: 'a\\\\*'\ncondition: sel`);
    assert.equal(matches(backslashWildcard, { f: 'a\\anything' }), true);
    assert.equal(matches(backslashWildcard, { f: 'a\\' }), true);
    assert.equal(matches(backslashWildcard, { f: 'ab' }), false);
    const wildcard = ruleOf(`sel:\n  f: 'a*'\ncondition: sel`);
    assert.equal(matches(wildcard, { f: 'a' }), true);
    assert.equal(matches(wildcard, { f: 'ABC' }), true);
    assert.equal(matches(wildcard, { f: 'ba' }), false);
  });

  it('? is exactly one character; \\? a literal question mark', () => {
    const one = ruleOf(`sel:\n  f: 'prog?.exe'\ncondition: sel`);
    assert.equal(matches(one, { f: 'progA.exe' }), true);
    assert.equal(matches(one, { f: 'prog.exe' }), false);
    assert.equal(matches(one, { f: 'progAB.exe' }), false);
    const lit = ruleOf(`sel:\n  f: 'what\\?'\ncondition: sel`);
    assert.equal(matches(lit, { f: 'what?' }), true);
    assert.equal(matches(lit, { f: 'whatx' }), false);
  });

  it('a trailing backslash is a literal backslash', () => {
    const r = ruleOf(`sel:\n  f|startswith: 'C:\\Windows\\'\ncondition: sel`);
    assert.equal(matches(r, { f: 'c:\\windows\\system32' }), true);
    assert.equal(matches(r, { f: 'C:\\WindowsX' }), false);
  });

  it('a plain backslash before a letter needs no doubling', () => {
    const r = ruleOf(`sel:\n  Image: 'C:\\Windows\\System32\\whoami.exe'\ncondition: sel`);
    assert.equal(matches(r, { Image: 'c:\\windows\\system32\\WHOAMI.EXE' }), true);
  });

  it('matches several wildcards without backtracking blow-up', () => {
    const r = ruleOf(`sel:\n  f: '*a*a*a*a*a*a*a*a*b'\ncondition: sel`);
    const start = performance.now();
    assert.equal(matches(r, { f: 'a'.repeat(50_000) }), false);
    assert.ok(performance.now() - start < 500);
    assert.equal(matches(r, { f: 'xaxaxaxaxaxaxaxaxb' }), true);
  });

  it('runs long patterns with ? on RE2, so a hostile rule and event stay linear', () => {
    const r = ruleOf(`sel:\n  f: '*${'a'.repeat(300)}?b*'\ncondition: sel`);
    const start = performance.now();
    assert.equal(matches(r, { f: 'a'.repeat(200_000) }), false);
    assert.ok(performance.now() - start < 500);
    assert.equal(matches(r, { f: `x${'A'.repeat(300)}\nbx` }), true);
    assert.equal(matches(r, { f: `x${'a'.repeat(300)}b` }), false);
  });

  it('anchors the first and last piece and searches the middle ones in order', () => {
    const r = ruleOf(`sel:\n  f: 'ab*cd*ef'\ncondition: sel`);
    assert.equal(matches(r, { f: 'abcdef' }), true);
    assert.equal(matches(r, { f: 'abXcdYef' }), true);
    assert.equal(matches(r, { f: 'abef' }), false);
    assert.equal(matches(r, { f: 'abcdefX' }), false);
    assert.equal(matches(r, { f: 'abcdcdef' }), true);
    const overlap = ruleOf(`sel:\n  f: 'aa*aa'\ncondition: sel`);
    assert.equal(matches(overlap, { f: 'aaa' }), false);
    assert.equal(matches(overlap, { f: 'aaaa' }), true);
    const mixed = ruleOf(`sel:\n  f: '*a?c*'\ncondition: sel`);
    assert.equal(matches(mixed, { f: 'xxabcxx' }), true);
    assert.equal(matches(mixed, { f: 'xxacxx' }), false);
  });

  it("'*' matches any present value, even empty, but not an absent field", () => {
    const r = ruleOf(`sel:\n  f: '*'\ncondition: sel`);
    assert.equal(matches(r, { f: '' }), true);
    assert.equal(matches(r, { f: 'x' }), true);
    assert.equal(matches(r, {}), false);
  });
});
