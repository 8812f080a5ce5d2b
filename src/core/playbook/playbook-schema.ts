import { z } from 'zod';
import { SEVERITIES } from '../../schema/severity.js';
import { durationSchema } from './duration.js';
import { PLAYBOOK_LIMITS } from './limits.js';

/** What starts a playbook. */
export const TRIGGER_TYPES = ['alert_created', 'case_created', 'case_updated', 'sla_breached', 'manual', 'schedule'] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];

const stepId = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'a step id: lower case letters, digits and _, starting with a letter');
const shortText = z.string().max(2000);
const expression = z.string().min(1).max(PLAYBOOK_LIMITS.maxExpressionLength);

const retrySchema = z.strictObject({
  max_attempts: z.number().int().min(1).max(PLAYBOOK_LIMITS.maxAttempts).default(1),
  backoff: z
    .strictObject({
      initial: durationSchema().default(1000),
      max: durationSchema().default(60_000),
      factor: z.number().min(1).max(10).default(2),
    })
    .prefault({}),
  /** Off by default so that runs and tests are reproducible. */
  jitter: z.boolean().default(false),
});

const approvalSchema = z.strictObject({
  prompt: shortText,
  approvers: z.array(z.string().min(1).max(200)).max(100).default([]),
  timeout: durationSchema(30 * 86_400_000),
  default: z.enum(['approve', 'reject']).default('reject'),
});

const onErrorSchema = z.union([z.enum(['fail', 'continue']), z.strictObject({ goto: stepId })]).default('fail');

/** One step: an action call or an approval, with its flow controls. */
export const stepSchema = z
  .strictObject({
    id: stepId,
    name: shortText.optional(),
    action: z.string().regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/, 'an action id like vendor.verb_noun').optional(),
    approval: approvalSchema.optional(),
    with: z.record(z.string().max(200), z.unknown()).default({}),
    if: expression.optional(),
    for_each: expression.optional(),
    concurrency: z.number().int().min(1).max(PLAYBOOK_LIMITS.maxConcurrency).optional(),
    timeout: durationSchema().optional(),
    retry: retrySchema.optional(),
    on_error: onErrorSchema,
    outputs: z.record(z.string().regex(/^[a-z_][a-z0-9_]{0,63}$/), expression).optional(),
  })
  .superRefine((s, ctx) => {
    if ((s.action === undefined) === (s.approval === undefined)) ctx.addIssue({ code: 'custom', message: 'a step has exactly one of "action" or "approval"', path: ['action'] });
    if (s.approval !== undefined && (s.for_each !== undefined || s.retry !== undefined || Object.keys(s.with).length > 0 || s.outputs !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'an approval step takes no "with", "for_each", "retry" or "outputs"', path: ['approval'] });
    }
    if (s.concurrency !== undefined && s.for_each === undefined) ctx.addIssue({ code: 'custom', message: '"concurrency" needs "for_each"', path: ['concurrency'] });
  });

/** One fixture of `tests:`: trigger data, mocked action responses, expected step outcomes. */
export const fixtureSchema = z.strictObject({
  name: z.string().min(1).max(200),
  alert: z.record(z.string(), z.unknown()).optional(),
  case: z.record(z.string(), z.unknown()).optional(),
  inputs: z.record(z.string(), z.unknown()).default({}),
  mocks: z
    .record(
      stepId,
      z.union([
        z.strictObject({ output: z.unknown() }),
        z.strictObject({ error: z.string().max(2000), retryable: z.boolean().default(false) }),
      ]),
    )
    .default({}),
  approvals: z.record(stepId, z.enum(['approve', 'reject', 'timeout'])).default({}),
  expect: z.strictObject({
    status: z.enum(['succeeded', 'failed', 'waiting']).optional(),
    steps: z.record(stepId, z.enum(['succeeded', 'failed', 'skipped', 'planned', 'rejected', 'approved'])).default({}),
  }),
});

/** A playbook file. */
export const playbookSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,99}$/, 'a name: lower case letters, digits, - and _'),
  description: shortText.optional(),
  version: z.union([z.number().int().nonnegative(), z.string().max(50)]).default(1),
  trigger: z
    .strictObject({ type: z.enum(TRIGGER_TYPES), interval: durationSchema(30 * 86_400_000).optional() })
    .refine((t) => (t.type === 'schedule') === (t.interval !== undefined), { error: '"interval" is required for a schedule trigger and only there', path: ['interval'] }),
  filters: z
    .strictObject({
      rules: z.array(z.string().min(1).max(200)).max(100).optional(),
      min_severity: z.enum(SEVERITIES).optional(),
      techniques: z.array(z.string().min(1).max(50)).max(100).optional(),
      tags: z.array(z.string().min(1).max(100)).max(100).optional(),
    })
    .default({}),
  inputs: z
    .record(
      z.string().regex(/^[a-z_][a-z0-9_]{0,63}$/),
      z.strictObject({ type: z.enum(['string', 'number', 'boolean']).default('string'), description: shortText.optional(), default: z.union([z.string(), z.number(), z.boolean()]).optional() }),
    )
    .default({}),
  steps: z.array(stepSchema).min(1).max(PLAYBOOK_LIMITS.maxSteps),
  tests: z.array(fixtureSchema).max(200).default([]),
});

export type Playbook = z.output<typeof playbookSchema>;
export type PlaybookStep = z.output<typeof stepSchema>;
export type PlaybookFixture = z.output<typeof fixtureSchema>;
export type RetryPolicy = z.output<typeof retrySchema>;
export type OnError = z.output<typeof onErrorSchema>;
