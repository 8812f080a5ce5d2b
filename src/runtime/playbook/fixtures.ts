import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { fixtureSchema, type CompiledPlaybook, type PlaybookFixture } from '../../core/playbook/index.js';
import { VigilError } from '../../lib/errors.js';
import { openSqliteDatabase } from '../store/sqlite-database.js';
import type { ActionRegistry } from './action-registry.js';
import { PlaybookJournal } from './journal-store.js';
import type { CannedResponse, ResponseSource } from './run-context.js';
import { PlaybookRunner } from './runner.js';

/** The result of one fixture: passed, or the expectations that did not hold. */
export interface FixtureResult {
  readonly playbook: string;
  readonly fixture: string;
  readonly passed: boolean;
  readonly failures: readonly string[];
}

/** A playbook's fixtures: its `tests:` section plus a sibling `<file>.tests.yml` list, if any. */
export function fixturesOf(pb: CompiledPlaybook): PlaybookFixture[] {
  const sibling = pb.file.replace(/\.ya?ml$/, '.tests.yml');
  const extra: PlaybookFixture[] = [];
  if (sibling !== pb.file && existsSync(sibling)) {
    const parsed = z.array(fixtureSchema).max(200).safeParse(parseYaml(readFileSync(sibling, 'utf8'), { maxAliasCount: 100 }));
    if (!parsed.success) throw new VigilError('INVALID_CONFIG', `${sibling}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, { location: { file: sibling } });
    extra.push(...parsed.data);
  }
  return [...pb.playbook.tests, ...extra];
}

function mockSource(f: PlaybookFixture): ResponseSource {
  return {
    response: (stepId): CannedResponse | undefined => {
      const m = f.mocks[stepId];
      if (m === undefined) return undefined;
      return 'output' in m ? { k: 'output', output: m.output } : { k: 'error', message: m.error, retryable: m.retryable };
    },
    decision: (stepId) => {
      const d = f.approvals[stepId];
      return d === undefined || d === 'timeout' ? d : { decision: d, actor: 'fixture' };
    },
  };
}

/** Runs each fixture in a fresh in-memory journal, with mocked responses; no action is called. */
export async function runFixtures(pb: CompiledPlaybook, actions: ActionRegistry): Promise<FixtureResult[]> {
  const results: FixtureResult[] = [];
  for (const f of fixturesOf(pb)) {
    const db = openSqliteDatabase(':memory:');
    try {
      const runner = new PlaybookRunner({ journal: new PlaybookJournal(db), actions, clock: { now: () => 0 } });
      const r = await runner.start(pb, { type: pb.playbook.trigger.type, ...(f.alert === undefined ? {} : { alert: f.alert }), ...(f.case === undefined ? {} : { case: f.case }), inputs: f.inputs }, { mode: 'test', responses: mockSource(f) });
      const failures: string[] = [];
      if (f.expect.status !== undefined && f.expect.status !== r.status) failures.push(`run: expected ${f.expect.status}, got ${r.status}${r.error === null ? '' : ` (${r.error})`}`);
      for (const [stepId, want] of Object.entries(f.expect.steps)) {
        const got = r.steps.find((s) => s.stepId === stepId && s.item === -1);
        if (got?.status !== want) failures.push(`step ${stepId}: expected ${want}, got ${got?.status ?? 'not run'}${got?.error == null ? '' : ` (${got.error})`}`);
      }
      results.push({ playbook: pb.playbook.name, fixture: f.name, passed: failures.length === 0, failures });
    } finally {
      db.close();
    }
  }
  return results;
}
