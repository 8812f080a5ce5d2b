import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ActionFailure } from '../../core/respond/action.js';
import { testContext } from './testing/action-context.js';
import { httpConnectorCases } from './testing/http-connector-cases.js';
import { reply, startHttpServer, type LocalHttpServer } from './testing/local-http-server.js';

const TIMEOUT_MS = 300;

/**
 * Every HTTP-based connector against one real server whose first path segment picks a failure:
 * a server that never answers, 429 with Retry-After, 5xx, 4xx and an oversized answer.
 */
describe('HTTP connectors: failure modes against a real server', () => {
  let server: LocalHttpServer;
  before(async () => {
    server = await startHttpServer((req, res) => {
      const mode = req.path.split('/')[1] ?? '';
      switch (mode) {
        case 'hang':
          return;
        case 'rate':
          { reply(res, 429, 'Too Many Requests', { 'retry-after': '3' }); return; }
        case 'down':
          { reply(res, 502, 'Bad Gateway'); return; }
        case 'bad':
          { reply(res, 400, { error: 'invalid payload' }); return; }
        case 'big':
          { reply(res, 200, 'z'.repeat(50_000)); return; }
        default:
          { reply(res, 500, 'unknown mode'); return; }
      }
    });
  });
  after(() => server.close());

  const scenarios: { mode: string; check: (f: ActionFailure, ms: number) => void }[] = [
    { mode: 'hang', check: (f, ms) => { assert.equal(f.retryable, true); assert.match(f.message, /within 300 ms/); assert.ok(ms >= TIMEOUT_MS - 20 && ms < TIMEOUT_MS + 2500, `${ms} ms`); } },
    { mode: 'rate', check: (f) => { assert.equal(f.retryable, true); assert.equal(f.retryAfterMs, 3000); } },
    { mode: 'down', check: (f) => { assert.equal(f.retryable, true); assert.match(f.message, /HTTP 502/); } },
    { mode: 'bad', check: (f) => { assert.equal(f.retryable, false); assert.match(f.message, /HTTP 400/); } },
    { mode: 'big', check: (f) => { assert.equal(f.retryable, false); assert.match(f.message, /exceeds the limit of 4096/); } },
  ];

  for (const { mode, check } of scenarios) {
    it(`maps "${mode}" correctly for every HTTP connector`, async () => {
      const cases = httpConnectorCases(`${server.url}/${mode}`, TIMEOUT_MS);
      assert.equal(cases.length, 7);
      await Promise.all(
        cases.map(async (c) => {
          const started = performance.now();
          try {
            await c.action.run(c.action.input.parse(c.input), testContext(c.secrets));
          } catch (error) {
            assert.ok(error instanceof ActionFailure, `${c.action.id}: ${String(error)}`);
            check(error, performance.now() - started);
            assert.ok(error.message.startsWith(c.action.id), `${c.action.id}: ${error.message}`);
            return;
          }
          assert.fail(`${c.action.id} succeeded in mode ${mode}`);
        }),
      );
    });
  }

  it('maps a refused connection to a retryable failure for every HTTP connector', async () => {
    const s = net.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const { port } = s.address() as net.AddressInfo;
    await new Promise<void>((r) => s.close(() => { r(); }));
    for (const c of httpConnectorCases(`http://127.0.0.1:${port}`, TIMEOUT_MS)) {
      await assert.rejects(c.action.run(c.action.input.parse(c.input), testContext(c.secrets)), (e: unknown) => e instanceof ActionFailure && e.retryable && /ECONNREFUSED/.test(e.message), c.action.id);
    }
  });
});
