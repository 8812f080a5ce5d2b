import type { z } from 'zod';

/**
 * What an action does to the world. `read` looks things up, `write` changes or sends something
 * that can be undone or is harmless to repeat (a notification, a case note), `destructive` changes
 * something that cuts people or systems off (a firewall block, disabling an account). Destructive
 * actions only run after an approval step or under an explicit standing policy; dry runs plan
 * `write` and `destructive` actions instead of running them.
 */
export type ActionEffect = 'read' | 'write' | 'destructive';

/**
 * A secret as actions see it: its value is only reachable through `reveal()`. Converting it to a
 * string or JSON yields its handle (`[secret:NAME]`), so a secret that slips into a log line,
 * an error message or a journal record leaks nothing.
 */
export interface Secret {
  readonly name: string;
  reveal(): string;
  toString(): string;
  toJSON(): string;
}

/** Everything an action may use besides its input. Effects at the edge come only through here. */
export interface ActionContext {
  /** Aborted when the step times out or the run is cancelled; actions must pass it to their I/O. */
  readonly signal: AbortSignal;
  /** The secrets the action declared in `secrets`, by name. */
  readonly secrets: ReadonlyMap<string, Secret>;
  /**
   * Stable for one step of one run across retries and replays: actions that talk to systems
   * supporting it send it (e.g. an `Idempotency-Key` header); the runner uses it to never repeat a
   * destructive action that already succeeded.
   */
  readonly idempotencyKey: string;
  /** Structured log line for the run journal; secrets are redacted by the runner before storing. */
  log(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

/**
 * A connector's typed action (`slack.post_message`, `firewall.block_ip` …). Input is validated with
 * `input` before `run`, output with `output` after it; a playbook that references a field the
 * schemas do not have is rejected when it is loaded.
 */
export interface ActionDefinition<I = unknown, O = unknown> {
  /** `connector.action`, lower case with dots and underscores. */
  readonly id: string;
  readonly summary: string;
  readonly effect: ActionEffect;
  readonly input: z.ZodType<I>;
  readonly output: z.ZodType<O>;
  /** Names of the secrets this action needs (e.g. `SLACK_WEBHOOK_URL`). */
  readonly secrets: readonly string[];
  /** One line saying what `run` would do with this input, for dry runs and approval requests. */
  plan(input: I): string;
  run(input: I, context: ActionContext): Promise<O>;
}

/** Type-erased form, for registries that hold actions of many types. */
export type AnyActionDefinition = ActionDefinition<never> & { readonly input: z.ZodType; readonly output: z.ZodType };

/**
 * How an action reports a failure the runner should understand: `retryable` failures (timeouts,
 * 429, 5xx, connection refused) are retried with backoff, waiting at least `retryAfterMs` when the
 * server said so (Retry-After); others fail the step at once (4xx, invalid input, refused policy).
 */
export class ActionFailure extends Error {
  override readonly name = 'ActionFailure';
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: { readonly retryable: boolean; readonly retryAfterMs?: number; readonly cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
  }
}
