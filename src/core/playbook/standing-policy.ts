import { z } from 'zod';
import { err, ok, type Result } from '../../lib/result.js';
import type { Expr } from './expression-ast.js';
import { evaluate, truthy, type Scope } from './expression-eval.js';
import { globMatch } from './trigger-filter.js';
import { compileCondition } from './template.js';

/**
 * The `playbooks` section of `vigil.yml`: extra playbook folders, and the standing policy that lets
 * named destructive actions run without an approval step, optionally only for some playbooks and
 * only when a condition over the step's `input` (and the run's `alert`, `case`, `inputs`) holds.
 */
export const playbookConfigSchema = z.strictObject({
  dirs: z.array(z.string().min(1)).max(50).default([]),
  /** Values for playbook `inputs` by name (e.g. `webhook_url`), for every playbook that declares them. */
  inputs: z.record(z.string().regex(/^[a-z_][a-z0-9_]{0,63}$/), z.union([z.string().max(4096), z.number(), z.boolean()])).default({}),
  /** How often a waiting run looks for a decision recorded by another process. */
  approvalPollMs: z.number().int().min(10).max(60_000).default(1000),
  policy: z
    .strictObject({
      allow: z
        .array(
          z.strictObject({
            action: z.string().min(1).max(200),
            playbooks: z.array(z.string().min(1).max(100)).max(100).optional(),
            when: z.string().min(1).max(2000).optional(),
          }),
        )
        .max(200)
        .default([]),
    })
    .prefault({}),
});

export type PlaybookConfig = z.output<typeof playbookConfigSchema>;

/** A standing policy with its conditions compiled. */
export interface StandingPolicy {
  allows(actionId: string, playbook: string, scope: Scope): boolean;
}

/** Compiles the policy's conditions; reports each bad one by its index. */
export function compileStandingPolicy(config: PlaybookConfig['policy']): Result<StandingPolicy, string[]> {
  const errors: string[] = [];
  const rules: { action: string; playbooks: readonly string[] | undefined; when: Expr | undefined }[] = [];
  config.allow.forEach((r, i) => {
    let when: Expr | undefined;
    if (r.when !== undefined) {
      const c = compileCondition(r.when);
      if (!c.ok) errors.push(`playbooks.policy.allow[${i}].when: ${c.error}`);
      else when = c.value;
    }
    rules.push({ action: r.action, playbooks: r.playbooks, when });
  });
  if (errors.length > 0) return err(errors);
  return ok({
    allows: (actionId, playbook, scope) =>
      rules.some((r) => r.action === actionId && (r.playbooks === undefined || r.playbooks.some((g) => globMatch(g, playbook))) && (r.when === undefined || truthy(evaluate(r.when, scope)))),
  });
}

/** A policy that allows nothing (the default). */
export const DENY_ALL: StandingPolicy = { allows: () => false };
