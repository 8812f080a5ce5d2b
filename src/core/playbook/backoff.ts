import type { RetryPolicy } from './playbook-schema.js';
import { PLAYBOOK_LIMITS } from './limits.js';

/**
 * How long to wait before attempt `attempt + 1` after attempt `attempt` (1-based) failed:
 * `initial × factor^(attempt-1)` capped at `max`, never less than the server's Retry-After.
 * With jitter, a uniform draw from [delay/2, delay] (`random` in [0,1) is injected, so tests replay).
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, retryAfterMs: number | undefined, random: () => number): number {
  const { initial, max, factor } = policy.backoff;
  let delay = Math.min(max, initial * factor ** Math.max(0, attempt - 1));
  if (policy.jitter) delay = delay / 2 + (random() * delay) / 2;
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs)) delay = Math.max(delay, retryAfterMs);
  return Math.round(Math.min(Math.max(0, delay), PLAYBOOK_LIMITS.maxDelayMs));
}
