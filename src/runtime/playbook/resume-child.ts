/**
 * A runner process for the kill-and-resume test (`resume.test.ts` forks it): `start` begins a run
 * that waits for approval in-process; `resume` resumes every interrupted run, as a restarted
 * runner does. Not part of the product.
 */
import { openSqliteDatabase } from '../store/sqlite-database.js';
import { createActionRegistry } from './action-registry.js';
import { PlaybookJournal } from './journal-store.js';
import { PlaybookRunner } from './runner.js';
import { compileForTest, testHttpAction } from './engine-testing.js';

const [mode, dbPath, url] = process.argv.slice(2);
const actions = createActionRegistry([testHttpAction('test.post', 'write'), testHttpAction('test.block', 'destructive')]);
const runner = new PlaybookRunner({ journal: new PlaybookJournal(openSqliteDatabase(dbPath!)), actions, approvalPollMs: 20 });
const book = `name: kill-resume
trigger: { type: alert_created }
steps:
  - id: notify
    action: test.post
    with: { url: "${url}/notify" }
  - id: ask
    approval: { prompt: "Block \${{ alert.source.ip }}?", timeout: 1h, default: reject }
  - id: block
    action: test.block
    if: steps.ask.decision == 'approve'
    with: { url: "${url}/block", body: { ip: "\${{ alert.source.ip }}" } }
`;

async function main(): Promise<void> {
  if (mode === 'start') {
    await runner.start(compileForTest(book, actions), { type: 'alert_created', alert: { source: { ip: '192.0.2.44' } } }, { waitForApprovals: true });
    process.send?.({ unexpected: 'the run finished before it was killed' });
  } else {
    const results = await runner.resumeAll({ waitForApprovals: true });
    process.send?.({ results });
  }
}

void main();
