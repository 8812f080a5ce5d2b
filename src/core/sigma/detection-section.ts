import { resolveCondition, type ResolvedCondition } from './condition-eval.js';
import { parseCondition } from './condition-parser.js';
import { compileSearch, newAccumulator } from './detection.js';
import { issue, type SigmaIssue } from './errors.js';
import type { ModifierContext } from './modifiers.js';
import { requiredValues } from './prefilter.js';
import { literalClauses } from './literal-hints.js';
import type { CompiledDetection, RuleHints } from './rule.js';
import type { SearchNode } from './search-nodes.js';

/** A compiled detection section with what dispatchers need, or every problem found in it. */
export type DetectionResult =
  | { readonly ok: true; readonly detection: CompiledDetection; readonly hints: RuleHints; readonly warnings: SigmaIssue[] }
  | { readonly ok: false; readonly errors: SigmaIssue[]; readonly warnings: SigmaIssue[] };

/**
 * Compiles search identifiers and the condition of a detection section (or of a filter, whose
 * `rules` key the caller leaves out). `base` is the YAML path of the section; `condition` and the
 * legacy `timeframe` are not search identifiers.
 */
export function compileDetectionSection(section: Readonly<Record<string, unknown>>, condition: string | readonly string[], base: readonly (string | number)[], ctx: ModifierContext): DetectionResult {
  const acc = newAccumulator();
  const names: string[] = [];
  const searches: SearchNode[] = [];
  for (const [name, definition] of Object.entries(section)) {
    if (name === 'condition' || name === 'timeframe') continue;
    const node = compileSearch(definition, [...base, name], ctx, acc);
    names.push(name);
    if (node !== undefined) searches.push(node);
  }
  const conditions = typeof condition === 'string' ? [condition] : condition;
  const resolved: ResolvedCondition[] = [];
  conditions.forEach((text, i) => {
    const path = typeof condition === 'string' ? [...base, 'condition'] : [...base, 'condition', i];
    const parsed = parseCondition(text);
    if (!parsed.ok) {
      acc.errors.push(issue('SIGMA_BAD_CONDITION', parsed.error.message, path, parsed.error.offset));
      return;
    }
    const r = resolveCondition(parsed.ast, names);
    if (!r.ok) {
      for (const e of r.errors) acc.errors.push(issue('SIGMA_BAD_CONDITION', e.message, path, e.offset));
      return;
    }
    resolved.push(r.value);
  });
  if (acc.errors.length > 0) return { ok: false, errors: acc.errors, warnings: acc.warnings };
  const first = resolved[0];
  const root: ResolvedCondition = resolved.length === 1 && first !== undefined ? first : { kind: 'or', args: resolved };
  const detection: CompiledDetection = { names, searches, condition: root };
  const hints: RuleHints = { fields: [...acc.fields].sort(), requiredValues: requiredValues(root, searches), literalClauses: literalClauses(root, searches) };
  return { ok: true, detection, hints, warnings: acc.warnings };
}
