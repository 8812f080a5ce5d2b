import type { AnyActionDefinition, Secret } from '../../core/respond/action.js';
import { redactSecrets } from '../../core/respond/secret.js';
import type { CompiledPlaybook, StandingPolicy } from '../../core/playbook/index.js';
import type { PlaybookJournal } from './journal-store.js';
import type { Decision, RunMode, StepRecord } from './journal-types.js';

/** A recorded or mocked response for one action call (replay and fixture tests). */
export type CannedResponse = { readonly k: 'output'; readonly output: unknown } | { readonly k: 'error'; readonly message: string; readonly retryable: boolean } | { readonly k: 'planned'; readonly plan: string };

/** Where replay and test runs get action responses and approval decisions instead of the world. */
export interface ResponseSource {
  response(stepId: string, item: number): CannedResponse | undefined;
  decision(stepId: string): { readonly decision: Decision; readonly actor: string } | 'timeout' | undefined;
}

/** Effects the runner uses, injected so that tests control time and randomness. */
export interface RunnerClock {
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  random(): number;
}

/** One structured log line leaving the runner (already redacted). */
export type RunLogSink = (line: Readonly<Record<string, unknown>>) => void;

/** Everything one run needs while it executes. */
export interface RunState {
  readonly runId: string;
  readonly mode: RunMode;
  readonly pb: CompiledPlaybook;
  readonly journal: PlaybookJournal;
  readonly clock: RunnerClock;
  readonly policy: StandingPolicy;
  readonly signal: AbortSignal;
  readonly secrets: ReadonlyMap<string, Secret>;
  readonly responses: ResponseSource | undefined;
  readonly waitForApprovals: boolean;
  readonly approvalPollMs: number;
  readonly sink: RunLogSink | undefined;
  getAction(id: string): AnyActionDefinition | undefined;
  /** Actions to plan instead of run: write and destructive ones in a dry run, or the caller's choice. */
  shouldPlan(action: AnyActionDefinition): boolean;
  /** The data expressions read: alert, case, inputs, run, playbook, steps. */
  readonly scope: Record<string, unknown>;
  /** Set once an approval step in this run was approved. */
  approved: boolean;
  seq: number;
}

const MAX_ERROR = 2000;

/** JSON text of a value with every secret of the run replaced by its handle. */
export function redactJson(state: Pick<RunState, 'secrets'>, value: unknown): string {
  return redactSecrets(JSON.stringify(value ?? null), state.secrets.values());
}

/** An error message fit to store or print: redacted and bounded. */
export function redactMessage(state: Pick<RunState, 'secrets'>, message: string): string {
  const text = redactSecrets(message, state.secrets.values());
  return text.length > MAX_ERROR ? `${text.slice(0, MAX_ERROR)}…` : text;
}

/** Stores a step record with the next sequence number. */
export function recordStep(state: RunState, rec: Omit<StepRecord, 'runId' | 'seq'>): StepRecord {
  const full: StepRecord = { ...rec, runId: state.runId, seq: state.seq++ };
  state.journal.putStep(full);
  return full;
}

/** Parses stored JSON text back to data (null for absent). */
export function parseStored(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}
