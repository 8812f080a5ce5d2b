import { SIGMA_LIMITS } from './limits.js';

/**
 * The condition grammar (specification v2.1.0, as pySigma parses it):
 *
 *   or-expr  := and-expr ('or' and-expr)*
 *   and-expr := unary ('and' unary)*
 *   unary    := 'not' unary | primary
 *   primary  := '(' or-expr ')' | ('1' | 'any' | 'all') 'of' (pattern | 'them') | identifier
 *
 * so `not` binds tighter than `and`, which binds tighter than `or`; `and`/`or` are left-associative
 * (kept flat here). Keywords are case-insensitive. Nesting of `not` and parentheses is limited to
 * `maxConditionDepth`, so a hostile 10,000-deep condition is an error, not a stack overflow.
 */
export type ConditionAst =
  | { readonly kind: 'and'; readonly args: readonly ConditionAst[]; readonly at: number }
  | { readonly kind: 'or'; readonly args: readonly ConditionAst[]; readonly at: number }
  | { readonly kind: 'not'; readonly arg: ConditionAst; readonly at: number }
  | { readonly kind: 'id'; readonly name: string; readonly at: number }
  | { readonly kind: 'of'; readonly quantifier: 'one' | 'all'; readonly pattern: string; readonly at: number };

/** A parse failure: what went wrong and the character offset where. */
export interface ConditionSyntaxError {
  readonly message: string;
  readonly offset: number;
}

type TokenKind = 'lparen' | 'rparen' | 'word' | 'end';
interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly at: number;
}

const WORD_CHAR = /[\p{L}\p{N}_\-.*]/u;
const KEYWORDS = new Set(['and', 'or', 'not', 'of', 'them']);

class SyntaxFailure extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Splits a condition into words and parentheses. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'lparen' : 'rparen', text: c, at: i });
      i++;
    } else if (c === '|') {
      throw new SyntaxFailure("'|' starts a legacy aggregation (count() by …, near); Sigma 2 expresses these as correlation rules", i);
    } else if (WORD_CHAR.test(c)) {
      const start = i;
      while (i < text.length && WORD_CHAR.test(text.charAt(i))) i++;
      tokens.push({ kind: 'word', text: text.slice(start, i), at: start });
    } else {
      throw new SyntaxFailure(`unexpected character '${c}'`, i);
    }
  }
  tokens.push({ kind: 'end', text: '', at: text.length });
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)]!;
  }

  private isWord(t: Token, word: string): boolean {
    return t.kind === 'word' && t.text.toLowerCase() === word;
  }

  parseAll(): ConditionAst {
    const ast = this.parseOr(0);
    const t = this.peek();
    if (t.kind !== 'end') throw new SyntaxFailure(t.kind === 'rparen' ? "unbalanced ')'" : `expected 'and', 'or' or the end, found '${t.text}'`, t.at);
    return ast;
  }

  private parseOr(depth: number): ConditionAst {
    const first = this.parseAnd(depth);
    const args = [first];
    while (this.isWord(this.peek(), 'or')) {
      this.pos++;
      args.push(this.parseAnd(depth));
    }
    return args.length === 1 ? first : { kind: 'or', args, at: first.at };
  }

  private parseAnd(depth: number): ConditionAst {
    const first = this.parseUnary(depth);
    const args = [first];
    while (this.isWord(this.peek(), 'and')) {
      this.pos++;
      args.push(this.parseUnary(depth));
    }
    return args.length === 1 ? first : { kind: 'and', args, at: first.at };
  }

  private deeper(depth: number, at: number): number {
    if (depth + 1 > SIGMA_LIMITS.maxConditionDepth) {
      throw new SyntaxFailure(`the condition nests 'not' and parentheses deeper than ${SIGMA_LIMITS.maxConditionDepth}`, at);
    }
    return depth + 1;
  }

  private parseUnary(depth: number): ConditionAst {
    const t = this.peek();
    if (this.isWord(t, 'not')) {
      const inner = this.deeper(depth, t.at);
      this.pos++;
      return { kind: 'not', arg: this.parseUnary(inner), at: t.at };
    }
    return this.parsePrimary(depth);
  }

  private parsePrimary(depth: number): ConditionAst {
    const t = this.peek();
    switch (t.kind) {
      case 'lparen': {
        const inner = this.deeper(depth, t.at);
        this.pos++;
        const e = this.parseOr(inner);
        const close = this.peek();
        if (close.kind !== 'rparen') throw new SyntaxFailure(`expected ')' to close the '(' at ${t.at + 1}, found ${close.kind === 'end' ? 'the end' : `'${close.text}'`}`, close.at);
        this.pos++;
        return e;
      }
      case 'rparen':
        throw new SyntaxFailure("unexpected ')'", t.at);
      case 'end':
        throw new SyntaxFailure('the condition ends where a search identifier was expected', t.at);
      case 'word':
        return this.parseWord(t);
      default: {
        const never: never = t.kind;
        throw new Error(`unknown token ${String(never)}`);
      }
    }
  }

  private parseWord(t: Token): ConditionAst {
    const lower = t.text.toLowerCase();
    if ((lower === '1' || lower === 'any' || lower === 'all') && this.isWord(this.peek(1), 'of')) {
      this.pos += 2;
      const target = this.peek();
      if (target.kind !== 'word' || (KEYWORDS.has(target.text.toLowerCase()) && target.text.toLowerCase() !== 'them')) {
        throw new SyntaxFailure(`expected a search identifier pattern or 'them' after '${t.text} of'`, target.at);
      }
      this.pos++;
      const pattern = target.text.toLowerCase() === 'them' ? 'them' : target.text;
      return { kind: 'of', quantifier: lower === 'all' ? 'all' : 'one', pattern, at: t.at };
    }
    if (KEYWORDS.has(lower)) throw new SyntaxFailure(`unexpected '${t.text}' where a search identifier was expected`, t.at);
    if (t.text.includes('*')) throw new SyntaxFailure(`'${t.text}': wildcards are only allowed after '1 of' or 'all of'`, t.at);
    this.pos++;
    return { kind: 'id', name: t.text, at: t.at };
  }
}

/** Parses a condition string. Never throws. */
export function parseCondition(text: string): { ok: true; ast: ConditionAst } | { ok: false; error: ConditionSyntaxError } {
  if (text.length > SIGMA_LIMITS.maxConditionLength) {
    return { ok: false, error: { message: `the condition has ${text.length} characters; the limit is ${SIGMA_LIMITS.maxConditionLength}`, offset: 0 } };
  }
  try {
    return { ok: true, ast: new Parser(tokenize(text)).parseAll() };
  } catch (e) {
    if (e instanceof SyntaxFailure) return { ok: false, error: { message: e.message, offset: e.offset } };
    throw e;
  }
}
