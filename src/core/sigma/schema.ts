import { z } from 'zod';
import { SIGMA_LEVELS } from './contract.js';

/** RFC 4122 layout; the specification asks for UUIDs (v4 recommended), any version is accepted. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Rule statuses of the specification. */
export const SIGMA_STATUSES = ['stable', 'test', 'experimental', 'deprecated', 'unsupported'] as const;

/** Relation types of `related` entries. */
export const RELATED_TYPES = ['derived', 'obsolete', 'merged', 'renamed', 'similar'] as const;

const uuid = z.string().regex(UUID_PATTERN, 'must be a UUID such as 929a690e-bef0-4204-a928-ef5e620d6fcc');
const text = z.string();

/** `logsource`: category, product, service, definition; other keys are kept (the spec allows them). */
export const logsourceSchema = z.looseObject({
  category: text.optional(),
  product: text.optional(),
  service: text.optional(),
  definition: text.optional(),
});

/** Attributes every Sigma document kind shares (rules, correlations, filters). */
export const commonAttributes = {
  title: z.string().min(1, 'title must not be empty').max(256, 'title must be at most 256 characters'),
  id: uuid.optional(),
  name: z.string().min(1).max(256).optional(),
  status: z.enum(SIGMA_STATUSES).optional(),
  description: z.string().max(65535).optional(),
  license: text.optional(),
  author: text.optional(),
  references: z.array(text).optional(),
  date: text.optional(),
  modified: text.optional(),
  falsepositives: z.union([text, z.array(text)]).optional(),
  level: z.enum(SIGMA_LEVELS).optional(),
  tags: z.array(text).optional(),
};

/** `detection`: search identifiers plus `condition` (a string, or a list OR-ed together). */
export const detectionSchema = z.looseObject({
  condition: z.union([z.string().min(1, 'condition must not be empty'), z.array(z.string().min(1)).min(1)]),
});

/**
 * A Sigma detection rule document (specification v2.1.0). Unknown top-level keys are allowed: the
 * specification permits custom attributes (SigmaHQ uses `regression_tests_path`, `simulation`).
 */
export const ruleDocumentSchema = z.looseObject({
  ...commonAttributes,
  taxonomy: text.optional(),
  related: z.array(z.looseObject({ id: uuid, type: z.enum(RELATED_TYPES) })).optional(),
  logsource: logsourceSchema,
  detection: detectionSchema,
  fields: z.array(text).optional(),
  scope: z.array(text).optional(),
});

/** A validated rule document. */
export type RuleDocument = z.infer<typeof ruleDocumentSchema>;

/** The zod issues of a failed parse as plain (path, message) pairs. */
export function zodProblems(error: z.ZodError): { path: (string | number)[]; message: string }[] {
  return error.issues.map((i) => ({
    path: i.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number'),
    message: `${i.path.length > 0 ? i.path.join('.') : 'document'}: ${i.message}`,
  }));
}
