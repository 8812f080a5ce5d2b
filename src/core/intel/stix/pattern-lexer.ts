/**
 * Tokenizer of the STIX 2.1 patterning language, following the lexer rules of OASIS's
 * `STIXPattern.g4`: keywords are upper case and win over identifiers of the same length, object types
 * may contain hyphens, strings escape only `\'` and `\\`, white space and comments are skipped.
 * Linear in the pattern length; errors carry the 0-based offset.
 */

/** STIX pattern keywords (`true`/`false` are boolean literals). */
export const PATTERN_KEYWORDS = [
  'AND', 'OR', 'NOT', 'FOLLOWEDBY', 'LIKE', 'MATCHES', 'ISSUPERSET', 'ISSUBSET', 'EXISTS', 'LAST', 'IN', 'START', 'STOP', 'SECONDS', 'WITHIN', 'REPEATS', 'TIMES',
] as const;
/** One keyword. */
export type PatternKeyword = (typeof PATTERN_KEYWORDS)[number];

const KEYWORDS: ReadonlySet<string> = new Set(PATTERN_KEYWORDS);

/** Comparison operators, `==` and `<>` already mapped to `=` and `!=`. */
export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** One token. `pos`/`end` are 0-based offsets into the pattern. */
export type Token =
  | { readonly kind: '[' | ']' | '(' | ')' | ':' | '.' | ',' | '*' | 'EOF'; readonly pos: number; readonly end: number }
  | { readonly kind: 'keyword'; readonly keyword: PatternKeyword; readonly pos: number; readonly end: number }
  | { readonly kind: 'ident'; readonly name: string; readonly hyphen: boolean; readonly pos: number; readonly end: number }
  | { readonly kind: 'op'; readonly op: ComparisonOperator; readonly pos: number; readonly end: number }
  | { readonly kind: 'string' | 'hex' | 'binary' | 'timestamp'; readonly value: string; readonly pos: number; readonly end: number }
  | { readonly kind: 'int' | 'float'; readonly value: number; readonly text: string; readonly pos: number; readonly end: number }
  | { readonly kind: 'bool'; readonly value: boolean; readonly pos: number; readonly end: number };

/** A lexing problem. */
export interface LexError {
  readonly message: string;
  readonly offset: number;
}

const TIMESTAMP = /^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?Z$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/;

