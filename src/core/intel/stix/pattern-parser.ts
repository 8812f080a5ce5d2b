import RE2 from 're2';
import { INTEL_LIMITS } from '../limits.js';
import type { ComparisonExpr, ObjectPath, ObservationExpr, PathStep, PatternLiteral, Qualifier, TestOperator } from './pattern-ast.js';
import { type PatternKeyword, type Token, describeToken, tokenizePattern } from './pattern-lexer.js';

/** A parse problem, with the 0-based offset in the pattern. */
export interface PatternError {
  readonly code: 'INTEL_BAD_PATTERN' | 'INTEL_UNSAFE_REGEX' | 'INTEL_TOO_DEEP' | 'INTEL_TOO_LARGE';
  readonly message: string;
  readonly offset: number;
}

/** A parsed pattern and the offsets of its keywords (for reporting features in source order). */
export interface ParsedPattern {
  readonly root: ObservationExpr;
}

/** Thrown inside the parser only, caught by `parsePattern`: unwinds the recursion on the first error. */
class ParseFailure extends Error {
  constructor(readonly error: PatternError) {
    super(error.message);
  }
}

/**
 * Parses a STIX 2.1 pattern by recursive descent over the grammar of `STIXPattern.g4`:
 * `FOLLOWEDBY` binds loosest, then `OR`, then `AND`, between observation expressions and (without
 * `FOLLOWEDBY`) inside `[...]`; qualifiers (`WITHIN n SECONDS`, `REPEATS n TIMES`,
 * `START t'…' STOP t'…'`) follow an observation expression. Nesting of brackets and parentheses is
 * limited (`INTEL_LIMITS.maxPatternDepth`) so recursion never follows untrusted depth. `MATCHES`
 * regular expressions are compiled with RE2 and refused when RE2 refuses them.
 */
