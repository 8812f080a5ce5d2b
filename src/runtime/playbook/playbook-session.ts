import type Database from 'better-sqlite3';
import type { ConnectorsConfig } from '../../core/respond/connectors-config.js';
import { compileStandingPolicy, type CompiledPlaybook, type PlaybookConfig, type PlaybookIssue } from '../../core/playbook/index.js';
import { VigilError } from '../../lib/errors.js';
import { openSqliteDatabase } from '../store/sqlite-database.js';
import type { ActionRegistry } from './action-registry.js';
import type { CasePort, IntelPort } from './actions/ports.js';
import { defaultActionRegistry } from './default-registry.js';
import { PlaybookJournal } from './journal-store.js';
import { BUNDLED_PLAYBOOKS_DIR, loadPlaybooks } from './load-playbooks.js';
import type { RunLogSink } from './run-context.js';
import { PlaybookRunner } from './runner.js';
import { loadSecretSource } from './secrets.js';

/** Everything a command needs to run playbooks: journal, actions, runner and the loaded playbooks. */
export interface PlaybookSession {
  readonly db: Database.Database;
  readonly journal: PlaybookJournal;
  readonly registry: ActionRegistry;
  readonly runner: PlaybookRunner;
  readonly config: PlaybookConfig;
  readonly playbooks: readonly CompiledPlaybook[];
  readonly issues: readonly PlaybookIssue[];
  readonly dirs: readonly string[];
  close(): void;
}

export interface SessionOptions {
  readonly dbPath: string;
  /** The `playbooks` and `connectors` sections of `vigil.yml`, validated (`loadVigilConfig`). */
  readonly config: { readonly playbooks: PlaybookConfig; readonly connectors: ConnectorsConfig };
  /** Extra playbook folders (after the bundled ones and the config's). */
  readonly dirs?: readonly string[];
  readonly withBundled?: boolean;
  readonly secretsFile?: string;
  readonly ports?: { readonly cases: CasePort; readonly intel: IntelPort };
  readonly log?: RunLogSink;
  /** An open database to share (the integrator's); `dbPath` is then ignored. */
  readonly db?: Database.Database;
}

/** Opens the journal, builds the action registry and the runner, and loads the playbooks. */
export function openPlaybookSession(options: SessionOptions): PlaybookSession {
  const config = options.config.playbooks;
  const policy = compileStandingPolicy(config.policy);
  if (!policy.ok) throw new VigilError('INVALID_CONFIG', policy.error.join('\n'));
  const registry = defaultActionRegistry({
    connectors: options.config.connectors,
    ...(options.ports === undefined ? {} : { ports: options.ports }),
  });
  const secrets = loadSecretSource(process.env, options.secretsFile);
  const db = options.db ?? openSqliteDatabase(options.dbPath);
  const journal = new PlaybookJournal(db);
  const runner = new PlaybookRunner({ journal, actions: registry, secrets, policy: policy.value, approvalPollMs: config.approvalPollMs, ...(options.log === undefined ? {} : { log: options.log }) });
  const dirs = [...(options.withBundled === false ? [] : [BUNDLED_PLAYBOOKS_DIR]), ...config.dirs, ...(options.dirs ?? [])];
  const { playbooks, issues } = loadPlaybooks(dirs, registry.lookup);
  return {
    db,
    journal,
    registry,
    runner,
    config,
    playbooks,
    issues,
    dirs,
    close: () => {
      if (options.db === undefined) db.close();
    },
  };
}
