import { caseEventSchema, type CaseEvent, type CaseObservable, type CaseStatus, type Resolution } from './case-event.js';
import type { CaseState } from './case-state.js';
import { err, ok, type Result } from '../../lib/result.js';

/** What an analyst (or a playbook) asks to change on a case. */
export interface CaseUpdate {
  readonly status?: CaseStatus;
  /** Required with `status: resolved`; given alone, it means resolving the case. */
  readonly resolution?: Resolution;
  /** A name, or null to unassign. */
  readonly assignee?: string | null;
  readonly tags?: readonly string[];
  readonly comment?: string;
  readonly observables?: readonly CaseObservable[];
  /** Acknowledge the case (also implied by moving it out of `new`). */
  readonly acknowledge?: boolean;
}

/** Why an update was refused. */
export interface CaseUpdateRefusal {
  readonly reason: 'resolution_required' | 'resolution_without_resolved' | 'invalid';
  readonly message: string;
}

/**
 * The events an update appends to a case (pure): only real changes, so repeating an update adds
 * nothing. Leaving `new` acknowledges the case first if nobody had, so MTTA is never missing for a
 * case that was worked on.
 */
export function planCaseUpdate(state: CaseState, update: CaseUpdate, at: string, actor: string): Result<CaseEvent[], CaseUpdateRefusal> {
  const status = update.status ?? (update.resolution === undefined ? undefined : 'resolved');
  if (status === 'resolved' && update.resolution === undefined) {
    return err({ reason: 'resolution_required', message: 'resolving a case needs a resolution (true_positive, false_positive or benign)' });
  }
  if (update.resolution !== undefined && status !== 'resolved') {
    return err({ reason: 'resolution_without_resolved', message: 'a resolution goes only with status resolved' });
  }
  const events: CaseEvent[] = [];
  const base = { at, actor };
  const changesStatus = status !== undefined && (status !== state.status || (status === 'resolved' && update.resolution !== state.resolution));
  if (state.acknowledgedAt === null && (update.acknowledge === true || (changesStatus && state.status === 'new'))) events.push({ ...base, type: 'acknowledged' });
  if (update.assignee !== undefined && update.assignee !== state.assignee) events.push({ ...base, type: 'assigned', assignee: update.assignee });
  for (const tag of new Set(update.tags ?? [])) if (!state.tags.includes(tag)) events.push({ ...base, type: 'tagged', tag });
  const known = new Set(state.observables.map((x) => `${x.type}\u0000${x.value}`));
  for (const o of update.observables ?? []) {
    const key = `${o.type}\u0000${o.value}`;
    if (known.has(key)) continue;
    known.add(key);
    events.push({ ...base, type: 'observable_added', observable: o });
  }
  if (update.comment !== undefined) events.push({ ...base, type: 'comment', text: update.comment });
  if (changesStatus) {
    events.push({ ...base, type: 'status_changed', from: state.status, to: status, ...(status === 'resolved' && update.resolution !== undefined ? { resolution: update.resolution } : {}) });
  }
  for (const e of events) {
    const checked = caseEventSchema.safeParse(e);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      return err({ reason: 'invalid', message: `invalid ${e.type}: ${issue === undefined ? 'rejected' : `${issue.path.join('.')}: ${issue.message}`}` });
    }
  }
  return ok(events);
}
