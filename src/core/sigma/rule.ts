import { compileCondition, positiveSearches, type ResolvedCondition } from './condition-eval.js';
import type { CompiledRule, EventView, MatchExplanation, RuleMeta } from './contract.js';
import type { LiteralClauses } from './literal-hints.js';
import { MatchContext } from './match-context.js';
import type { FieldHit, SearchNode } from './search-nodes.js';

/** A detection section (or a filter's) after compilation: named searches and the resolved condition. */
export interface CompiledDetection {
  readonly names: readonly string[];
  readonly searches: readonly SearchNode[];
  readonly condition: ResolvedCondition;
}

/** What compilation works out for dispatchers (see the fields of `SigmaRule`). */
export interface RuleHints {
  readonly fields: readonly string[];
  readonly requiredValues: Readonly<Record<string, readonly string[]>>;
  readonly literalClauses: LiteralClauses;
}

/** A meta filter as applied to a rule: its detection must also hold (pySigma: `(rule) and (filter)`). */
export interface AppliedFilter {
  /** The filter's id, or its title when it has none. */
  readonly id: string;
  readonly detection: CompiledDetection;
  /** Fields the filter's tests read. */
  readonly fields: readonly string[];
}

/**
 * A compiled Sigma rule: the shared `CompiledRule` contract plus what dispatchers and correlations
 * need. `match` and `test` accept an event view, or a `MatchContext` shared by every rule tried on
 * the same event so field values are lower-cased only once.
 */
export interface SigmaRule extends CompiledRule {
  /** Every field a test of this rule reads, sorted (including `|fieldref` targets). */
  readonly fields: readonly string[];
  /**
   * Exact values some fields must have for the rule to match (lower-cased), e.g.
   * `{ EventID: ['4688'] }`: a necessary condition a dispatcher can index on. Fields absent here
   * are unconstrained.
   */
  readonly requiredValues: Readonly<Record<string, readonly string[]>>;
  /**
   * A necessary condition as literal clauses: in each clause one field must contain (lower-cased)
   * its literal. For a rule-set prefilter that scans each field once; empty when none is known.
   */
  readonly literalClauses: LiteralClauses;
  /** The ids of the filters applied to this rule. */
  readonly filters: readonly string[];
  /** The search identifiers of the detection section, in document order. */
  readonly identifiers: readonly string[];
  /** True when the event matches; cheaper than `match` (no explanation is built). */
  test(event: EventView | MatchContext): boolean;
  match(event: EventView | MatchContext): MatchExplanation | undefined;
}

/** Builds a rule object from its compiled parts. */
export function createRule(
  meta: RuleMeta,
  detection: CompiledDetection,
  hints: RuleHints,
  filters: readonly AppliedFilter[] = [],
): SigmaRule {
  const positive = [...positiveSearches(detection.condition)].sort((a, b) => a - b);
  const main = compileCondition(detection.condition, detection.searches);
  const guards = filters.map((f) => compileCondition(f.detection.condition, f.detection.searches));
  const holds =
    guards.length === 0
      ? main
      : (ctx: MatchContext): boolean => {
          if (!main(ctx)) return false;
          for (const g of guards) if (!g(ctx)) return false;
          return true;
        };
  const contextOf = (event: EventView | MatchContext): MatchContext => (event instanceof MatchContext ? event : new MatchContext(event));
  const rule: SigmaRule = {
    meta,
    fields: hints.fields,
    requiredValues: hints.requiredValues,
    literalClauses: hints.literalClauses,
    filters: filters.map((f) => f.id),
    identifiers: detection.names,
    test: (event) => holds(contextOf(event)),
    match: (event) => {
      const ctx = contextOf(event);
      if (!holds(ctx)) return undefined;
      const selections: { name: string; fields: FieldHit[] }[] = [];
      for (const i of positive) {
        const search = detection.searches[i];
        const hits: FieldHit[] = [];
        if (search?.explain(ctx, hits) === true) selections.push({ name: detection.names[i] ?? '', fields: hits });
      }
      return { selections };
    },
  };
  internals.set(rule, { detection, filters });
  return rule;
}

const internals = new WeakMap<SigmaRule, { detection: CompiledDetection; filters: readonly AppliedFilter[] }>();

/** The same rule with more filters applied; undefined for rule objects this module did not create. */
export function withFilters(rule: SigmaRule, more: readonly AppliedFilter[]): SigmaRule | undefined {
  const parts = internals.get(rule);
  if (parts === undefined) return undefined;
  const fields = [...new Set([...rule.fields, ...more.flatMap((f) => f.fields)])].sort();
  return createRule(rule.meta, parts.detection, { fields, requiredValues: rule.requiredValues, literalClauses: rule.literalClauses }, [...parts.filters, ...more]);
}
