import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCondition, type ConditionAst } from './condition-parser.js';
import { errorsOf, matches, ruleOf } from './event-fixture.js';

/** Writes an AST in prefix form: (and a (not b)). */
function show(ast: ConditionAst): string {
  switch (ast.kind) {
    case 'and':
    case 'or':
      return `(${ast.kind} ${ast.args.map(show).join(' ')})`;
    case 'not':
      return `(not ${show(ast.arg)})`;
    case 'id':
      return ast.name;
    case 'of':
      return `(${ast.quantifier} of ${ast.pattern})`;
    default: {
      const never: never = ast;
      return String(never);
    }
  }
}

function parsed(text: string): string {
  const r = parseCondition(text);
  if (!r.ok) throw new Error(r.error.message);
  return show(r.ast);
}

describe('condition grammar', () => {
  it('binds not tighter than and, and tighter than or', () => {
    assert.equal(parsed('a or b and c'), '(or a (and b c))');
    assert.equal(parsed('a and b or c'), '(or (and a b) c)');
    assert.equal(parsed('not a and b'), '(and (not a) b)');
    assert.equal(parsed('not a or b'), '(or (not a) b)');
    assert.equal(parsed('a and not b or not c and d'), '(or (and a (not b)) (and (not c) d))');
  });

  it('parentheses override precedence; not applies to a parenthesised group', () => {
    assert.equal(parsed('(a or b) and c'), '(and (or a b) c)');
    assert.equal(parsed('not (a or b)'), '(not (or a b))');
    assert.equal(parsed('((a))'), 'a');
    assert.equal(parsed('not not a'), '(not (not a))');
  });

  it('reads 1 of / any of / all of with patterns and them', () => {
    assert.equal(parsed('1 of selection_*'), '(one of selection_*)');
    assert.equal(parsed('any of sel*'), '(one of sel*)');
    assert.equal(parsed('all of them'), '(all of them)');
    assert.equal(parsed('selection and not 1 of filter_main_* and not 1 of filter_optional_*'), '(and selection (not (one of filter_main_*)) (not (one of filter_optional_*)))');
  });

  it('accepts keywords in any case and identifiers with dashes and digits', () => {
    assert.equal(parsed('sel-1 AND NOT filter_2'), '(and sel-1 (not filter_2))');
  });

  const bad: [string, number, RegExp][] = [
    ['a and', 5, /ends/],
    ['a b', 2, /expected 'and', 'or'/],
    ['(a or b', 7, /expected '\)'/],
    ['a)', 1, /unbalanced/],
    ['and a', 0, /unexpected 'and'/],
    ['sel*', 0, /wildcards/],
    ['1 of', 4, /pattern or 'them'/],
    ['a & b', 2, /unexpected character/],
    ['selection | count() > 5', 10, /legacy aggregation/],
    ['', 0, /ends/],
  ];
  for (const [text, offset, message] of bad) {
    it(`rejects ${JSON.stringify(text)} at offset ${offset}`, () => {
      const r = parseCondition(text);
      assert.ok(!r.ok);
      assert.equal(r.error.offset, offset);
      assert.match(r.error.message, message);
    });
  }

  it('rejects a 10,000-deep condition without overflowing the stack', () => {
    for (const text of ['not '.repeat(10_000) + 'a', '('.repeat(10_000) + 'a' + ')'.repeat(10_000)]) {
      const r = parseCondition(text);
      assert.ok(!r.ok);
      assert.match(r.error.message, /deeper than 256/);
    }
    assert.equal(parseCondition('not '.repeat(200) + 'a').ok, true);
  });

  it('parses a long flat chain iteratively', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `s${i}`).join(' and ');
    assert.equal(parseCondition(text).ok, true);
  });
});

describe('condition evaluation', () => {
  const detection = `
    sel_a:
      a: 1
    sel_b:
      b: 1
    filter_x:
      x: 1
    _hidden:
      h: 1
    condition: COND`;
  const rule = (cond: string) => ruleOf(detection.replace('COND', cond));

  it('evaluates precedence as parsed', () => {
    const r = rule('sel_a or sel_b and filter_x');
    assert.equal(matches(r, { a: 1 }), true);
    assert.equal(matches(r, { b: 1 }), false);
    assert.equal(matches(r, { b: 1, x: 1 }), true);
  });

  it('1 of / all of a pattern', () => {
    assert.equal(matches(rule('1 of sel_*'), { b: 1 }), true);
    assert.equal(matches(rule('all of sel_*'), { b: 1 }), false);
    assert.equal(matches(rule('all of sel_*'), { a: 1, b: 1 }), true);
    assert.equal(matches(rule('1 of sel_* and not 1 of filter_*'), { a: 1, x: 1 }), false);
  });

  it('them skips identifiers starting with an underscore', () => {
    assert.equal(matches(rule('all of them'), { a: 1, b: 1, x: 1 }), true);
    assert.equal(matches(rule('1 of them'), { h: 1 }), false);
    assert.equal(matches(rule('_hidden'), { h: 1 }), true);
  });

  it('patterns must match whole identifiers', () => {
    const [e] = errorsOf(detection.replace('COND', '1 of sel'));
    assert.equal(e?.code, 'SIGMA_BAD_CONDITION');
  });

  it('a condition list is an OR of its conditions', () => {
    const r = ruleOf(detection.replace('condition: COND', 'condition:\n      - sel_a\n      - sel_b'));
    assert.equal(matches(r, { b: 1 }), true);
    assert.equal(matches(r, { x: 1 }), false);
  });

  it('unknown identifiers and empty patterns are located errors', () => {
    const errors = errorsOf(detection.replace('COND', 'sel_a and not sel_c or 1 of nothing_*'));
    assert.deepEqual(errors.map((e) => e.code), ['SIGMA_BAD_CONDITION', 'SIGMA_BAD_CONDITION']);
    // `condition: ` starts at column 5 of line 14; the offending identifiers at offsets 14 and 23.
    assert.deepEqual(errors.map((e) => [e.location.line, e.location.column]), [[14, 30], [14, 39]]);
    assert.match(errors[0]?.message ?? '', /'sel_c' is not a search identifier/);
  });

  it('syntax errors point into the condition', () => {
    const [e] = errorsOf(detection.replace('COND', "'sel_a and (sel_b'"));
    assert.equal(e?.code, 'SIGMA_BAD_CONDITION');
    assert.deepEqual([e.location.line, e.location.column], [14, 33]);
  });
});
