/** A JSON-like value as expressions see it. */
export type Value = null | boolean | number | string | readonly Value[] | { readonly [key: string]: Value };

/** One step of a path: a field name or an array index. */
export type PathPart = { readonly name: string } | { readonly index: number };

/** The pure functions an expression may call. */
/** `select(list, field, values)` keeps the items whose field is one of values; `pluck(list, field)` maps items to a field. */
export const FUNCTIONS = ['len', 'lower', 'upper', 'contains', 'startswith', 'join', 'default', 'select', 'pluck'] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

export type ComparisonOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in';

/** Expression nodes; `at` is the 0-based offset in the expression text. */
export type Expr =
  | { readonly k: 'lit'; readonly value: Value; readonly at: number }
  | { readonly k: 'path'; readonly root: string; readonly parts: readonly PathPart[]; readonly at: number }
  | { readonly k: 'list'; readonly items: readonly Expr[]; readonly at: number }
  | { readonly k: 'not'; readonly e: Expr; readonly at: number }
  | { readonly k: 'and' | 'or'; readonly l: Expr; readonly r: Expr; readonly at: number }
  | { readonly k: 'cmp'; readonly op: ComparisonOp; readonly l: Expr; readonly r: Expr; readonly at: number }
  | { readonly k: 'call'; readonly fn: FunctionName; readonly args: readonly Expr[]; readonly at: number };

/** Every path an expression reads, for static checks. */
export function collectPaths(e: Expr, out: Extract<Expr, { k: 'path' }>[] = []): Extract<Expr, { k: 'path' }>[] {
  switch (e.k) {
    case 'lit':
      break;
    case 'path':
      out.push(e);
      break;
    case 'list':
      for (const i of e.items) collectPaths(i, out);
      break;
    case 'not':
      collectPaths(e.e, out);
      break;
    case 'and':
    case 'or':
    case 'cmp':
      collectPaths(e.l, out);
      collectPaths(e.r, out);
      break;
    case 'call':
      for (const a of e.args) collectPaths(a, out);
      break;
    default: {
      const never: never = e;
      return never;
    }
  }
  return out;
}
