import { err, ok, type Result } from '../../lib/result.js';
import { FUNCTIONS, type ComparisonOp, type Expr, type FunctionName, type PathPart } from './expression-ast.js';
import { PLAYBOOK_LIMITS } from './limits.js';

/** A syntax error at a 0-based offset of the expression. */
export interface ExpressionError {
  readonly message: string;
  readonly at: number;
}

type Tok =
  | { readonly t: 'num'; readonly v: number; readonly at: number }
  | { readonly t: 'str'; readonly v: string; readonly at: number }
  | { readonly t: 'id'; readonly v: string; readonly at: number }
  | { readonly t: 'op'; readonly v: string; readonly at: number }
  | { readonly t: 'end'; readonly at: number };

class SyntaxFailure extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

const OPS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '.', '[', ']', '(', ')', ','];
const isIdStart = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

const endsValue = (t: Tok | undefined): boolean => t !== undefined && (t.t !== 'op' || t.v === ')' || t.v === ']');

function lex(text: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (isDigit(c) || (c === '-' && isDigit(text[i + 1] ?? '') && !endsValue(toks[toks.length - 1]))) {
      const start = i++;
      while (i < text.length && (isDigit(text[i]!) || text[i] === '.')) i++;
      const v = Number(text.slice(start, i));
      if (!Number.isFinite(v)) throw new SyntaxFailure(`bad number "${text.slice(start, i)}"`, start);
      toks.push({ t: 'num', v, at: start });
    } else if (c === "'" || c === '"') {
      const start = i++;
      let v = '';
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        v += text[i]!;
        i++;
      }
      if (i >= text.length) throw new SyntaxFailure('unterminated string', start);
      i++;
      toks.push({ t: 'str', v, at: start });
    } else if (isIdStart(c)) {
      const start = i;
      while (i < text.length && (isIdStart(text[i]!) || isDigit(text[i]!))) i++;
      toks.push({ t: 'id', v: text.slice(start, i), at: start });
    } else {
      const op = OPS.find((o) => text.startsWith(o, i));
      if (op === undefined) throw new SyntaxFailure(`unexpected character "${c}"`, i);
      toks.push({ t: 'op', v: op, at: i });
      i += op.length;
    }
  }
  toks.push({ t: 'end', at: text.length });
  return toks;
}

