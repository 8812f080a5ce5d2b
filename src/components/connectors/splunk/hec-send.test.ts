import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ActionFailure } from '../../../core/respond/action.js';
import { connectorsConfigSchema } from '../../../core/respond/connectors-config.js';
import { reply, startHttpServer, type LocalHttpServer } from '../testing/local-http-server.js';
import { testContext } from '../testing/action-context.js';
import { defineSplunkHecSend } from './hec-send.js';

const TOKEN = '11111111-2222-3333-4444-555555555555';

/** Splits HEC's concatenated JSON objects (it accepts them with or without separators). */
function hecEvents(body: string): unknown[] {
  return body.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as unknown);
}

describe('splunk.hec_send against a local HEC endpoint', () => {
  let server: LocalHttpServer;
  before(async () => {
    // Answers as Splunk does: 401 code 2/4 for a bad token, 400 code 6 for bad data, 503 code 9 when busy.
    server = await startHttpServer((req, res) => {
      if (req.path !== '/hec/services/collector/event') { reply(res, 404, { text: 'Not found', code: 404 }); return; }
      if (req.headers.authorization !== `Splunk ${TOKEN}`) { reply(res, 403, { text: 'Invalid token', code: 4 }); return; }
      const events = hecEvents(req.body) as { event?: { busy?: boolean } }[];
      if (events.some((e) => e.event?.busy === true)) { reply(res, 503, { text: 'Server is busy', code: 9 }, { 'retry-after': '2' }); return; }
      if (events.some((e) => e.event === undefined)) { reply(res, 400, { text: 'Event field is required', code: 12 }); return; }
      reply(res, 200, { text: 'Success', code: 0 });
    });
  });
  after(() => server.close());
  const make = () => defineSplunkHecSend({ config: connectorsConfigSchema.parse({ splunk: { url: `${server.url}/hec`, index: 'security' } }), now: Date.now });

  it('sends each event in the HEC envelope with the Splunk token', async () => {
    const a = make();
    const out = await a.run(a.input.parse({ events: [{ rule: 'brute_force', ip: '203.0.113.5' }, { rule: 'x' }], time: 1764298800.5, host: 'web-1' }), testContext({ SPLUNK_HEC_TOKEN: TOKEN }));
    assert.deepEqual(out, { sent: 2 });
    const seen = server.requests.at(-1)!;
    assert.equal(seen.headers.authorization, `Splunk ${TOKEN}`);
    assert.deepEqual(hecEvents(seen.body), [
      { time: 1764298800.5, host: 'web-1', source: 'vigil', sourcetype: 'vigil:alert', index: 'security', event: { rule: 'brute_force', ip: '203.0.113.5' } },
      { time: 1764298800.5, host: 'web-1', source: 'vigil', sourcetype: 'vigil:alert', index: 'security', event: { rule: 'x' } },
    ]);
  });

  it('maps a bad token to a non-retryable failure without the token', async () => {
    const a = make();
    await assert.rejects(a.run(a.input.parse({ events: [{}] }), testContext({ SPLUNK_HEC_TOKEN: 'wrong-token-value' })), (e: unknown) => {
      assert.ok(e instanceof ActionFailure && !e.retryable && /HTTP 403/.test(e.message));
      assert.ok(!e.message.includes('wrong-token-value'));
      return true;
    });
  });

  it('maps "server busy" (503) to a retryable failure with Retry-After', async () => {
    const a = make();
    await assert.rejects(a.run(a.input.parse({ events: [{ busy: true }] }), testContext({ SPLUNK_HEC_TOKEN: TOKEN })), (e: unknown) => e instanceof ActionFailure && e.retryable && e.retryAfterMs === 2000);
  });

  it('fails without a configured URL, and plans one line', async () => {
    const unconfigured = defineSplunkHecSend({ config: connectorsConfigSchema.parse({}), now: Date.now });
    await assert.rejects(unconfigured.run({ events: [{}] }, testContext({ SPLUNK_HEC_TOKEN: TOKEN })), /connectors.splunk.url is not configured/);
    assert.equal(make().plan({ events: [1, 2, 3] }), `send 3 event(s) to Splunk HEC ${server.url}/hec as sourcetype vigil:alert in index security, token SPLUNK_HEC_TOKEN`);
  });
});
