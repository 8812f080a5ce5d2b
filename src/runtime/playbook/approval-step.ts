import { render, stringify, type CompiledStep } from '../../core/playbook/index.js';
import type { Decision } from './journal-types.js';
import { recordStep, redactMessage, type RunState } from './run-context.js';

/** How an approval step ended, or that the run must wait for it. */
export type ApprovalOutcome = { readonly k: 'decided'; readonly decision: Decision; readonly actor: string } | { readonly k: 'waiting' };

/**
 * Runs an approval step. Live runs keep the request in the journal with its deadline (fixed when it
 * is first asked, so a restart does not extend it); a decision recorded by any process, or the
 * default once the deadline passes, ends the wait. Without `waitForApprovals` the run is left
 * waiting and resumed later. Dry runs assume approval, to show the whole plan.
 */
export async function runApproval(state: RunState, step: CompiledStep): Promise<ApprovalOutcome> {
  const approval = step.step.approval!;
  const started = state.clock.now();
  const done = state.journal.getStep(state.runId, step.id, -1);
  if (done !== undefined && (done.status === 'approved' || done.status === 'rejected' || done.status === 'planned')) {
    const rec = state.journal.getApproval(state.runId, step.id);
    return { k: 'decided', decision: done.status === 'rejected' ? 'reject' : 'approve', actor: rec?.actor ?? 'dry-run' };
  }
  const prompt = redactMessage(state, stringify(render(step.prompt!, state.scope)));
  const finish = (decision: Decision, actor: string, planned = false): ApprovalOutcome => {
    recordStep(state, {
      stepId: step.id,
      item: -1,
      kind: 'approval',
      action: null,
      effect: null,
      status: planned ? 'planned' : decision === 'approve' ? 'approved' : 'rejected',
      inputJson: JSON.stringify({ prompt, approvers: approval.approvers }),
      outputJson: JSON.stringify({ decision, actor }),
      error: null,
      plan: planned ? `would ask ${approval.approvers.join(', ') || 'an analyst'}: ${prompt} (assumed approved in a dry run)` : null,
      attempts: 0,
      idempotencyKey: `${state.runId}/${step.id}/-1`,
      startedAt: started,
      endedAt: state.clock.now(),
    });
    return { k: 'decided', decision, actor };
  };
  if (state.mode === 'dry-run') return finish('approve', 'dry-run', true);
  if (state.mode === 'replay' || state.mode === 'test') {
    const d = state.responses?.decision(step.id) ?? 'timeout';
    return d === 'timeout' ? finish(approval.default, 'timeout') : finish(d.decision, d.actor);
  }
  let rec = state.journal.requestApproval({
    runId: state.runId,
    stepId: step.id,
    prompt,
    approvers: approval.approvers,
    defaultDecision: approval.default,
    deadline: started + approval.timeout,
  });
  for (;;) {
    if (rec.status === 'decided' && rec.decision !== null) return finish(rec.decision, rec.actor ?? 'unknown');
    const now = state.clock.now();
    if (now >= rec.deadline) {
      state.journal.decide(state.runId, step.id, rec.defaultDecision, 'timeout', now);
    } else if (!state.waitForApprovals) {
      return { k: 'waiting' };
    } else {
      await state.clock.sleep(Math.min(state.approvalPollMs, rec.deadline - now), state.signal);
    }
    rec = state.journal.getApproval(state.runId, step.id)!;
  }
}
