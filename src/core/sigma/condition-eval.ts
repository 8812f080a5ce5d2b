import type { ConditionAst } from './condition-parser.js';
import type { MatchContext } from './match-context.js';
import type { SearchNode } from './search-nodes.js';

/** A condition with its identifiers resolved to search indexes and `x of` selectors expanded. */
export type ResolvedCondition =
  | { readonly kind: 'and'; readonly args: readonly ResolvedCondition[] }
  | { readonly kind: 'or'; readonly args: readonly ResolvedCondition[] }
  | { readonly kind: 'not'; readonly arg: ResolvedCondition }
  | { readonly kind: 'search'; readonly index: number };

/** An identifier or pattern that names nothing. */
export interface ResolveError {
  readonly message: string;
  readonly offset: number;
}

/**
 * Resolves identifiers against the rule's search identifiers (second pass, as in pySigma).
 * `them` and patterns skip identifiers starting with `_`; a pattern must match a whole name and at
 * least one name (an empty `1 of filter_*` is almost always a typo).
 */
export function resolveCondition(ast: ConditionAst, names: readonly string[]): { ok: true; value: ResolvedCondition } | { ok: false; errors: ResolveError[] } {
  const errors: ResolveError[] = [];
  const index = new Map(names.map((n, i) => [n, i]));
  const visit = (node: ConditionAst): ResolvedCondition => {
    switch (node.kind) {
      case 'and':
      case 'or':
        return { kind: node.kind, args: node.args.map(visit) };
      case 'not':
        return { kind: 'not', arg: visit(node.arg) };
      case 'id': {
        const i = index.get(node.name);
        if (i === undefined) errors.push({ message: `'${node.name}' is not a search identifier of this rule (defined: ${names.join(', ') || 'none'})`, offset: node.at });
        return { kind: 'search', index: i ?? -1 };
      }
      case 'of': {
        const re = node.pattern === 'them' ? /^/ : globRegex(node.pattern);
        const hits = names.flatMap((n, i) => (!n.startsWith('_') && re.test(n) ? [i] : []));
        if (hits.length === 0) {
          errors.push({ message: node.pattern === 'them' ? "'them' finds no search identifier" : `'${node.pattern}' matches no search identifier`, offset: node.at });
          return { kind: 'search', index: -1 };
        }
        const args = hits.map((i): ResolvedCondition => ({ kind: 'search', index: i }));
        return args.length === 1 && args[0] !== undefined ? args[0] : { kind: node.quantifier === 'all' ? 'and' : 'or', args };
      }
      default: {
        const never: never = node;
        throw new Error(`unknown condition node ${JSON.stringify(never)}`);
      }
    }
  };
  const value = visit(ast);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

function globRegex(pattern: string): RegExp {
  const body = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\-]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`);
}

/** A compiled condition: one closure per node, built once per rule. */
export type ConditionPredicate = (ctx: MatchContext) => boolean;

/**
 * Compiles a resolved condition into closures (short-circuit), so evaluation does no tree walking
 * or dispatch on node kinds per event. The depth is bounded by the parser's depth limit.
 */
export function compileCondition(node: ResolvedCondition, searches: readonly SearchNode[]): ConditionPredicate {
  switch (node.kind) {
    case 'search': {
      const s = searches[node.index];
      if (s === undefined) return () => false;
      return (ctx) => s.test(ctx);
    }
    case 'not': {
      const inner = compileCondition(node.arg, searches);
      return (ctx) => !inner(ctx);
    }
    case 'and': {
      const parts = node.args.map((a) => compileCondition(a, searches));
      const [a, b] = parts;
      if (parts.length === 2 && a !== undefined && b !== undefined) return (ctx) => a(ctx) && b(ctx);
      return (ctx) => {
        for (const p of parts) if (!p(ctx)) return false;
        return true;
      };
    }
    case 'or': {
      const parts = node.args.map((a) => compileCondition(a, searches));
      const [a, b] = parts;
      if (parts.length === 2 && a !== undefined && b !== undefined) return (ctx) => a(ctx) || b(ctx);
      return (ctx) => {
        for (const p of parts) if (p(ctx)) return true;
        return false;
      };
    }
    default: {
      const never: never = node;
      throw new Error(`unknown condition node ${JSON.stringify(never)}`);
    }
  }
}

/** Indexes of the searches that appear un-negated (an even number of `not`s above them). */
export function positiveSearches(node: ResolvedCondition, positive = true, out = new Set<number>()): Set<number> {
  switch (node.kind) {
    case 'search':
      if (positive) out.add(node.index);
      break;
    case 'not':
      positiveSearches(node.arg, !positive, out);
      break;
    case 'and':
    case 'or':
      for (const a of node.args) positiveSearches(a, positive, out);
      break;
    default: {
      const never: never = node;
      throw new Error(`unknown condition node ${JSON.stringify(never)}`);
    }
  }
  return out;
}