const CMP: Readonly<Record<string, ComparisonOp>> = { '==': '==', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };
const isFunction = (s: string): s is FunctionName => (FUNCTIONS as readonly string[]).includes(s);

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly toks: readonly Tok[]) {}

  private peek(): Tok {
    return this.toks[this.i]!;
  }
  private next(): Tok {
    return this.toks[this.i++]!;
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.v === v;
  }
  private isWord(v: string): boolean {
    const t = this.peek();
    return t.t === 'id' && t.v === v;
  }
  private eatComma(): boolean {
    if (!this.isOp(',')) return false;
    this.i++;
    return true;
  }
  private expectOp(v: string): void {
    const t = this.next();
    if (t.t !== 'op' || t.v !== v) throw new SyntaxFailure(`expected "${v}"`, t.at);
  }
  private enter(at: number): void {
    if (++this.depth > PLAYBOOK_LIMITS.maxExpressionDepth) throw new SyntaxFailure(`nested deeper than ${PLAYBOOK_LIMITS.maxExpressionDepth}`, at);
  }

  parseAll(): Expr {
    const e = this.or();
    const t = this.peek();
    if (t.t !== 'end') throw new SyntaxFailure('unexpected text after the expression', t.at);
    return e;
  }

  private or(): Expr {
    let l = this.and();
    while (this.isOp('||') || this.isWord('or')) {
      const at = this.next().at;
      l = { k: 'or', l, r: this.and(), at };
    }
    return l;
  }

  private and(): Expr {
    let l = this.not();
    while (this.isOp('&&') || this.isWord('and')) {
      const at = this.next().at;
      l = { k: 'and', l, r: this.not(), at };
    }
    return l;
  }

  private not(): Expr {
    if (this.isOp('!') || this.isWord('not')) {
      const at = this.next().at;
      this.enter(at);
      const e: Expr = { k: 'not', e: this.not(), at };
      this.depth--;
      return e;
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const l = this.primary();
    const t = this.peek();
    if (t.t === 'op' && CMP[t.v] !== undefined) {
      this.next();
      return { k: 'cmp', op: CMP[t.v]!, l, r: this.primary(), at: t.at };
    }
    if (this.isWord('in')) {
      this.next();
      return { k: 'cmp', op: 'in', l, r: this.primary(), at: t.at };
    }
    if (this.isWord('not') && this.toks[this.i + 1]?.t === 'id' && (this.toks[this.i + 1] as { v: string }).v === 'in') {
      this.next();
      this.next();
      return { k: 'cmp', op: 'not in', l, r: this.primary(), at: t.at };
    }
    return l;
  }

  private primary(): Expr {
    const t = this.next();
    this.enter(t.at);
    try {
      switch (t.t) {
        case 'num':
          return { k: 'lit', value: t.v, at: t.at };
        case 'str':
          return { k: 'lit', value: t.v, at: t.at };
        case 'end':
          throw new SyntaxFailure('the expression ends too early', t.at);
        case 'op':
          return this.primaryOp(t);
        case 'id':
          return this.primaryWord(t);
        default: {
          const never: never = t;
          return never;
        }
      }
    } finally {
      this.depth--;
    }
  }

  private primaryOp(t: Extract<Tok, { t: 'op' }>): Expr {
    if (t.v === '(') {
      const e = this.or();
      this.expectOp(')');
      return e;
    }
    if (t.v === '[') {
      const items: Expr[] = [];
      if (!this.isOp(']')) {
        items.push(this.or());
        while (this.eatComma()) items.push(this.or());
      }
      this.expectOp(']');
      return { k: 'list', items, at: t.at };
    }
    throw new SyntaxFailure(`unexpected "${t.v}"`, t.at);
  }

  private primaryWord(t: Extract<Tok, { t: 'id' }>): Expr {
    if (t.v === 'true' || t.v === 'false') return { k: 'lit', value: t.v === 'true', at: t.at };
    if (t.v === 'null') return { k: 'lit', value: null, at: t.at };
    if (this.isOp('(')) {
      if (!isFunction(t.v)) throw new SyntaxFailure(`unknown function "${t.v}" (known: ${FUNCTIONS.join(', ')})`, t.at);
      this.next();
      const args: Expr[] = [];
      if (!this.isOp(')')) {
        args.push(this.or());
        while (this.eatComma()) args.push(this.or());
      }
      this.expectOp(')');
      checkArity(t.v, args.length, t.at);
      return { k: 'call', fn: t.v, args, at: t.at };
    }
    const parts: PathPart[] = [];
    for (;;) {
      if (this.isOp('.')) {
        this.next();
        const name = this.next();
        if (name.t !== 'id') throw new SyntaxFailure('expected a field name after "."', name.at);
        parts.push({ name: name.v });
      } else if (this.isOp('[')) {
        this.next();
        const key = this.next();
        if (key.t === 'num' && Number.isInteger(key.v)) parts.push({ index: key.v });
        else if (key.t === 'str') parts.push({ name: key.v });
        else throw new SyntaxFailure('expected a whole number or a quoted name inside [ ]', key.at);
        this.expectOp(']');
      } else {
        break;
      }
    }
    return { k: 'path', root: t.v, parts, at: t.at };
  }
}

const ARITY: Readonly<Record<FunctionName, readonly [number, number]>> = {
  len: [1, 1],
  lower: [1, 1],
  upper: [1, 1],
  contains: [2, 2],
  startswith: [2, 2],
  join: [1, 2],
  default: [2, 2],
  select: [3, 3],
  pluck: [2, 2],
};

function checkArity(fn: FunctionName, n: number, at: number): void {
  const [min, max] = ARITY[fn];
  if (n < min || n > max) throw new SyntaxFailure(`${fn}() takes ${min === max ? min : `${min} to ${max}`} argument(s), not ${n}`, at);
}

/** Parses an expression (no interpolation markers). Bounded in length and nesting; never throws. */
export function parseExpression(text: string): Result<Expr, ExpressionError> {
  if (text.length > PLAYBOOK_LIMITS.maxExpressionLength) {
    return err({ message: `the expression has ${text.length} characters; the limit is ${PLAYBOOK_LIMITS.maxExpressionLength}`, at: 0 });
  }
  try {
    return ok(new Parser(lex(text)).parseAll());
  } catch (e) {
    if (e instanceof SyntaxFailure) return err({ message: e.message, at: e.at });
    throw e;
  }
}
