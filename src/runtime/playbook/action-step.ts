import { EvaluationError, PLAYBOOK_LIMITS, evaluate, render, truthy, type CompiledStep, type StepEnd } from '../../core/playbook/index.js';
import { callAction, idempotencyKey, type CallOutcome } from './action-call.js';
import { recordStep, redactJson, redactMessage, type RunState } from './run-context.js';

/** What later steps read as `steps.<id>`. */
export function stepView(status: StepEnd, output: unknown, outputs: Readonly<Record<string, unknown>>, error: string | null): Record<string, unknown> {
  return { status, output, outputs, error, decision: null, actor: null };
}

function views(state: RunState): Record<string, unknown> {
  return state.scope.steps as Record<string, unknown>;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Evaluates a step's `if`: true to run it; otherwise the step is journaled as skipped (or failed when the condition cannot be evaluated). */
export function runCondition(state: RunState, step: CompiledStep): true | 'skipped' | 'failed' {
  if (step.condition === undefined) return true;
  let holds: boolean;
  let error: string | null = null;
  try {
    holds = truthy(evaluate(step.condition, state.scope));
  } catch (e) {
    if (!(e instanceof EvaluationError)) throw e;
    holds = false;
    error = redactMessage(state, `the "if" of step "${step.id}" cannot be evaluated: ${e.message}`);
  }
  if (holds) return true;
  const now = state.clock.now();
  const status = error === null ? 'skipped' : 'failed';
  recordStep(state, { stepId: step.id, item: -1, kind: 'condition', action: step.step.action ?? null, effect: null, status, inputJson: null, outputJson: null, error, plan: null, attempts: 0, idempotencyKey: idempotencyKey(state.runId, step.id, -1), startedAt: now, endedAt: now });
  views(state)[step.id] = stepView(status, null, {}, error);
  return status;
}

/**
 * Runs an action step: its `if`, then one call, or one per `for_each` item with at most
 * `concurrency` in flight; then its declared `outputs`. Journals each call and, for loops, the
 * whole step as item -1.
 */
export async function runActionStep(state: RunState, step: CompiledStep): Promise<StepEnd> {
  const cond = runCondition(state, step);
  if (cond !== true) return cond;
  const action = state.getAction(step.action!.id)!;
  const startedAt = state.clock.now();
  const fail = (error: string): StepEnd => {
    const text = redactMessage(state, error);
    recordStep(state, { stepId: step.id, item: -1, kind: 'action', action: action.id, effect: action.effect, status: 'failed', inputJson: null, outputJson: null, error: text, plan: null, attempts: 0, idempotencyKey: idempotencyKey(state.runId, step.id, -1), startedAt, endedAt: state.clock.now() });
    views(state)[step.id] = stepView('failed', null, {}, text);
    return 'failed';
  };
  const renderFor = (item: unknown, index: number): { ok: true; input: unknown } | { ok: false; error: string } => {
    try {
      const scope = step.forEach === undefined ? state.scope : { ...state.scope, item, index };
      return { ok: true, input: render(step.with, scope) };
    } catch (e) {
      if (!(e instanceof EvaluationError)) throw e;
      return { ok: false, error: `the inputs of step "${step.id}" cannot be evaluated: ${e.message}` };
    }
  };
  const finishCall = (item: number, input: unknown, outcome: CallOutcome): void => {
    if (state.journal.getStep(state.runId, step.id, item)?.status === outcome.status) return; // resumed: already journaled
    recordStep(state, {
      stepId: step.id,
      item,
      kind: 'action',
      action: action.id,
      effect: action.effect,
      status: outcome.status,
      inputJson: redactJson(state, input),
      outputJson: outcome.status === 'succeeded' ? redactJson(state, outcome.output) : null,
      error: outcome.status === 'failed' ? redactMessage(state, outcome.error) : null,
      plan: outcome.status === 'planned' ? outcome.plan : null,
      attempts: outcome.attempts,
      idempotencyKey: idempotencyKey(state.runId, step.id, item),
      startedAt,
      endedAt: state.clock.now(),
    });
  };

  let status: StepEnd;
  let output: unknown;
  let error: string | null = null;
  if (step.forEach === undefined) {
    const r = renderFor(undefined, -1);
    if (!r.ok) return fail(r.error);
    const outcome = await callAction(state, step, action, r.input, -1);
    finishCall(-1, r.input, outcome);
    status = outcome.status;
    output = outcome.status === 'succeeded' ? outcome.output : null;
    error = outcome.status === 'failed' ? outcome.error : null;
  } else {
    let items: unknown;
    try {
      items = evaluate(step.forEach, state.scope);
    } catch (e) {
      if (!(e instanceof EvaluationError)) throw e;
      return fail(`the for_each of step "${step.id}" cannot be evaluated: ${message(e)}`);
    }
    if (!Array.isArray(items)) return fail(`the for_each of step "${step.id}" is not a list`);
    if (items.length > PLAYBOOK_LIMITS.maxForEachItems) return fail(`the for_each of step "${step.id}" has ${items.length} items; the limit is ${PLAYBOOK_LIMITS.maxForEachItems}`);
    const list: readonly unknown[] = items;
    const outcomes: CallOutcome[] = new Array<CallOutcome>(list.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < list.length) {
        const i = next++;
        const r = renderFor(list[i], i);
        const outcome: CallOutcome = r.ok ? await callAction(state, step, action, r.input, i) : { status: 'failed', error: r.error, attempts: 0 };
        finishCall(i, r.ok ? r.input : null, outcome);
        outcomes[i] = outcome;
      }
    };
    const width = Math.min(step.step.concurrency ?? 1, Math.max(1, list.length));
    await Promise.all(Array.from({ length: width }, worker));
    const failed = outcomes.find((o) => o.status === 'failed');
    status = failed !== undefined ? 'failed' : outcomes.length > 0 && outcomes.every((o) => o.status === 'planned') ? 'planned' : 'succeeded';
    output = outcomes.map((o) => (o.status === 'succeeded' ? o.output : null));
    error = failed?.status === 'failed' ? `item ${outcomes.indexOf(failed)}: ${failed.error}` : null;
    recordStep(state, {
      stepId: step.id, item: -1, kind: 'action', action: action.id, effect: action.effect, status, inputJson: null,
      outputJson: redactJson(state, output), error: error === null ? null : redactMessage(state, error), plan: null,
      attempts: outcomes.reduce((n, o) => n + o.attempts, 0), idempotencyKey: idempotencyKey(state.runId, step.id, -1), startedAt, endedAt: state.clock.now(),
    });
  }
  const outputs: Record<string, unknown> = {};
  if (status === 'succeeded') {
    for (const [name, expr] of step.outputs) {
      try {
        outputs[name] = evaluate(expr, { ...state.scope, output });
      } catch (e) {
        if (!(e instanceof EvaluationError)) throw e;
        outputs[name] = null;
        error = `outputs.${name}: ${e.message}`;
        status = 'failed';
      }
    }
  }
  views(state)[step.id] = stepView(status, output, outputs, error === null ? null : redactMessage(state, error));
  return status;
}
