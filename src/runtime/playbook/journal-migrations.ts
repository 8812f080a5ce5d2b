/** The playbook journal's tables, under the component name `playbooks` (append-only migrations). */
export const PLAYBOOK_MIGRATIONS: readonly string[] = [
  `CREATE TABLE playbook_runs (
     id TEXT PRIMARY KEY, playbook TEXT NOT NULL, version TEXT NOT NULL, mode TEXT NOT NULL, status TEXT NOT NULL,
     trigger_json TEXT NOT NULL, source TEXT NOT NULL, file TEXT NOT NULL, error TEXT, replay_of TEXT,
     created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, finished_at INTEGER) STRICT;
   CREATE INDEX playbook_runs_status ON playbook_runs (status);
   CREATE TABLE playbook_steps (
     run_id TEXT NOT NULL REFERENCES playbook_runs (id) ON DELETE CASCADE, step_id TEXT NOT NULL, item INTEGER NOT NULL,
     seq INTEGER NOT NULL, kind TEXT NOT NULL, action TEXT, effect TEXT, status TEXT NOT NULL,
     input_json TEXT, output_json TEXT, error TEXT, plan TEXT, attempts INTEGER NOT NULL, idempotency_key TEXT NOT NULL,
     started_at INTEGER NOT NULL, ended_at INTEGER NOT NULL, PRIMARY KEY (run_id, step_id, item)) STRICT;
   CREATE TABLE playbook_attempts (
     run_id TEXT NOT NULL REFERENCES playbook_runs (id) ON DELETE CASCADE, step_id TEXT NOT NULL, item INTEGER NOT NULL,
     attempt INTEGER NOT NULL, idempotency_key TEXT NOT NULL, status TEXT NOT NULL, input_json TEXT, output_json TEXT,
     error TEXT, retryable INTEGER, started_at INTEGER NOT NULL, ended_at INTEGER, PRIMARY KEY (run_id, step_id, item, attempt)) STRICT;
   CREATE TABLE playbook_approvals (
     run_id TEXT NOT NULL REFERENCES playbook_runs (id) ON DELETE CASCADE, step_id TEXT NOT NULL, prompt TEXT NOT NULL,
     approvers_json TEXT NOT NULL, default_decision TEXT NOT NULL, deadline INTEGER NOT NULL, status TEXT NOT NULL,
     decision TEXT, actor TEXT, decided_at INTEGER, PRIMARY KEY (run_id, step_id)) STRICT;
   CREATE INDEX playbook_approvals_status ON playbook_approvals (status);
   CREATE TABLE playbook_logs (
     run_id TEXT NOT NULL REFERENCES playbook_runs (id) ON DELETE CASCADE, step_id TEXT, at INTEGER NOT NULL,
     message TEXT NOT NULL, fields_json TEXT) STRICT;
   CREATE INDEX playbook_logs_run ON playbook_logs (run_id);`,
];
