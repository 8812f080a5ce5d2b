import { readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { parse as parseYaml } from 'yaml';
import { compileStandingPolicy, playbookConfigSchema, type CompiledPlaybook, type PlaybookConfig, type PlaybookIssue } from '../../core/playbook/index.js';
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
  /** `vigil.yml`: its `playbooks` and `connectors` sections are used. */
  readonly configPath?: string;
  /** Extra playbook folders (after the bundled ones and the config's). */
  readonly dirs?: readonly string[];
  readonly withBundled?: boolean;
  readonly secretsFile?: string;
  readonly ports?: { readonly cases: CasePort; readonly intel: IntelPort };
  readonly log?: RunLogSink;
  /** An open database to share (the integrator's); `dbPath` is then ignored. */
  readonly db?: Database.Database;
}

const MAX_CONFIG_BYTES = 1024 * 1024;

function readSections(path: string | undefined): { playbooks: unknown; connectors: unknown } {
  if (path === undefined) return { playbooks: undefined, connectors: undefined };
  let raw: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    if (text.length > MAX_CONFIG_BYTES) throw new Error('larger than 1 MiB');
    raw = parseYaml(text, { maxAliasCount: 100 });
  } catch (cause) {
    throw new VigilError('INVALID_CONFIG', `cannot read the configuration ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  const obj = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  return { playbooks: obj.playbooks, connectors: obj.connectors };
}

/** Opens the journal, builds the action registry and the runner, and loads the playbooks. */
export function openPlaybookSession(options: SessionOptions): PlaybookSession {
  const sections = readSections(options.configPath);
  const parsed = playbookConfigSchema.safeParse(sections.playbooks ?? {});
  if (!parsed.success) {
    throw new VigilError('INVALID_CONFIG', `the playbooks configuration is invalid:\n  ${parsed.error.issues.map((i) => `playbooks.${i.path.join('.')}: ${i.message}`).join('\n  ')}`);
  }
  const config = parsed.data;
  const policy = compileStandingPolicy(config.policy);
  if (!policy.ok) throw new VigilError('INVALID_CONFIG', policy.error.join('\n'));
  const registry = defaultActionRegistry({
    ...(sections.connectors === undefined ? {} : { connectors: sections.connectors as NonNullable<Parameters<typeof defaultActionRegistry>[0]>['connectors'] }),
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
