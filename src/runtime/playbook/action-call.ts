import { ActionFailure, type ActionContext, type AnyActionDefinition, type Secret } from '../../core/respond/action.js';
import { retryDelayMs, type CompiledStep } from '../../core/playbook/index.js';
import { parseStored, redactJson, redactMessage, type RunState } from './run-context.js';

/** How one action call (one step, or one item of a for_each step) ended. */
export type CallOutcome =
  | { readonly status: 'succeeded'; readonly output: unknown; readonly attempts: number }
  | { readonly status: 'failed'; readonly error: string; readonly attempts: number }
  | { readonly status: 'planned'; readonly plan: string; readonly attempts: number };

/** The stable key of one call: the same across retries, resumes and replays of a run. */
export function idempotencyKey(runId: string, stepId: string, item: number): string {
  return `${runId}/${stepId}/${item}`;
}

/**
 * Calls a step's action once for one item, journaling every attempt. A call that already ended in
 * this run (seen on resume) is not repeated: its recorded outcome is returned. Destructive actions
 * run only after an approval in this run or under the standing policy; one whose earlier attempt
 * never finished (the process died mid-call) is not repeated, since it may have taken effect.
 */
export async function callAction(state: RunState, step: CompiledStep, action: AnyActionDefinition, rawInput: unknown, item: number): Promise<CallOutcome> {
  const key = idempotencyKey(state.runId, step.id, item);
  const done = state.journal.getStep(state.runId, step.id, item);
  if (done !== undefined && (done.status === 'succeeded' || done.status === 'failed' || done.status === 'planned')) {
    if (done.status === 'succeeded') return { status: 'succeeded', output: parseStored(done.outputJson), attempts: done.attempts };
    if (done.status === 'failed') return { status: 'failed', error: done.error ?? 'failed', attempts: done.attempts };
    return { status: 'planned', plan: done.plan ?? '', attempts: 0 };
  }
  const parsed = action.input.safeParse(rawInput);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(input)'}: ${i.message}`).join('; ');
    return { status: 'failed', error: `the input of "${action.id}" is invalid: ${issues}`, attempts: 0 };
  }
  const input: unknown = parsed.data;
  if (action.effect === 'destructive' && !state.approved) {
    const scope = { ...state.scope, input };
    if (!state.policy.allows(action.id, state.pb.playbook.name, scope)) {
      return { status: 'failed', error: `refused: "${action.id}" is destructive and runs only after an approval step approved it in this run or under a standing policy`, attempts: 0 };
    }
  }
  if (state.shouldPlan(action)) return { status: 'planned', plan: redactMessage(state, action.plan(input as never)), attempts: 0 };
  if (state.mode === 'replay' || state.mode === 'test') return canned(state, step, action, item);
  return callLive(state, step, action, input, item, key);
}

function canned(state: RunState, step: CompiledStep, action: AnyActionDefinition, item: number): CallOutcome {
  const r = state.responses?.response(step.id, item);
  if (r === undefined) return { status: 'failed', error: `no ${state.mode === 'replay' ? 'recorded' : 'mocked'} response for step "${step.id}"${item >= 0 ? ` item ${item}` : ''}`, attempts: 0 };
  if (r.k === 'error') return { status: 'failed', error: r.message, attempts: 1 };
  if (r.k === 'planned') return { status: 'planned', plan: r.plan, attempts: 0 };
  const out = action.output.safeParse(r.output);
  if (!out.success) return { status: 'failed', error: `the response for step "${step.id}" does not match the output of "${action.id}": ${out.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ')}`, attempts: 1 };
  return { status: 'succeeded', output: out.data, attempts: 1 };
}

