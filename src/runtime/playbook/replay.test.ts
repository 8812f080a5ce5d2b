import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openSqliteDatabase } from '../store/sqlite-database.js';
import { createActionRegistry } from './action-registry.js';
import { fixturesOf, runFixtures } from './fixtures.js';
import { PlaybookJournal } from './journal-store.js';
import { replayRun } from './replay.js';
import { PlaybookRunner } from './runner.js';
import { compileForTest, startServer, testHttpAction } from './engine-testing.js';

const registry = createActionRegistry([testHttpAction('test.get', 'read'), testHttpAction('test.post', 'write')]);
const book = (url: string, threshold: number) => `name: replayable
trigger: { type: alert_created }
steps:
  - id: score
    action: test.get
    with: { url: "${url}/score", body: { ip: "\${{ alert.source.ip }}" } }
  - id: page
    action: test.post
    if: steps.score.output.body.score > ${threshold}
    with: { url: "${url}/page", body: { text: "score \${{ steps.score.output.body.score }}" } }
  - id: note
    action: test.post
    with: { url: "${url}/note", body: { text: "done" } }
`;

test('replay calls nothing, and shows a changed branch and a changed input', async () => {
  const server = await startServer((r, _n, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(r.path === '/score' ? '{"score":70}' : '{}'));
  const journal = new PlaybookJournal(openSqliteDatabase(':memory:'));
  const runner = new PlaybookRunner({ journal, actions: registry });
  const original = await runner.start(compileForTest(book(server.url, 50), registry), { type: 'alert_created', alert: { source: { ip: '192.0.2.1' } } });
  assert.equal(original.status, 'succeeded');
  assert.equal(server.requests.length, 3);

  const same = await replayRun(journal, runner, original.runId, compileForTest(book(server.url, 50), registry));
  assert.equal(same.replay.mode, 'replay');
  assert.deepEqual(same.differences, []);

  const changed = await replayRun(journal, runner, original.runId, compileForTest(book(server.url, 90).replace('text: "done"', 'text: "finished"'), registry));
  assert.equal(server.requests.length, 3, 'a replay makes no calls');
  assert.deepEqual(
    changed.differences.map((d) => [d.step, d.field, d.before, d.after]),
    [
      ['page', 'status', 'succeeded', 'skipped'],
      ['note', 'input', `{"url":"${server.url}/note","body":{"text":"done"}}`, `{"url":"${server.url}/note","body":{"text":"finished"}}`],
    ],
  );
  await server.close();
});

test('a playbook runs its own fixtures with mocked responses', async () => {
  const text = `${book('http://127.0.0.1:9', 50)}tests:
  - name: high score pages
    alert: { source: { ip: 192.0.2.1 } }
    mocks:
      score: { output: { status: 200, body: { score: 99 } } }
      page: { output: { status: 200, body: null } }
      note: { output: { status: 200, body: null } }
    expect: { status: succeeded, steps: { page: succeeded, note: succeeded } }
  - name: low score does not page
    alert: { source: { ip: 192.0.2.1 } }
    mocks:
      score: { output: { status: 200, body: { score: 1 } } }
      note: { error: "HTTP 500" }
    expect: { status: failed, steps: { page: skipped, note: failed } }
  - name: a wrong expectation fails
    alert: { source: { ip: 192.0.2.1 } }
    mocks:
      score: { output: { status: 200, body: { score: 1 } } }
      note: { output: { status: 200, body: null } }
    expect: { steps: { page: succeeded } }
`;
  const pb = compileForTest(text, registry);
  assert.equal(fixturesOf(pb).length, 3);
  const results = await runFixtures(pb, registry);
  assert.deepEqual(results.map((r) => r.passed), [true, true, false]);
  assert.match(results[2]!.failures[0]!, /step page: expected succeeded, got skipped/);
});
