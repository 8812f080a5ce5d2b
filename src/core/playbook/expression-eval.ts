import type { Expr, FunctionName, PathPart, Value } from './expression-ast.js';
import { PLAYBOOK_LIMITS } from './limits.js';

/** The names an expression can read (`alert`, `steps`, `inputs`, `item` …), as plain data. */
export type Scope = Readonly<Record<string, unknown>>;

/** An evaluation that went past its bounds or met a value it cannot use. */
export class EvaluationError extends Error {
  override readonly name = 'EvaluationError';
}

/** Turns arbitrary data into an expression value: undefined, functions and symbols become null. */
export function toValue(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (Array.isArray(v) || typeof v === 'object') return v as Value;
  return null;
}

/** Truthiness: null, false, 0, '' and empty lists are false. */
export function truthy(v: Value): boolean {
  if (v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

/** Evaluates a parsed expression against plain data. Pure; bounded by `maxEvaluationSteps`. */
export function evaluate(e: Expr, scope: Scope): Value {
  const budget = { left: PLAYBOOK_LIMITS.maxEvaluationSteps };
  return new Evaluator(scope, budget).eval(e);
}

class Evaluator {
  constructor(
    private readonly scope: Scope,
    private readonly budget: { left: number },
  ) {}

  private spend(n = 1): void {
    this.budget.left -= n;
    if (this.budget.left < 0) throw new EvaluationError(`the expression took more than ${PLAYBOOK_LIMITS.maxEvaluationSteps} steps`);
  }

  eval(e: Expr): Value {
    this.spend();
    switch (e.k) {
      case 'lit':
        return e.value;
      case 'path':
        return readPath(Object.hasOwn(this.scope, e.root) ? toValue(this.scope[e.root]) : null, e.parts);
      case 'list':
        return e.items.map((i) => this.eval(i));
      case 'not':
        return !truthy(this.eval(e.e));
      case 'and':
        return truthy(this.eval(e.l)) && truthy(this.eval(e.r));
      case 'or':
        return truthy(this.eval(e.l)) || truthy(this.eval(e.r));
      case 'cmp':
        return this.compare(e.op, this.eval(e.l), this.eval(e.r));
      case 'call':
        return this.call(e.fn, e.args.map((a) => this.eval(a)));
      default: {
        const never: never = e;
        return never;
      }
    }
  }

  private compare(op: Extract<Expr, { k: 'cmp' }>['op'], l: Value, r: Value): boolean {
    switch (op) {
      case '==':
        return same(l, r);
      case '!=':
        return !same(l, r);
      case '<':
      case '<=':
      case '>':
      case '>=': {
        if (!((typeof l === 'number' && typeof r === 'number') || (typeof l === 'string' && typeof r === 'string'))) return false;
        return op === '<' ? l < r : op === '<=' ? l <= r : op === '>' ? l > r : l >= r;
      }
      case 'in':
        return this.member(l, r);
      case 'not in':
        return !this.member(l, r);
      default: {
        const never: never = op;
        return never;
      }
    }
  }

  private member(needle: Value, hay: Value): boolean {
    if (Array.isArray(hay)) {
      this.spend(hay.length);
      return hay.some((h: Value) => same(h, needle));
    }
    if (typeof hay === 'string') return typeof needle === 'string' && hay.includes(needle);
    if (hay !== null && typeof hay === 'object') return typeof needle === 'string' && Object.hasOwn(hay, needle);
    return false;
  }

  private call(fn: FunctionName, args: Value[]): Value {
    const a = args[0] ?? null;
    const b = args[1] ?? null;
    switch (fn) {
      case 'len':
        if (typeof a === 'string' || Array.isArray(a)) return a.length;
        if (a !== null && typeof a === 'object') return Object.keys(a).length;
        return 0;
      case 'lower':
        return typeof a === 'string' ? a.toLowerCase() : null;
      case 'upper':
        return typeof a === 'string' ? a.toUpperCase() : null;
      case 'contains':
        return this.member(b, a);
      case 'startswith':
        return typeof a === 'string' && typeof b === 'string' && a.startsWith(b);
      case 'join': {
        if (!Array.isArray(a)) return null;
        this.spend(a.length);
        const sep = typeof b === 'string' ? b : ',';
        const out = a.map((x: Value) => stringify(x)).join(sep);
        if (out.length > PLAYBOOK_LIMITS.maxStringLength) throw new EvaluationError(`join() built more than ${PLAYBOOK_LIMITS.maxStringLength} characters`);
        return out;
      }
      case 'default':
        return a === null ? b : a;
      case 'select': {
        if (!Array.isArray(a) || typeof b !== 'string') return [];
        const wanted = args[2] ?? null;
        this.spend(a.length);
        return (a as readonly Value[]).filter((x) => {
          const v = field(x, b);
          return Array.isArray(wanted) ? wanted.some((w: Value) => same(w, v)) : same(wanted, v);
        });
      }
      case 'pluck':
        if (!Array.isArray(a) || typeof b !== 'string') return [];
        this.spend(a.length);
        return a.map((x: Value) => field(x, b));
      default: {
        const never: never = fn;
        return never;
      }
    }
  }
}

function readPath(start: Value, parts: readonly PathPart[]): Value {
  let v: Value = start;
  for (const p of parts) {
    if (v === null || typeof v !== 'object') return null;
    if ('index' in p) {
      if (!Array.isArray(v)) return null;
      const arr: readonly Value[] = v;
      v = toValue(arr[p.index < 0 ? arr.length + p.index : p.index]);
    } else {
      // Own properties only: `__proto__`, `constructor` and friends read as null.
      if (Array.isArray(v) || !Object.hasOwn(v, p.name)) return null;
      v = toValue((v as Readonly<Record<string, unknown>>)[p.name]);
    }
  }
  return v;
}

function field(x: Value, name: string): Value {
  return readPath(x, [{ name }]);
}

function same(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

/** How a value reads inside a string: strings as they are, null as empty, the rest as JSON. */
export function stringify(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}