async function callLive(state: RunState, step: CompiledStep, action: AnyActionDefinition, input: unknown, item: number, key: string): Promise<CallOutcome> {
  const earlier = state.journal.attemptsOf(state.runId, step.id, item);
  if (action.effect === 'destructive' && earlier.some((a) => a.status === 'started' || a.status === 'succeeded')) {
    return { status: 'failed', error: `"${action.id}" was started in this run before the process stopped and its outcome is unknown; it is not repeated (check the target, then run again)`, attempts: earlier.length };
  }
  // Only the secrets that are set: an action declares every secret it may use (a signing key used
  // only with `sign: true`) and refuses by itself when one it needs for this input is missing.
  const secrets = new Map<string, Secret>();
  for (const name of action.secrets) {
    const s = state.secrets.get(name);
    if (s !== undefined) secrets.set(name, s);
  }
  const retry = step.step.retry;
  const maxAttempts = retry?.max_attempts ?? 1;
  const inputJson = redactJson(state, input);
  let attempt = earlier.length;
  for (;;) {
    attempt++;
    const id = { runId: state.runId, stepId: step.id, item, attempt };
    state.journal.startAttempt({ ...id, idempotencyKey: key, inputJson, startedAt: state.clock.now() });
    let failure: ActionFailure;
    try {
      const raw = await runOnce(state, step, action, input, { secrets, key, stepId: step.id });
      const out = action.output.safeParse(raw);
      if (out.success) {
        state.journal.finishAttempt(id, { status: 'succeeded', outputJson: redactJson(state, out.data), error: null, retryable: null, endedAt: state.clock.now() });
        return { status: 'succeeded', output: out.data, attempts: attempt };
      }
      // The action did its work; only its answer is odd. Never repeat it.
      failure = new ActionFailure(`the output of "${action.id}" does not match its schema: ${out.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ')}`, { retryable: false });
    } catch (e) {
      failure = e instanceof ActionFailure ? e : new ActionFailure(e instanceof Error ? e.message : String(e), { retryable: false });
    }
    const message = redactMessage(state, failure.message);
    state.journal.finishAttempt(id, { status: 'failed', outputJson: null, error: message, retryable: failure.retryable, endedAt: state.clock.now() });
    if (!failure.retryable || attempt >= maxAttempts || retry === undefined || state.signal.aborted) return { status: 'failed', error: message, attempts: attempt };
    const delay = retryDelayMs(retry, attempt, failure.retryAfterMs, () => state.clock.random());
    try {
      await state.clock.sleep(delay, state.signal);
    } catch {
      return { status: 'failed', error: `${message} (cancelled while waiting to retry)`, attempts: attempt };
    }
  }
}

class Timeout extends Error {}

async function runOnce(
  state: RunState,
  step: CompiledStep,
  action: AnyActionDefinition,
  input: unknown,
  call: { secrets: ReadonlyMap<string, Secret>; key: string; stepId: string },
): Promise<unknown> {
  const controller = new AbortController();
  const onRunAbort = (): void => {
    controller.abort(state.signal.reason);
  };
  state.signal.addEventListener('abort', onRunAbort, { once: true });
  const timeoutMs = step.step.timeout;
  let timer: NodeJS.Timeout | undefined;
  const limits = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => {
      reject(controller.signal.reason instanceof Timeout ? controller.signal.reason : new ActionFailure('the run was cancelled', { retryable: false }));
    }, { once: true });
  });
  limits.catch(() => undefined); // settled after the race when the step ends; not an unhandled rejection
  if (timeoutMs !== undefined) {
    timer = setTimeout(() => {
      controller.abort(new Timeout(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
  }
  const context: ActionContext = {
    signal: controller.signal,
    secrets: call.secrets,
    idempotencyKey: call.key,
    log: (message, fields) => {
      const line = { runId: state.runId, stepId: call.stepId, at: state.clock.now(), message: redactMessage(state, message), fieldsJson: fields === undefined ? null : redactJson(state, fields) };
      state.journal.appendLog(line);
      state.sink?.({ msg: line.message, run: state.runId, step: call.stepId, ...(fields === undefined ? {} : { fields: JSON.parse(line.fieldsJson!) as unknown }) });
    },
  };
  try {
    return await Promise.race([action.run(input as never, context), limits]);
  } catch (e) {
    if (e instanceof Timeout) {
      // A destructive action that timed out may have taken effect: do not retry it blindly.
      throw new ActionFailure(e.message, { retryable: action.effect !== 'destructive' });
    }
    throw e;
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    state.signal.removeEventListener('abort', onRunAbort);
    if (!controller.signal.aborted) controller.abort(new Error('the step ended'));
  }
}
