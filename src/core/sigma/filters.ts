import { z } from 'zod';
import type { LogicalDocument } from './collection.js';
import type { SigmaLogsource } from './contract.js';
import { compileDetectionSection } from './detection-section.js';
import type { SigmaIssue } from './errors.js';
import { documentKey, locateIssues, type CompileOptions, type DocumentOutcome } from './rule-compiler.js';
import { withFilters, type CompiledDetection, type SigmaRule } from './rule.js';
import { commonAttributes, logsourceSchema, zodProblems } from './schema.js';

/** A Sigma meta filter (spec "Sigma Filters", v2.1.0). */
export const filterDocumentSchema = z.looseObject({
  ...commonAttributes,
  logsource: logsourceSchema,
  filter: z.looseObject({
    rules: z.union([z.string().min(1), z.array(z.string().min(1))]),
    condition: z.string().min(1, 'condition must not be empty'),
  }),
});

/** A compiled filter: which rules it tunes and the detection they must also satisfy. */
export interface SigmaFilter {
  readonly meta: { readonly id: string; readonly title: string; readonly description?: string; readonly logsource: SigmaLogsource; readonly path: string };
  /** Rule ids or names it applies to, or `any` (also written `all` or `[]`): every rule of its logsource. */
  readonly targets: 'any' | readonly string[];
  readonly detection: CompiledDetection;
  readonly fields: readonly string[];
}

/** Validates and compiles a filter document. */
export function compileFilterDocument(doc: LogicalDocument, file: string, options: CompileOptions): DocumentOutcome<SigmaFilter> {
  const key = documentKey(doc, file);
  const parsed = filterDocumentSchema.safeParse(doc.value);
  if (!parsed.success) {
    const issues = zodProblems(parsed.error).map((p): SigmaIssue => ({ code: 'SIGMA_INVALID_FILTER', message: p.message, path: p.path }));
    return { value: undefined, errors: locateIssues(issues, doc, file, key), warnings: [] };
  }
  const f = parsed.data;
  const { rules, condition, ...searches } = f.filter;
  const result = compileDetectionSection(searches, condition, ['filter'], { field: null, placeholders: options.placeholders ?? {} });
  const warnings = locateIssues(result.warnings, doc, file, key);
  if (!result.ok) return { value: undefined, errors: locateIssues(result.errors, doc, file, key), warnings };
  const list = typeof rules === 'string' ? [rules] : rules;
  const targets = list.length === 0 || (list.length === 1 && /^(any|all)$/i.test(list[0] ?? '')) ? 'any' : list;
  const { category, product, service } = f.logsource;
  const logsource: SigmaLogsource = { ...(category === undefined ? {} : { category }), ...(product === undefined ? {} : { product }), ...(service === undefined ? {} : { service }) };
  return {
    value: {
      meta: { id: key, title: f.title, logsource, path: file, ...(f.description === undefined ? {} : { description: f.description }) },
      targets,
      detection: result.detection,
      fields: result.hints.fields,
    },
    errors: [],
    warnings,
  };
}

/** True when every logsource attribute the filter sets equals the rule's (case-insensitively), as pySigma decides. */
export function logsourceCovers(filter: SigmaLogsource, rule: SigmaLogsource): boolean {
  for (const k of ['category', 'product', 'service'] as const) {
    const want = filter[k];
    if (want !== undefined && want.toLowerCase() !== rule[k]?.toLowerCase()) return false;
  }
  return true;
}

/**
 * Applies filters to rules: a filter applies to a rule when its logsource covers the rule's and it
 * names the rule (by id or name) or targets `any`. The rule then matches only when its own
 * condition and the filter's condition both hold — pySigma's `(rule) and (filter)`, so filters say
 * what to suppress with `condition: not selection`. Rules no filter applies to are returned as they are.
 */
export function applyFilters(rules: readonly SigmaRule[], filters: readonly SigmaFilter[]): SigmaRule[] {
  if (filters.length === 0) return [...rules];
  return rules.map((rule) => {
    const applicable = filters.filter(
      (f) => logsourceCovers(f.meta.logsource, rule.meta.logsource) && (f.targets === 'any' || f.targets.includes(rule.meta.id) || (rule.meta.name !== undefined && f.targets.includes(rule.meta.name))),
    );
    if (applicable.length === 0) return rule;
    return withFilters(rule, applicable.map((f) => ({ id: f.meta.id, detection: f.detection, fields: f.fields }))) ?? rule;
  });
}
