import type { CompiledPlaybook } from './compile-playbook.js';

/** How a step ended, as far as the flow of the run is concerned. */
export type StepEnd = 'succeeded' | 'skipped' | 'failed' | 'planned' | 'approved' | 'rejected';

/** Where a run goes after a step: the next step's index, the end, or a failure that stops it. */
export type NextMove = { readonly k: 'step'; readonly index: number } | { readonly k: 'done' } | { readonly k: 'fail'; readonly stepId: string };

/**
 * The scheduler's one rule, pure: after a step, go on in order; a failed step follows its
 * `on_error` (fail stops the run, continue goes on, goto jumps forward to the named step).
 */
export function nextMove(pb: CompiledPlaybook, index: number, end: StepEnd): NextMove {
  const step = pb.steps[index]!;
  if (end === 'failed') {
    const onError = step.step.on_error;
    if (onError === 'fail') return { k: 'fail', stepId: step.id };
    if (typeof onError === 'object') return { k: 'step', index: pb.indexOf.get(onError.goto)! };
  }
  return index + 1 < pb.steps.length ? { k: 'step', index: index + 1 } : { k: 'done' };
}
