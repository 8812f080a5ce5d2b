import { randomUUID } from 'node:crypto';
import type { AnyActionDefinition, Secret } from '../../core/respond/action.js';
import {
  DENY_ALL,
  compilePlaybook,
  formatIssue,
  nextMove,
  parsePlaybook,
  type CompiledPlaybook,
  type StandingPolicy,
  type StepEnd,
  type TriggerType,
} from '../../core/playbook/index.js';
import { VigilError } from '../../lib/errors.js';
import type { ActionRegistry } from './action-registry.js';
import { runApproval } from './approval-step.js';
import type { PlaybookJournal } from './journal-store.js';
import type { Decision, RunMode, RunRecord, RunStatus, StepRecord } from './journal-types.js';
import { redactJson, redactMessage, type ResponseSource, type RunLogSink, type RunState, type RunnerClock } from './run-context.js';
import type { SecretSource } from './secrets.js';
import { sleep } from './sleep.js';
import { runActionStep, runCondition, stepView } from './action-step.js';

/** What started a run: the trigger type and its data. */
export interface TriggerData {
  readonly type: TriggerType;
  readonly alert?: unknown;
  readonly case?: unknown;
  readonly inputs?: Readonly<Record<string, unknown>>;
}

/** How a run ended (or that it waits), with its journaled steps. */
export interface RunResult {
  readonly runId: string;
  readonly playbook: string;
  readonly mode: RunMode;
  readonly status: RunStatus;
  readonly error: string | null;
  readonly steps: readonly StepRecord[];
}

export interface RunnerOptions {
  readonly journal: PlaybookJournal;
  readonly actions: ActionRegistry;
  readonly secrets?: SecretSource;
  readonly policy?: StandingPolicy;
  readonly clock?: Partial<RunnerClock>;
  readonly newId?: () => string;
  readonly approvalPollMs?: number;
  readonly log?: RunLogSink;
}

export interface StartOptions {
  readonly mode?: RunMode;
  /** Wait in-process for approvals (until decided or timed out) instead of leaving the run waiting. */
  readonly waitForApprovals?: boolean;
  readonly signal?: AbortSignal;
  /** Recorded or mocked responses (replay and test modes). */
  readonly responses?: ResponseSource;
  readonly replayOf?: string;
  /**
   * In a live run, actions to plan instead of running (e.g. `vigil analyze --respond` without
   * `--execute` plans every action outside Vigil). A dry run plans every write and destructive action.
   */
  readonly plan?: (action: AnyActionDefinition) => boolean;
}

/**
 * Runs compiled playbooks: steps in order under the pure scheduler (`nextMove`), each outcome
 * journaled before the next step starts. A run resumes by executing again from the start: calls
 * and approvals that already ended are read from the journal instead of being repeated.
 */
export class PlaybookRunner {
  private readonly clock: RunnerClock;
  private readonly active = new Set<string>();

  constructor(private readonly options: RunnerOptions) {
    this.clock = { now: Date.now, sleep, random: Math.random, ...options.clock };
  }

  /** Starts a run of a compiled playbook. */
  async start(pb: CompiledPlaybook, trigger: TriggerData, options: StartOptions = {}): Promise<RunResult> {
    const runId = (this.options.newId ?? randomUUID)();
    const secrets = this.secretsFor(pb);
    const now = this.clock.now();
    const run: RunRecord = {
      id: runId,
      playbook: pb.playbook.name,
      version: String(pb.playbook.version),
      mode: options.mode ?? 'live',
      status: 'running',
      triggerJson: redactJson({ secrets }, trigger),
      source: pb.source,
      file: pb.file,
      error: null,
      replayOf: options.replayOf ?? null,
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
    };
    this.options.journal.createRun(run);
    return this.execute(run, pb, trigger, secrets, options);
  }

  /** Resumes a waiting or interrupted run from its journal, with the playbook text it started with. */
  async resume(runId: string, options: Omit<StartOptions, 'mode' | 'replayOf'> = {}): Promise<RunResult> {
    const run = this.options.journal.getRun(runId);
    if (run === undefined) throw new VigilError('INVALID_ARGUMENT', `no playbook run ${runId}`);
    if (run.status !== 'waiting' && run.status !== 'running') return this.result(run.id);
    const pb = this.compileStored(run);
    const trigger = JSON.parse(run.triggerJson) as TriggerData;
    return this.execute(run, pb, trigger, this.secretsFor(pb), { ...options, mode: run.mode });
  }

  /** Resumes every waiting or interrupted live run (what a starting runner does first). */
  async resumeAll(options: Omit<StartOptions, 'mode' | 'replayOf'> = {}): Promise<RunResult[]> {
    const runs = [...this.options.journal.runsWithStatus('running'), ...this.options.journal.runsWithStatus('waiting')].filter((r) => r.mode === 'live' && !this.active.has(r.id));
    const results: RunResult[] = [];
    for (const r of runs) results.push(await this.resume(r.id, options));
    return results;
  }

