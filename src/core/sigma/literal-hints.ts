import { regexLiterals } from './regex-literals.js';
import type { ResolvedCondition } from './condition-eval.js';
import { AndNode, ItemNode, OrNode, type SearchNode } from './search-nodes.js';
import type { Tok } from './sigma-string.js';
import type { ValueSpec } from './value-spec.js';

/** A field and a lower-case text that must occur in the field's (lower-cased) value. */
export interface LiteralNeed {
  readonly field: string;
  readonly literal: string;
}

/**
 * A necessary condition for a rule to match, as clauses: in each clause, at least one field must
 * contain its literal (as a substring, case-insensitively). An event failing a clause cannot match,
 * so a rule-set index can scan each field once (e.g. with Aho-Corasick) and skip most rules.
 */
export type LiteralClauses = readonly (readonly LiteralNeed[])[];

/**
 * Literals shorter than this rule little out and are not used, unless a rule has no clause without
 * them: SigmaHQ's `EventID: 16` alone, or `contains` lists of `^^`, emoji or homoglyphs, would
 * otherwise be evaluated on every event of their logsource.
 */
const MIN_LITERAL = 3;
/** Clauses with more alternatives than this are not worth indexing. */
const MAX_ALTERNATIVES = 1024;

/** The literal clauses of a rule's condition (empty when none can be derived, e.g. `not x` or regexes). */
export function literalClauses(condition: ResolvedCondition, searches: readonly SearchNode[]): LiteralClauses {
  const usable = (minLength: number): LiteralNeed[][] => ofCondition(condition, searches, minLength).filter((c) => c.length > 0 && c.length <= MAX_ALTERNATIVES);
  const clauses = usable(MIN_LITERAL);
  return clauses.length > 0 ? clauses : usable(1);
}

function ofCondition(node: ResolvedCondition, searches: readonly SearchNode[], minLength: number): LiteralNeed[][] {
  switch (node.kind) {
    case 'search': {
      const s = searches[node.index];
      return s === undefined ? [] : ofSearch(s, minLength);
    }
    case 'not':
      return [];
    case 'and':
      return node.args.flatMap((a) => ofCondition(a, searches, minLength));
    case 'or':
      return disjunction(node.args.map((a) => ofCondition(a, searches, minLength)));
    default: {
      const never: never = node;
      throw new Error(`unknown condition node ${JSON.stringify(never)}`);
    }
  }
}

function ofSearch(node: SearchNode, minLength: number): LiteralNeed[][] {
  if (node instanceof AndNode) return node.nodes.flatMap((n) => ofSearch(n, minLength));
  if (node instanceof OrNode) return disjunction(node.nodes.map((n) => ofSearch(n, minLength)));
  if (node instanceof ItemNode) {
    if (node.field === null || node.negated) return [];
    const field = node.field;
    const per = node.values.map((v) => literalsOf(v.spec, minLength));
    if (node.all) {
      // Every value must hold: each value's literals form a clause of their own.
      return per.filter((l): l is string[] => l !== undefined).map((lits) => lits.map((literal) => ({ field, literal })));
    }
    if (per.some((l) => l === undefined)) return [];
    return [per.flatMap((lits) => (lits ?? []).map((literal) => ({ field, literal })))];
  }
  return [];
}

/** OR of branches: one clause made of each branch's best clause (any branch holding satisfies it). */
function disjunction(branches: readonly LiteralNeed[][][]): LiteralNeed[][] {
  const picks: LiteralNeed[] = [];
  for (const clauses of branches) {
    const best = bestClause(clauses);
    if (best === undefined) return [];
    picks.push(...best);
  }
  return picks.length === 0 ? [] : [picks];
}

function bestClause(clauses: readonly LiteralNeed[][]): LiteralNeed[] | undefined {
  let best: LiteralNeed[] | undefined;
  let bestScore = -Infinity;
  for (const c of clauses) {
    if (c.length === 0 || c.length > MAX_ALTERNATIVES) continue;
    const score = Math.min(...c.map((n) => n.literal.length)) - c.length;
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/** Literals one of which any value matching `v` contains (lower-cased); undefined when there is none to rely on. */
function literalsOf(v: ValueSpec, minLength: number): string[] | undefined {
  switch (v.kind) {
    case 'string': {
      const longest = longestLiteral(v.tokens);
      return longest.length >= minLength ? [longest.toLowerCase()] : undefined;
    }
    case 'number':
      return v.raw.length >= minLength ? [v.raw.toLowerCase()] : undefined;
    case 'anyOf': {
      const parts = v.values.map((p) => literalsOf(p, minLength));
      return parts.every((p): p is string[] => p !== undefined) ? parts.flat() : undefined;
    }
    case 'regex':
      return regexLiterals(v.source, v.flags, minLength);
    case 'bool':
    case 'null':
    case 'cidr':
    case 'compare':
    case 'exists':
    case 'fieldref':
    case 'timepart':
      return undefined;
    default: {
      const never: never = v;
      throw new Error(`unknown value ${JSON.stringify(never)}`);
    }
  }
}

function longestLiteral(tokens: readonly Tok[]): string {
  let best = '';
  for (const t of tokens) if (t.t === 'lit' && t.s.length > best.length) best = t.s;
  return best;
}
