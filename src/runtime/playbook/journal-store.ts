import type Database from 'better-sqlite3';
import { migrateComponent } from '../store/sqlite-database.js';
import { PLAYBOOK_MIGRATIONS } from './journal-migrations.js';
import type { ApprovalRecord, AttemptRecord, Decision, LogRecord, RunRecord, RunStatus, StepRecord } from './journal-types.js';

type Row = Record<string, string | number | null>;

/**
 * The playbook journal on the shared SQLite database: runs, step outcomes, every attempt, approvals
 * and action log lines. Callers hand it text that is already redacted; it stores what it is given.
 * Synchronous (better-sqlite3), so a record is durable before the runner moves on.
 */
export class PlaybookJournal {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    migrateComponent(db, 'playbooks', PLAYBOOK_MIGRATIONS);
    this.s = {
      insertRun: db.prepare(
        `INSERT INTO playbook_runs (id, playbook, version, mode, status, trigger_json, source, file, error, replay_of, created_at, updated_at, finished_at)
         VALUES (@id, @playbook, @version, @mode, @status, @triggerJson, @source, @file, @error, @replayOf, @createdAt, @updatedAt, @finishedAt)`,
      ),
      setRunStatus: db.prepare('UPDATE playbook_runs SET status = ?, error = ?, updated_at = ?, finished_at = ? WHERE id = ?'),
      getRun: db.prepare('SELECT * FROM playbook_runs WHERE id = ?'),
      listRuns: db.prepare('SELECT * FROM playbook_runs ORDER BY created_at DESC, id LIMIT ?'),
      runsByStatus: db.prepare('SELECT * FROM playbook_runs WHERE status = ? ORDER BY created_at, id'),
      putStep: db.prepare(
        `INSERT OR REPLACE INTO playbook_steps (run_id, step_id, item, seq, kind, action, effect, status, input_json, output_json, error, plan, attempts, idempotency_key, started_at, ended_at)
         VALUES (@runId, @stepId, @item, @seq, @kind, @action, @effect, @status, @inputJson, @outputJson, @error, @plan, @attempts, @idempotencyKey, @startedAt, @endedAt)`,
      ),
      getStep: db.prepare('SELECT * FROM playbook_steps WHERE run_id = ? AND step_id = ? AND item = ?'),
      listSteps: db.prepare('SELECT * FROM playbook_steps WHERE run_id = ? ORDER BY seq, item'),
      maxSeq: db.prepare('SELECT COALESCE(MAX(seq), -1) AS seq FROM playbook_steps WHERE run_id = ?'),
      startAttempt: db.prepare(
        `INSERT OR REPLACE INTO playbook_attempts (run_id, step_id, item, attempt, idempotency_key, status, input_json, output_json, error, retryable, started_at, ended_at)
         VALUES (?, ?, ?, ?, ?, 'started', ?, NULL, NULL, NULL, ?, NULL)`,
      ),
      finishAttempt: db.prepare('UPDATE playbook_attempts SET status = ?, output_json = ?, error = ?, retryable = ?, ended_at = ? WHERE run_id = ? AND step_id = ? AND item = ? AND attempt = ?'),
      listAttempts: db.prepare('SELECT * FROM playbook_attempts WHERE run_id = ? ORDER BY started_at, step_id, item, attempt'),
      attemptsOf: db.prepare('SELECT * FROM playbook_attempts WHERE run_id = ? AND step_id = ? AND item = ? ORDER BY attempt'),
      insertApproval: db.prepare(
        `INSERT OR IGNORE INTO playbook_approvals (run_id, step_id, prompt, approvers_json, default_decision, deadline, status, decision, actor, decided_at)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', NULL, NULL, NULL)`,
      ),
      getApproval: db.prepare('SELECT * FROM playbook_approvals WHERE run_id = ? AND step_id = ?'),
      decide: db.prepare("UPDATE playbook_approvals SET status = 'decided', decision = ?, actor = ?, decided_at = ? WHERE run_id = ? AND step_id = ? AND status = 'pending'"),
      pendingApprovals: db.prepare("SELECT * FROM playbook_approvals WHERE status = 'pending' ORDER BY deadline"),
      appendLog: db.prepare('INSERT INTO playbook_logs (run_id, step_id, at, message, fields_json) VALUES (?, ?, ?, ?, ?)'),
      listLogs: db.prepare('SELECT * FROM playbook_logs WHERE run_id = ? ORDER BY rowid'),
    };
  }

  createRun(run: RunRecord): void {
    this.s.insertRun.run(run);
  }

  setRunStatus(id: string, status: RunStatus, error: string | null, now: number): void {
    this.s.setRunStatus.run(status, error, now, status === 'succeeded' || status === 'failed' ? now : null, id);
  }

  getRun(id: string): RunRecord | undefined {
    const row = this.s.getRun.get(id) as Row | undefined;
    return row === undefined ? undefined : toRun(row);
  }

  listRuns(limit = 100): RunRecord[] {
    return (this.s.listRuns.all(limit) as Row[]).map(toRun);
  }

  runsWithStatus(status: RunStatus): RunRecord[] {
    return (this.s.runsByStatus.all(status) as Row[]).map(toRun);
  }

  putStep(step: StepRecord): void {
    this.s.putStep.run(step);
  }

  getStep(runId: string, stepId: string, item: number): StepRecord | undefined {
    const row = this.s.getStep.get(runId, stepId, item) as Row | undefined;
    return row === undefined ? undefined : toStep(row);
  }

  listSteps(runId: string): StepRecord[] {
    return (this.s.listSteps.all(runId) as Row[]).map(toStep);
  }

  nextSeq(runId: string): number {
    return Number((this.s.maxSeq.get(runId) as Row).seq) + 1;
  }

  startAttempt(a: { runId: string; stepId: string; item: number; attempt: number; idempotencyKey: string; inputJson: string; startedAt: number }): void {
    this.s.startAttempt.run(a.runId, a.stepId, a.item, a.attempt, a.idempotencyKey, a.inputJson, a.startedAt);
  }

  finishAttempt(
    key: { runId: string; stepId: string; item: number; attempt: number },
    end: { status: 'succeeded' | 'failed'; outputJson: string | null; error: string | null; retryable: boolean | null; endedAt: number },
  ): void {
    this.s.finishAttempt.run(end.status, end.outputJson, end.error, end.retryable === null ? null : end.retryable ? 1 : 0, end.endedAt, key.runId, key.stepId, key.item, key.attempt);
  }

  listAttempts(runId: string): AttemptRecord[] {
    return (this.s.listAttempts.all(runId) as Row[]).map(toAttempt);
  }

  attemptsOf(runId: string, stepId: string, item: number): AttemptRecord[] {
    return (this.s.attemptsOf.all(runId, stepId, item) as Row[]).map(toAttempt);
  }

  /** Records a pending approval unless one exists; returns the stored one. */
  requestApproval(a: Omit<ApprovalRecord, 'status' | 'decision' | 'actor' | 'decidedAt'>): ApprovalRecord {
    this.s.insertApproval.run(a.runId, a.stepId, a.prompt, JSON.stringify(a.approvers), a.defaultDecision, a.deadline);
    return this.getApproval(a.runId, a.stepId)!;
  }

  getApproval(runId: string, stepId: string): ApprovalRecord | undefined {
    const row = this.s.getApproval.get(runId, stepId) as Row | undefined;
    return row === undefined ? undefined : toApproval(row);
  }

  /** Records a decision on a pending approval; false when there is none or it was decided already. */
  decide(runId: string, stepId: string, decision: Decision, actor: string, now: number): boolean {
    return this.s.decide.run(decision, actor, now, runId, stepId).changes === 1;
  }

  pendingApprovals(): ApprovalRecord[] {
    return (this.s.pendingApprovals.all() as Row[]).map(toApproval);
  }

  appendLog(log: LogRecord): void {
    this.s.appendLog.run(log.runId, log.stepId, log.at, log.message, log.fieldsJson);
  }

  listLogs(runId: string): LogRecord[] {
    return (this.s.listLogs.all(runId) as Row[]).map((r) => ({ runId: str(r.run_id), stepId: strOrNull(r.step_id), at: Number(r.at), message: str(r.message), fieldsJson: strOrNull(r.fields_json) }));
  }

  /** Runs `fn` in one transaction (faster bursts of writes; all or nothing). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}

const str = (v: string | number | null | undefined): string => (v === null || v === undefined ? '' : String(v));
const strOrNull = (v: string | number | null | undefined): string | null => (v === null || v === undefined ? null : String(v));
const numOrNull = (v: string | number | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

function toRun(r: Row): RunRecord {
  return {
    id: str(r.id),
    playbook: str(r.playbook),
    version: str(r.version),
    mode: str(r.mode) as RunRecord['mode'],
    status: str(r.status) as RunStatus,
    triggerJson: str(r.trigger_json),
    source: str(r.source),
    file: str(r.file),
    error: strOrNull(r.error),
    replayOf: strOrNull(r.replay_of),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    finishedAt: numOrNull(r.finished_at),
  };
}

function toStep(r: Row): StepRecord {
  return {
    runId: str(r.run_id),
    stepId: str(r.step_id),
    item: Number(r.item),
    seq: Number(r.seq),
    kind: str(r.kind) as StepRecord['kind'],
    action: strOrNull(r.action),
    effect: strOrNull(r.effect),
    status: str(r.status) as StepRecord['status'],
    inputJson: strOrNull(r.input_json),
    outputJson: strOrNull(r.output_json),
    error: strOrNull(r.error),
    plan: strOrNull(r.plan),
    attempts: Number(r.attempts),
    idempotencyKey: str(r.idempotency_key),
    startedAt: Number(r.started_at),
    endedAt: Number(r.ended_at),
  };
}

function toAttempt(r: Row): AttemptRecord {
  return {
    runId: str(r.run_id),
    stepId: str(r.step_id),
    item: Number(r.item),
    attempt: Number(r.attempt),
    idempotencyKey: str(r.idempotency_key),
    status: str(r.status) as AttemptRecord['status'],
    inputJson: strOrNull(r.input_json),
    outputJson: strOrNull(r.output_json),
    error: strOrNull(r.error),
    retryable: r.retryable === null || r.retryable === undefined ? null : Number(r.retryable) === 1,
    startedAt: Number(r.started_at),
    endedAt: numOrNull(r.ended_at),
  };
}

function toApproval(r: Row): ApprovalRecord {
  const approvers: unknown = JSON.parse(str(r.approvers_json));
  return {
    runId: str(r.run_id),
    stepId: str(r.step_id),
    prompt: str(r.prompt),
    approvers: Array.isArray(approvers) ? approvers.map(String) : [],
    defaultDecision: str(r.default_decision) as Decision,
    deadline: Number(r.deadline),
    status: str(r.status) as ApprovalRecord['status'],
    decision: strOrNull(r.decision) as Decision | null,
    actor: strOrNull(r.actor),
    decidedAt: numOrNull(r.decided_at),
  };
}