export function parsePattern(src: string): { ok: true; value: ParsedPattern } | { ok: false; error: PatternError } {
  if (src.length > INTEL_LIMITS.maxPatternLength) {
    return { ok: false, error: { code: 'INTEL_TOO_LARGE', message: `pattern longer than ${INTEL_LIMITS.maxPatternLength} characters`, offset: 0 } };
  }
  const lexed = tokenizePattern(src);
  if (!lexed.ok) return { ok: false, error: { code: 'INTEL_BAD_PATTERN', ...lexed.error } };
  const p = new Parser(lexed.tokens);
  try {
    const root = p.observationExpressions(0);
    p.expect('EOF', 'end of pattern');
    return { ok: true, value: { root } };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.error };
    throw e;
  }
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token {
    return this.tokens[this.i]!;
  }

  private next(): Token {
    const t = this.tokens[this.i]!;
    if (t.kind !== 'EOF') this.i++;
    return t;
  }

  private isKeyword(k: PatternKeyword): boolean {
    const t = this.peek();
    return t.kind === 'keyword' && t.keyword === k;
  }

  private fail(message: string, offset = this.peek().pos, code: PatternError['code'] = 'INTEL_BAD_PATTERN'): never {
    throw new ParseFailure({ code, message, offset });
  }

  expect(kind: Token['kind'], what: string): Token {
    const t = this.peek();
    if (t.kind !== kind) this.fail(`expected ${what}, found ${describeToken(t)}`);
    return this.next();
  }

  private expectKeyword(k: PatternKeyword): Token {
    if (!this.isKeyword(k)) this.fail(`expected ${k}, found ${describeToken(this.peek())}`);
    return this.next();
  }

  private enter(depth: number): number {
    if (depth >= INTEL_LIMITS.maxPatternDepth) this.fail(`pattern nests deeper than ${INTEL_LIMITS.maxPatternDepth} levels`, this.peek().pos, 'INTEL_TOO_DEEP');
    return depth + 1;
  }

  observationExpressions(depth: number): ObservationExpr {
    return this.binaryObs('FOLLOWEDBY', 'followedby', depth, (d) => this.binaryObs('OR', 'obs-or', d, (d2) => this.binaryObs('AND', 'obs-and', d2, (d3) => this.observationExpression(d3))));
  }

  private binaryObs(k: PatternKeyword, kind: 'obs-and' | 'obs-or' | 'followedby', depth: number, operand: (d: number) => ObservationExpr): ObservationExpr {
    const first = operand(depth);
    if (!this.isKeyword(k)) return first;
    const pos = this.peek().pos;
    const operands = [first];
    while (this.isKeyword(k)) {
      this.next();
      operands.push(operand(depth));
    }
    return { kind, operands, pos };
  }

  private observationExpression(depth: number): ObservationExpr {
    const d = this.enter(depth);
    const t = this.peek();
    let expr: ObservationExpr;
    if (t.kind === '[') {
      this.next();
      const comparison = this.comparisonExpression(d);
      this.expect(']', '"]"');
      expr = { kind: 'observation', comparison };
    } else if (t.kind === '(') {
      this.next();
      expr = this.observationExpressions(d);
      this.expect(')', '")"');
    } else this.fail(`expected "[" or "(" to start an observation expression, found ${describeToken(t)}`);
    for (;;) {
      const q = this.qualifier();
      if (q === undefined) return expr;
      expr = { kind: 'qualified', expr, qualifier: q };
    }
  }

  private qualifier(): Qualifier | undefined {
    const t = this.peek();
    if (t.kind !== 'keyword') return undefined;
    if (t.keyword === 'WITHIN') {
      this.next();
      const n = this.next();
      if ((n.kind !== 'int' && n.kind !== 'float') || n.value <= 0 || n.text.startsWith('-')) this.fail('WITHIN needs a positive number of seconds', n.pos);
      this.expectKeyword('SECONDS');
      return { kind: 'within', seconds: n.value, pos: t.pos };
    }
    if (t.keyword === 'REPEATS') {
      this.next();
      const n = this.next();
      if (n.kind !== 'int' || n.value <= 0 || n.text.startsWith('-')) this.fail('REPEATS needs a positive integer', n.pos);
      this.expectKeyword('TIMES');
      return { kind: 'repeats', times: n.value, pos: t.pos };
    }
    if (t.keyword === 'START') {
      this.next();
      const a = this.next();
      if (a.kind !== 'timestamp') this.fail("START needs a timestamp literal t'…'", a.pos);
      this.expectKeyword('STOP');
      const b = this.next();
      if (b.kind !== 'timestamp') this.fail("STOP needs a timestamp literal t'…'", b.pos);
      return { kind: 'start-stop', start: a.value, stop: b.value, pos: t.pos };
    }
    return undefined;
  }

  private comparisonExpression(depth: number): ComparisonExpr {
    const first = this.comparisonAnd(depth);
    if (!this.isKeyword('OR')) return first;
    const operands = [first];
    while (this.isKeyword('OR')) {
      this.next();
      operands.push(this.comparisonAnd(depth));
    }
    return { kind: 'cmp-or', operands };
  }

  private comparisonAnd(depth: number): ComparisonExpr {
    const first = this.propTest(depth);
    if (!this.isKeyword('AND')) return first;
    const operands = [first];
    while (this.isKeyword('AND')) {
      this.next();
      operands.push(this.propTest(depth));
    }
    return { kind: 'cmp-and', operands };
  }

  private propTest(depth: number): ComparisonExpr {
    const t = this.peek();
    if (t.kind === '(') {
      const d = this.enter(depth);
      this.next();
      const inner = this.comparisonExpression(d);
      this.expect(')', '")"');
      return inner;
    }
    if (this.isKeyword('NOT') || this.isKeyword('EXISTS')) {
      const negated = this.isKeyword('NOT');
      if (negated) this.next();
      const e = this.expectKeyword('EXISTS');
      return { kind: 'exists', path: this.objectPath(), negated, pos: e.pos };
    }
    const path = this.objectPath();
    let negated = false;
    if (this.isKeyword('NOT')) {
      negated = true;
      this.next();
    }
    const opTok = this.next();
    const pos = opTok.pos;
    if (opTok.kind === 'op') {
      const lit = this.literal();
      if ((opTok.op !== '=' && opTok.op !== '!=') && lit.kind === 'bool') this.fail(`${opTok.op} needs an orderable literal, not a boolean`, pos);
      return { kind: 'test', path, negated, op: opTok.op, value: lit, pos };
    }
    if (opTok.kind !== 'keyword') this.fail(`expected a comparison operator, found ${describeToken(opTok)}`, pos);
    const op: TestOperator | undefined = opTok.keyword === 'IN' || opTok.keyword === 'LIKE' || opTok.keyword === 'MATCHES' || opTok.keyword === 'ISSUBSET' || opTok.keyword === 'ISSUPERSET' ? opTok.keyword : undefined;
    if (op === undefined) this.fail(`expected a comparison operator, found ${describeToken(opTok)}`, pos);
    if (op === 'IN') return { kind: 'test', path, negated, op, value: this.setLiteral(), pos };
    const s = this.next();
    if (s.kind !== 'string') this.fail(`${op} needs a string literal, found ${describeToken(s)}`, s.pos);
    if (op === 'MATCHES') checkRegex(s.value, s.pos, (m, o, c) => this.fail(m, o, c));
    return { kind: 'test', path, negated, op, value: { kind: 'string', value: s.value }, pos };
  }

  private setLiteral(): PatternLiteral[] {
    this.expect('(', '"(" to open a set');
    const out: PatternLiteral[] = [];
    if (this.peek().kind === ')') {
      this.next();
      return out;
    }
    for (;;) {
      out.push(this.literal());
      const t = this.next();
      if (t.kind === ')') return out;
      if (t.kind !== ',') this.fail(`expected "," or ")" in a set, found ${describeToken(t)}`, t.pos);
    }
  }

  private literal(): PatternLiteral {
    const t = this.next();
    if (t.kind === 'string' || t.kind === 'hex' || t.kind === 'binary' || t.kind === 'timestamp') return { kind: t.kind, value: t.value };
    if (t.kind === 'int' || t.kind === 'float') return { kind: t.kind, value: t.value };
    if (t.kind === 'bool') return { kind: 'bool', value: t.value };
    return this.fail(`expected a literal, found ${describeToken(t)}`, t.pos);
  }

  private objectPath(): ObjectPath {
    const typeTok = this.next();
    if (typeTok.kind !== 'ident') this.fail(`expected an object type, found ${describeToken(typeTok)}`, typeTok.pos);
    this.expect(':', '":" after the object type');
    const steps: PathStep[] = [];
    const first = this.next();
    if (first.kind === 'ident' && !first.hyphen) steps.push({ kind: 'key', name: first.name });
    else if (first.kind === 'string') steps.push({ kind: 'key', name: first.value });
    else this.fail(`expected a property name, found ${describeToken(first)}`, first.pos);
    for (;;) {
      const t = this.peek();
      if (t.kind === '.') {
        this.next();
        const k = this.next();
        if (k.kind === 'ident' && !k.hyphen) steps.push({ kind: 'key', name: k.name });
        else if (k.kind === 'string') steps.push({ kind: 'key', name: k.value });
        else this.fail(`expected a property name after ".", found ${describeToken(k)}`, k.pos);
      } else if (t.kind === '[' && this.isIndexStep()) {
        this.next();
        const k = this.next();
        if (k.kind === '*') steps.push({ kind: 'index', index: '*' });
        else if (k.kind === 'int') steps.push({ kind: 'index', index: k.value });
        else this.fail(`expected an index or "*", found ${describeToken(k)}`, k.pos);
        this.expect(']', '"]" after a list index');
      } else return { objectType: typeTok.name, steps };
    }
  }

  /** `[` inside a path is an index step only when followed by an integer or `*` and `]`. */
  private isIndexStep(): boolean {
    const a = this.tokens[this.i + 1];
    const b = this.tokens[this.i + 2];
    return a !== undefined && b !== undefined && (a.kind === '*' || a.kind === 'int') && b.kind === ']';
  }
}

function checkRegex(source: string, offset: number, fail: (message: string, offset: number, code: PatternError['code']) => never): void {
  if (source.length > INTEL_LIMITS.maxRegexLength) fail(`MATCHES regular expression longer than ${INTEL_LIMITS.maxRegexLength} characters`, offset, 'INTEL_TOO_LARGE');
  try {
    new RE2(source, 'u');
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    fail(`MATCHES regular expression refused by RE2 (linear-time engine): ${reason}`, offset, 'INTEL_UNSAFE_REGEX');
  }
}
