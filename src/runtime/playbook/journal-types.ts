/** Where a run stands. `running` after a crash means interrupted: the runner resumes it. */
export type RunStatus = 'running' | 'waiting' | 'succeeded' | 'failed';
/** live calls actions; dry-run plans write/destructive ones; replay and test use recorded or mocked responses. */
export type RunMode = 'live' | 'dry-run' | 'replay' | 'test';
/** How a step (or one item of a for_each step) ended. */
export type StepStatus = 'succeeded' | 'failed' | 'skipped' | 'planned' | 'approved' | 'rejected';
export type Decision = 'approve' | 'reject';

/** A run as journaled. JSON fields hold text with secrets already replaced by handles. */
export interface RunRecord {
  readonly id: string;
  readonly playbook: string;
  readonly version: string;
  readonly mode: RunMode;
  readonly status: RunStatus;
  readonly triggerJson: string;
  /** The playbook text the run started with, so a resume runs the same version. */
  readonly source: string;
  readonly file: string;
  readonly error: string | null;
  readonly replayOf: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly finishedAt: number | null;
}

/** The final outcome of a step, or of one item of a for_each step (`item` ≥ 0; -1 otherwise). */
export interface StepRecord {
  readonly runId: string;
  readonly stepId: string;
  readonly item: number;
  readonly seq: number;
  readonly kind: 'action' | 'approval' | 'condition';
  readonly action: string | null;
  readonly effect: string | null;
  readonly status: StepStatus;
  readonly inputJson: string | null;
  readonly outputJson: string | null;
  readonly error: string | null;
  readonly plan: string | null;
  readonly attempts: number;
  readonly idempotencyKey: string;
  readonly startedAt: number;
  readonly endedAt: number;
}

/** One call of an action. `started` without an end means the process died during the call. */
export interface AttemptRecord {
  readonly runId: string;
  readonly stepId: string;
  readonly item: number;
  readonly attempt: number;
  readonly idempotencyKey: string;
  readonly status: 'started' | 'succeeded' | 'failed';
  readonly inputJson: string | null;
  readonly outputJson: string | null;
  readonly error: string | null;
  readonly retryable: boolean | null;
  readonly startedAt: number;
  readonly endedAt: number | null;
}

/** An approval request and, once made, its decision (`actor` is `timeout` when the default was taken). */
export interface ApprovalRecord {
  readonly runId: string;
  readonly stepId: string;
  readonly prompt: string;
  readonly approvers: readonly string[];
  readonly defaultDecision: Decision;
  readonly deadline: number;
  readonly status: 'pending' | 'decided';
  readonly decision: Decision | null;
  readonly actor: string | null;
  readonly decidedAt: number | null;
}

/** A log line an action wrote through its context. */
export interface LogRecord {
  readonly runId: string;
  readonly stepId: string | null;
  readonly at: number;
  readonly message: string;
  readonly fieldsJson: string | null;
}