/** Tokenizes a whole pattern (the last token is `EOF`). */
export function tokenizePattern(src: string): { ok: true; tokens: Token[] } | { ok: false; error: LexError } {
  const tokens: Token[] = [];
  const n = src.length;
  let i = 0;
  const fail = (message: string, offset: number): { ok: false; error: LexError } => ({ ok: false, error: { message, offset } });
  while (i < n) {
    const c = src.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === 47 && src.charCodeAt(i + 1) === 42) {
      const close = src.indexOf('*/', i + 2);
      if (close === -1) return fail('comment is not closed', i);
      i = close + 2;
      continue;
    }
    if (c === 47 && src.charCodeAt(i + 1) === 47) {
      while (i < n && src.charCodeAt(i) !== 10 && src.charCodeAt(i) !== 13) i++;
      continue;
    }
    const start = i;
    const ch = src[i]!;
    switch (ch) {
      case '[':
      case ']':
      case '(':
      case ')':
      case ':':
      case ',':
      case '*':
        tokens.push({ kind: ch, pos: i, end: i + 1 });
        i++;
        continue;
      case '=':
        i += src[i + 1] === '=' ? 2 : 1;
        tokens.push({ kind: 'op', op: '=', pos: start, end: i });
        continue;
      case '!':
        if (src[i + 1] !== '=') return fail('"!" must be followed by "="', i);
        i += 2;
        tokens.push({ kind: 'op', op: '!=', pos: start, end: i });
        continue;
      case '<':
        if (src[i + 1] === '>') {
          i += 2;
          tokens.push({ kind: 'op', op: '!=', pos: start, end: i });
        } else if (src[i + 1] === '=') {
          i += 2;
          tokens.push({ kind: 'op', op: '<=', pos: start, end: i });
        } else {
          i++;
          tokens.push({ kind: 'op', op: '<', pos: start, end: i });
        }
        continue;
      case '>':
        i += src[i + 1] === '=' ? 2 : 1;
        tokens.push({ kind: 'op', op: i - start === 2 ? '>=' : '>', pos: start, end: i });
        continue;
      case "'": {
        const s = readQuoted(src, i);
        if (!s.ok) return fail(s.message, s.offset);
        tokens.push({ kind: 'string', value: s.value, pos: start, end: s.end });
        i = s.end;
        continue;
      }
      default:
        break;
    }
    if ((ch === 'h' || ch === 'b' || ch === 't') && src[i + 1] === "'") {
      const close = src.indexOf("'", i + 2);
      if (close === -1) return fail('literal is not closed', i);
      const body = src.slice(i + 2, close);
      if (ch === 'h') {
        if (!/^(?:[0-9A-Fa-f]{2})*$/.test(body)) return fail('hex literal must hold pairs of hex digits', i);
        tokens.push({ kind: 'hex', value: body, pos: start, end: close + 1 });
      } else if (ch === 'b') {
        if (!BASE64.test(body)) return fail('binary literal is not base64', i);
        tokens.push({ kind: 'binary', value: body, pos: start, end: close + 1 });
      } else {
        if (!TIMESTAMP.test(body)) return fail(`"${body.slice(0, 40)}" is not a STIX timestamp (YYYY-MM-DDTHH:MM:SS[.s+]Z)`, i);
        tokens.push({ kind: 'timestamp', value: body, pos: start, end: close + 1 });
      }
      i = close + 1;
      continue;
    }
    if (isIdentStart(c)) {
      let hyphen = false;
      i++;
      while (i < n) {
        const d = src.charCodeAt(i);
        if (d === 45) hyphen = true;
        else if (!isIdentPart(d)) break;
        i++;
      }
      const word = src.slice(start, i);
      if (word === 'true' || word === 'false') tokens.push({ kind: 'bool', value: word === 'true', pos: start, end: i });
      else if (!hyphen && KEYWORDS.has(word)) tokens.push({ kind: 'keyword', keyword: word as PatternKeyword, pos: start, end: i });
      else tokens.push({ kind: 'ident', name: word, hyphen, pos: start, end: i });
      continue;
    }
    if (isDigit(c) || ((ch === '+' || ch === '-') && (isDigit(src.charCodeAt(i + 1)) || src[i + 1] === '.')) || (ch === '.' && isDigit(src.charCodeAt(i + 1)) && !afterPathStep(tokens))) {
      const m = /^[+-]?(?:[0-9]*\.[0-9]+|0|[1-9][0-9]*)/.exec(src.slice(i, i + 400));
      if (m === null) return fail('malformed number', i);
      const text = m[0];
      const isFloat = text.includes('.');
      if (!isFloat && /^[+-]?0[0-9]/.test(src.slice(i, i + 3))) return fail('integers must not have leading zeros', i);
      i += text.length;
      tokens.push({ kind: isFloat ? 'float' : 'int', value: Number(text), text, pos: start, end: i });
      continue;
    }
    if (ch === '.') {
      tokens.push({ kind: '.', pos: i, end: i + 1 });
      i++;
      continue;
    }
    return fail(`unexpected character "${ch}"`, i);
  }
  tokens.push({ kind: 'EOF', pos: n, end: n });
  return { ok: true, tokens };
}

/** After `]` or an identifier, `.5` cannot start a number: it is a path step (there is none in STIX, but be strict). */
function afterPathStep(tokens: readonly Token[]): boolean {
  const last = tokens[tokens.length - 1];
  return last !== undefined && (last.kind === ']' || last.kind === 'ident' || last.kind === 'string');
}

function readQuoted(src: string, open: number): { ok: true; value: string; end: number } | { ok: false; message: string; offset: number } {
  let out = '';
  let i = open + 1;
  let chunk = i;
  while (i < src.length) {
    const c = src[i];
    if (c === "'") return { ok: true, value: out + src.slice(chunk, i), end: i + 1 };
    if (c === '\\') {
      const next = src[i + 1];
      if (next !== "'" && next !== '\\') return { ok: false, message: `invalid escape "\\${next ?? ''}" in a string literal (only \\' and \\\\ are allowed)`, offset: i };
      out += src.slice(chunk, i) + next;
      i += 2;
      chunk = i;
      continue;
    }
    i++;
  }
  return { ok: false, message: 'string literal is not closed', offset: open };
}

function isSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}

/** A token as an error message names it. */
export function describeToken(t: Token): string {
  switch (t.kind) {
    case 'EOF':
      return 'end of pattern';
    case 'keyword':
      return t.keyword;
    case 'ident':
      return `"${t.name}"`;
    case 'op':
      return `"${t.op}"`;
    case 'string':
      return `string '${t.value.slice(0, 30)}'`;
    case 'int':
    case 'float':
      return t.text;
    case 'bool':
      return String(t.value);
    case 'hex':
    case 'binary':
    case 'timestamp':
      return `${t.kind} literal`;
    case '[':
    case ']':
    case '(':
    case ')':
    case ':':
    case '.':
    case ',':
    case '*':
      return `"${t.kind}"`;
  }
}