  /** Records an analyst's decision on a pending approval; false when none is pending. */
  decide(runId: string, stepId: string, decision: Decision, actor: string): boolean {
    return this.options.journal.decide(runId, stepId, decision, actor, this.clock.now());
  }

  /** The journaled state of a run. */
  result(runId: string): RunResult {
    const run = this.options.journal.getRun(runId);
    if (run === undefined) throw new VigilError('INVALID_ARGUMENT', `no playbook run ${runId}`);
    return { runId, playbook: run.playbook, mode: run.mode, status: run.status, error: run.error, steps: this.options.journal.listSteps(runId) };
  }

  private compileStored(run: RunRecord): CompiledPlaybook {
    const parsed = parsePlaybook(run.source, run.file);
    const compiled = parsed.ok ? compilePlaybook(parsed.value, this.options.actions.lookup) : parsed;
    if (!compiled.ok) throw new VigilError('INVALID_CONFIG', `run ${run.id}: its playbook no longer compiles:\n  ${compiled.error.map(formatIssue).join('\n  ')}`);
    return compiled.value;
  }

  private secretsFor(pb: CompiledPlaybook): Map<string, Secret> {
    const map = new Map<string, Secret>();
    const source = this.options.secrets;
    if (source === undefined) return map;
    for (const s of pb.steps) {
      for (const name of s.action === undefined ? [] : (this.options.actions.get(s.action.id)?.secrets ?? [])) {
        const secret = source(name);
        if (secret !== undefined) map.set(name, secret);
      }
    }
    return map;
  }

  private async execute(run: RunRecord, pb: CompiledPlaybook, trigger: TriggerData, secrets: Map<string, Secret>, options: StartOptions): Promise<RunResult> {
    const { journal } = this.options;
    this.active.add(run.id);
    const inputs: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(pb.playbook.inputs)) inputs[name] = trigger.inputs?.[name] ?? spec.default ?? null;
    const state: RunState = {
      runId: run.id,
      mode: run.mode,
      pb,
      journal,
      clock: this.clock,
      policy: this.options.policy ?? DENY_ALL,
      signal: options.signal ?? new AbortController().signal,
      secrets,
      responses: options.responses,
      waitForApprovals: options.waitForApprovals ?? false,
      approvalPollMs: this.options.approvalPollMs ?? 1000,
      sink: this.options.log,
      getAction: (id) => this.options.actions.get(id),
      shouldPlan:
        run.mode === 'dry-run'
          ? (a) => a.effect !== 'read'
          : run.mode === 'live' && options.plan !== undefined
            ? options.plan
            : () => false,
      scope: {
        alert: trigger.alert ?? null,
        case: trigger.case ?? null,
        inputs,
        run: { id: run.id, mode: run.mode, playbook: pb.playbook.name },
        playbook: { name: pb.playbook.name, version: pb.playbook.version },
        steps: {},
      },
      approved: false,
      seq: journal.nextSeq(run.id),
    };
    journal.setRunStatus(run.id, 'running', null, this.clock.now());
    let status: RunStatus = 'succeeded';
    let error: string | null = null;
    try {
      let index = 0;
      for (;;) {
        const step = pb.steps[index]!;
        let end: StepEnd;
        if (step.step.approval !== undefined) {
          const cond = runCondition(state, step);
          if (cond !== true) {
            end = cond;
          } else {
            const outcome = await runApproval(state, step);
            if (outcome.k === 'waiting') {
              status = 'waiting';
              break;
            }
            if (outcome.decision === 'approve') state.approved = true;
            end = outcome.decision === 'approve' ? (run.mode === 'dry-run' ? 'planned' : 'approved') : 'rejected';
            (state.scope.steps as Record<string, unknown>)[step.id] = { status: end, decision: outcome.decision, actor: outcome.actor, error: null, output: null, outputs: {} };
          }
        } else {
          end = await runActionStep(state, step);
        }
        if (end === 'skipped' || end === 'failed') {
          const views = state.scope.steps as Record<string, unknown>;
          views[step.id] ??= stepView(end, null, {}, null);
        }
        const move = nextMove(pb, index, end);
        if (move.k === 'done') break;
        if (move.k === 'fail') {
          status = 'failed';
          error = `step "${move.stepId}" failed`;
          break;
        }
        index = move.index;
      }
    } catch (e) {
      if (state.signal.aborted) {
        // Interrupted (shutdown): leave the run as running; the next runner resumes it.
        this.active.delete(run.id);
        return this.result(run.id);
      }
      status = 'failed';
      error = redactMessage(state, e instanceof Error ? e.message : String(e));
    }
    journal.setRunStatus(run.id, status, error, this.clock.now());
    this.active.delete(run.id);
    return this.result(run.id);
  }
}
