import type { CompiledPlaybook } from '../../core/playbook/index.js';
import { VigilError } from '../../lib/errors.js';
import type { PlaybookJournal } from './journal-store.js';
import type { Decision, StepRecord } from './journal-types.js';
import { parseStored, type CannedResponse, type ResponseSource } from './run-context.js';
import type { PlaybookRunner, RunResult, TriggerData } from './runner.js';

/** One difference between a recorded run and its replay. */
export interface ReplayDifference {
  readonly step: string;
  readonly item: number;
  readonly field: 'ran' | 'status' | 'input' | 'output' | 'error';
  readonly before: string | null;
  readonly after: string | null;
}

/** Responses recorded in a run's journal, by step and item. */
export function recordedResponses(steps: readonly StepRecord[]): ResponseSource {
  const byKey = new Map(steps.map((s) => [`${s.stepId}\0${s.item}`, s]));
  return {
    response: (stepId, item): CannedResponse | undefined => {
      const s = byKey.get(`${stepId}\0${item}`);
      if (s === undefined || s.kind !== 'action') return undefined;
      if (s.status === 'succeeded') return { k: 'output', output: parseStored(s.outputJson) };
      if (s.status === 'failed') return { k: 'error', message: s.error ?? 'failed', retryable: false };
      if (s.status === 'planned') return { k: 'planned', plan: s.plan ?? '' };
      return undefined;
    },
    decision: (stepId): { decision: Decision; actor: string } | undefined => {
      const s = byKey.get(`${stepId}\0-1`);
      if (s?.status !== 'approved' && s?.status !== 'rejected') return undefined;
      const recorded = parseStored(s.outputJson) as { actor?: unknown } | null;
      return { decision: s.status === 'approved' ? 'approve' : 'reject', actor: typeof recorded?.actor === 'string' ? recorded.actor : 'replay' };
    },
  };
}

/**
 * Re-runs a playbook (the current version, or the recorded one when `pb` is omitted) against the
 * responses a run recorded: no action is called. Returns the replay and what changed: steps that
 * ran in one and not the other (a different branch), and changed statuses, inputs and outputs.
 */
export async function replayRun(
  journal: PlaybookJournal,
  runner: PlaybookRunner,
  runId: string,
  pb: CompiledPlaybook,
): Promise<{ replay: RunResult; differences: ReplayDifference[] }> {
  const original = journal.getRun(runId);
  if (original === undefined) throw new VigilError('INVALID_ARGUMENT', `no playbook run ${runId}`);
  const before = journal.listSteps(runId);
  const trigger = JSON.parse(original.triggerJson) as TriggerData;
  const replay = await runner.start(pb, trigger, { mode: 'replay', responses: recordedResponses(before), replayOf: runId });
  return { replay, differences: diffSteps(before, replay.steps) };
}

/** Compares two runs' step records, by step and item, in the order the first ran them. */
export function diffSteps(before: readonly StepRecord[], after: readonly StepRecord[]): ReplayDifference[] {
  const key = (s: StepRecord): string => `${s.stepId}\0${s.item}`;
  const afterBy = new Map(after.map((s) => [key(s), s]));
  const beforeBy = new Map(before.map((s) => [key(s), s]));
  const out: ReplayDifference[] = [];
  for (const b of before) {
    const a = afterBy.get(key(b));
    if (a === undefined) {
      out.push({ step: b.stepId, item: b.item, field: 'ran', before: b.status, after: null });
      continue;
    }
    if (a.status !== b.status) {
      out.push({ step: b.stepId, item: b.item, field: 'status', before: b.status, after: a.status });
      if (a.status === 'skipped' || b.status === 'skipped') continue; // a branch taken or not: its data is noise
    }
    if (a.inputJson !== b.inputJson) out.push({ step: b.stepId, item: b.item, field: 'input', before: b.inputJson, after: a.inputJson });
    if (a.outputJson !== b.outputJson) out.push({ step: b.stepId, item: b.item, field: 'output', before: b.outputJson, after: a.outputJson });
    if (a.error !== b.error && a.status === 'failed' && b.status === 'failed') out.push({ step: b.stepId, item: b.item, field: 'error', before: b.error, after: a.error });
  }
  for (const a of after) if (!beforeBy.has(key(a))) out.push({ step: a.stepId, item: a.item, field: 'ran', before: null, after: a.status });
  return out;
}
