import { z } from 'zod';
import type { LogicalDocument } from '../collection.js';
import type { SigmaIssue } from '../errors.js';
import { documentKey, locateIssues, type DocumentOutcome } from '../rule-compiler.js';
import { commonAttributes, zodProblems } from '../schema.js';
import { CORRELATION_TYPES, type CorrelationCondition, type CorrelationRule } from './types.js';

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, M: 2_629_746_000, y: 31_556_952_000 };

const count = z.number();
const conditionSchema = z.strictObject({
  gt: count.optional(),
  gte: count.optional(),
  lt: count.optional(),
  lte: count.optional(),
  eq: count.optional(),
  neq: count.optional(),
  field: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  percentile: z.number().min(0).max(100).optional(),
});

/** A correlation document (spec v2.1.0; `generate` accepted at the top level or inside `correlation`). */
export const correlationDocumentSchema = z.looseObject({
  ...commonAttributes,
  generate: z.boolean().optional(),
  correlation: z.looseObject({
    type: z.enum(CORRELATION_TYPES),
    rules: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    'group-by': z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
    timespan: z.string().regex(/^[1-9]\d{0,8}[smhdwMy]$/, 'timespan is a positive number and a unit: s, m, h, d (w, M, y as pySigma)'),
    condition: z.union([conditionSchema, z.string()]).optional(),
    aliases: z.record(z.string(), z.record(z.string(), z.string())).optional(),
    generate: z.boolean().optional(),
  }),
});

const OPERATORS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const;

/** Validates a correlation document; references are resolved later, when the engine is built. */
export function compileCorrelationDocument(doc: LogicalDocument, file: string): DocumentOutcome<CorrelationRule> {
  const key = documentKey(doc, file);
  const parsed = correlationDocumentSchema.safeParse(doc.value);
  const fail = (issues: SigmaIssue[]): DocumentOutcome<CorrelationRule> => ({ value: undefined, errors: locateIssues(issues, doc, file, key), warnings: [] });
  if (!parsed.success) return fail(zodProblems(parsed.error).map((p) => ({ code: 'SIGMA_INVALID_CORRELATION', message: p.message, path: p.path })));
  const d = parsed.data;
  const c = d.correlation;
  const rules = typeof c.rules === 'string' ? [c.rules] : c.rules;
  const temporal = c.type === 'temporal' || c.type === 'temporal_ordered';
  const valued = c.type !== 'event_count' && !temporal;
  const issues: SigmaIssue[] = [];
  const at = (path: (string | number)[], message: string): void => void issues.push({ code: 'SIGMA_INVALID_CORRELATION', message, path: ['correlation', ...path] });

  let condition: CorrelationCondition = { gte: rules.length };
  let valueFields: string[] = [];
  let percentile = 95;
  if (typeof c.condition === 'string') {
    at(['condition'], 'boolean correlation conditions (Sigma 2.2 draft, SEP #198) are not supported; list the rules and use a count condition');
  } else if (c.condition === undefined) {
    if (!temporal) at([], `a ${c.type} correlation needs a condition`);
  } else {
    const given = c.condition;
    const ops = OPERATORS.filter((op) => given[op] !== undefined);
    if (ops.length === 0) at(['condition'], 'the condition needs at least one of gt, gte, lt, lte, eq, neq');
    const { field, percentile: p } = c.condition;
    const bounds: Record<string, number> = {};
    for (const op of ops) {
      const v = c.condition[op];
      if (v !== undefined) bounds[op] = v;
    }
    condition = bounds;
    valueFields = field === undefined ? [] : typeof field === 'string' ? [field] : field;
    if (p !== undefined) {
      if (c.type !== 'value_percentile') at(['condition', 'percentile'], "'percentile' belongs to value_percentile correlations");
      percentile = p;
    }
    if (!valued && field !== undefined) at(['condition', 'field'], `'field' has no meaning for ${c.type} correlations`);
  }
  if (valued && valueFields.length === 0) at(['condition'], `a ${c.type} correlation needs 'field' in its condition`);
  if (valued && c.type !== 'value_count' && valueFields.length > 1) at(['condition', 'field'], `${c.type} aggregates one numeric field`);
  if (issues.length > 0) return fail(issues);

  const unit = c.timespan.slice(-1);
  const groupBy = c['group-by'];
  const fp = d.falsepositives;
  return {
    value: {
      meta: {
        id: key,
        title: d.title,
        path: file,
        ...(d.name === undefined ? {} : { name: d.name }),
        ...(d.status === undefined ? {} : { status: d.status }),
        ...(d.level === undefined ? {} : { level: d.level }),
        ...(d.description === undefined ? {} : { description: d.description }),
        ...(d.author === undefined ? {} : { author: d.author }),
        ...(d.references === undefined ? {} : { references: d.references }),
        ...(d.tags === undefined ? {} : { tags: d.tags }),
        ...(fp === undefined ? {} : { falsepositives: typeof fp === 'string' ? [fp] : fp }),
      },
      type: c.type,
      rules,
      groupBy: groupBy === undefined ? [] : typeof groupBy === 'string' ? [groupBy] : groupBy,
      timespanMs: Number(c.timespan.slice(0, -1)) * (UNIT_MS[unit] ?? 1000),
      condition,
      valueFields,
      percentile,
      aliases: c.aliases ?? {},
      generate: c.generate ?? d.generate ?? false,
    },
    errors: [],
    warnings: [],
  };
}

/** True when the value satisfies every bound of the condition. */
export function conditionHolds(c: CorrelationCondition, v: number): boolean {
  return (
    (c.gt === undefined || v > c.gt) &&
    (c.gte === undefined || v >= c.gte) &&
    (c.lt === undefined || v < c.lt) &&
    (c.lte === undefined || v <= c.lte) &&
    (c.eq === undefined || v === c.eq) &&
    (c.neq === undefined || v !== c.neq)
  );
}

/** Conditions with an upper bound (lt, lte, eq, neq) can only be decided when a window closes. */
export function decidedAtClose(c: CorrelationCondition): boolean {
  return c.lt !== undefined || c.lte !== undefined || c.eq !== undefined || c.neq !== undefined;
}
