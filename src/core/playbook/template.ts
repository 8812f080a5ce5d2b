import { err, ok, type Result } from '../../lib/result.js';
import type { Expr, Value } from './expression-ast.js';
import { EvaluationError, evaluate, stringify, type Scope } from './expression-eval.js';
import { parseExpression } from './expression-parser.js';
import { PLAYBOOK_LIMITS } from './limits.js';

/**
 * A `with` value compiled once: constants, whole-value expressions (`${{ alert.source.ip }}` keeps the
 * value's type), interpolated strings, lists and maps. Rendering produces data only: a rendered
 * string is never parsed again, so `${{ … }}` inside alert data stays text.
 */
export type Compiled =
  | { readonly k: 'const'; readonly value: Value }
  | { readonly k: 'expr'; readonly expr: Expr }
  | { readonly k: 'concat'; readonly parts: readonly (string | Expr)[] }
  | { readonly k: 'list'; readonly items: readonly Compiled[] }
  | { readonly k: 'map'; readonly entries: readonly (readonly [string, Compiled])[] };

/** A template problem: the path inside the value and the message. */
export interface TemplateError {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

const OPEN = '${{';
const CLOSE = '}}';

/** Compiles a string with `${{ expr }}` markers. */
export function compileString(text: string): Result<Compiled, string> {
  const first = text.indexOf(OPEN);
  if (first < 0) return ok({ k: 'const', value: text });
  const parts: (string | Expr)[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf(OPEN, i);
    if (open < 0) {
      parts.push(text.slice(i));
      break;
    }
    if (open > i) parts.push(text.slice(i, open));
    const close = text.indexOf(CLOSE, open + OPEN.length);
    if (close < 0) return err(`"${OPEN}" at character ${open + 1} is never closed with "${CLOSE}"`);
    const parsed = parseExpression(text.slice(open + OPEN.length, close));
    if (!parsed.ok) return err(`${parsed.error.message} (at character ${open + OPEN.length + parsed.error.at + 1})`);
    parts.push(parsed.value);
    i = close + CLOSE.length;
  }
  if (parts.length === 1 && typeof parts[0] !== 'string') return ok({ k: 'expr', expr: parts[0]! });
  return ok({ k: 'concat', parts });
}

/** Compiles a bare expression field (`if`, `for_each`), with or without the `${{ }}` wrapper. */
export function compileCondition(text: string): Result<Expr, string> {
  const t = text.trim();
  const inner = t.startsWith(OPEN) && t.endsWith(CLOSE) && t.indexOf(CLOSE) === t.length - CLOSE.length ? t.slice(OPEN.length, -CLOSE.length) : t;
  const parsed = parseExpression(inner);
  return parsed.ok ? ok(parsed.value) : err(`${parsed.error.message} (at character ${parsed.error.at + 1})`);
}

/** Compiles any YAML value of a `with` block; collects every error with its path. */
export function compileValue(value: unknown, path: readonly (string | number)[] = [], errors: TemplateError[] = [], depth = 0): { compiled: Compiled; errors: TemplateError[] } {
  if (depth > PLAYBOOK_LIMITS.maxTemplateDepth) {
    errors.push({ path, message: `nested deeper than ${PLAYBOOK_LIMITS.maxTemplateDepth}` });
    return { compiled: { k: 'const', value: null }, errors };
  }
  if (typeof value === 'string') {
    const c = compileString(value);
    if (!c.ok) errors.push({ path, message: c.error });
    return { compiled: c.ok ? c.value : { k: 'const', value: null }, errors };
  }
  if (Array.isArray(value)) {
    const items = value.map((v: unknown, i) => compileValue(v, [...path, i], errors, depth + 1).compiled);
    return { compiled: { k: 'list', items }, errors };
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => [k, compileValue(v, [...path, k], errors, depth + 1).compiled] as const);
    return { compiled: { k: 'map', entries }, errors };
  }
  const plain = typeof value === 'number' || typeof value === 'boolean' ? value : null;
  return { compiled: { k: 'const', value: plain }, errors };
}

/** Renders a compiled value against a scope. Throws EvaluationError when bounds are passed. */
export function render(c: Compiled, scope: Scope): Value {
  switch (c.k) {
    case 'const':
      return c.value;
    case 'expr':
      return evaluate(c.expr, scope);
    case 'concat': {
      let out = '';
      for (const p of c.parts) {
        out += typeof p === 'string' ? p : stringify(evaluate(p, scope));
        if (out.length > PLAYBOOK_LIMITS.maxStringLength) throw new EvaluationError(`an interpolated string passed ${PLAYBOOK_LIMITS.maxStringLength} characters`);
      }
      return out;
    }
    case 'list':
      return c.items.map((i) => render(i, scope));
    case 'map': {
      const out: Record<string, Value> = {};
      for (const [k, v] of c.entries) Object.defineProperty(out, k, { value: render(v, scope), enumerable: true, writable: true, configurable: true });
      return out;
    }
    default: {
      const never: never = c;
      return never;
    }
  }
}

/** Every expression inside a compiled value, with the path where it sits. */
export function expressionsOf(c: Compiled, path: readonly (string | number)[] = [], out: { path: readonly (string | number)[]; expr: Expr }[] = []): { path: readonly (string | number)[]; expr: Expr }[] {
  switch (c.k) {
    case 'const':
      break;
    case 'expr':
      out.push({ path, expr: c.expr });
      break;
    case 'concat':
      for (const p of c.parts) if (typeof p !== 'string') out.push({ path, expr: p });
      break;
    case 'list':
      c.items.forEach((i, n) => expressionsOf(i, [...path, n], out));
      break;
    case 'map':
      for (const [k, v] of c.entries) expressionsOf(v, [...path, k], out);
      break;
    default: {
      const never: never = c;
      return never;
    }
  }
  return out;
}
