import type { CaseEvent } from './case-event.js';
import type { CaseState } from './case-state.js';
import type { CasesConfig } from './cases-config.js';

export type SlaBreachEvent = Extract<CaseEvent, { type: 'sla_breached' }>;

/** Where a case stands against its service levels at a given time. */
export interface ServiceLevelStatus {
  readonly target: 'acknowledge' | 'resolve';
  readonly deadline: string;
  /** When the target was met, or null if it is not yet. */
  readonly metAt: string | null;
  readonly breached: boolean;
  /** Milliseconds left before the deadline (negative once past); null once met. */
  readonly remainingMs: number | null;
}

/** The case's service-level targets (by its current severity, from its opening) evaluated at `now`. */
export function serviceLevelStatus(state: CaseState, now: number, config: CasesConfig): ServiceLevelStatus[] {
  const limits = config.serviceLevels[state.severity];
  const opened = Date.parse(state.openedAt);
  const targets = [
    { target: 'acknowledge', minutes: limits.acknowledgeMinutes, metAt: state.acknowledgedAt },
    { target: 'resolve', minutes: limits.resolveMinutes, metAt: state.resolvedAt },
  ] as const;
  return targets.map(({ target, minutes, metAt }) => {
    const deadline = opened + minutes * 60_000;
    const breached = metAt === null ? now > deadline : Date.parse(metAt) > deadline;
    return { target, deadline: new Date(deadline).toISOString(), metAt, breached, remainingMs: metAt === null ? deadline - now : null };
  });
}

/**
 * The `sla_breached` events to append to a case at `now`: one per missed target not recorded yet,
 * so evaluating again (every batch, every `vigil cases sla`) never records a breach twice.
 */
export function newServiceLevelBreaches(state: CaseState, now: number, config: CasesConfig, actor: string): SlaBreachEvent[] {
  const at = new Date(now).toISOString();
  const limits = config.serviceLevels[state.severity];
  return serviceLevelStatus(state, now, config)
    .filter((s) => s.breached && !state.breached[s.target])
    .map((s) => ({
      type: 'sla_breached',
      at,
      actor,
      target: s.target,
      severity: state.severity,
      deadline: s.deadline,
      limit_minutes: s.target === 'acknowledge' ? limits.acknowledgeMinutes : limits.resolveMinutes,
    }));
}
