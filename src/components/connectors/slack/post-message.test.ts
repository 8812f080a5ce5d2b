import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ActionFailure } from '../../../core/respond/action.js';
import { connectorsConfigSchema } from '../../../core/respond/connectors-config.js';
import { reply, startHttpServer, type LocalHttpServer } from '../testing/local-http-server.js';
import { testContext } from '../testing/action-context.js';
import { defineSlackPostMessage } from './post-message.js';

describe('slack.post_message against a local incoming-webhook server', () => {
  let server: LocalHttpServer;
  before(async () => {
    // Slack answers 200 "ok", and 4xx with a short error code (invalid_payload, no_service …).
    server = await startHttpServer((req, res) => {
      if (req.path.startsWith('/services/T000/B000/')) { reply(res, 200, 'ok'); return; }
      reply(res, 404, 'no_service');
    });
  });
  after(() => server.close());
  const action = defineSlackPostMessage({ config: connectorsConfigSchema.parse({}), now: Date.now });

  it('posts the text as JSON to the webhook URL from the secret', async () => {
    const hook = `${server.url}/services/T000/B000/XXXXsecretXXXX`;
    const out = await action.run(action.input.parse({ text: 'Brute force from 203.0.113.5', blocks: [{ type: 'divider' }] }), testContext({ SLACK_WEBHOOK_URL: hook }));
    assert.equal(out.status, 200);
    const seen = server.requests.at(-1)!;
    assert.equal(seen.path, '/services/T000/B000/XXXXsecretXXXX');
    assert.deepEqual(JSON.parse(seen.body), { text: 'Brute force from 203.0.113.5', blocks: [{ type: 'divider' }] });
  });

  it('escapes Slack control sequences so alert data cannot ping the channel', async () => {
    await action.run(action.input.parse({ text: 'user <!channel> & <@U123> ${7*7} {{7*7}}' }), testContext({ SLACK_WEBHOOK_URL: `${server.url}/services/T000/B000/x` }));
    assert.equal((JSON.parse(server.requests.at(-1)!.body) as { text: string }).text, 'user &lt;!channel&gt; &amp; &lt;@U123&gt; ${7*7} {{7*7}}');
  });

  it('fails without retry on a 404 and never names the webhook URL', async () => {
    const hook = `${server.url}/services/WRONG/hook-token-8812`;
    await assert.rejects(action.run(action.input.parse({ text: 'x' }), testContext({ SLACK_WEBHOOK_URL: hook })), (e: unknown) => {
      assert.ok(e instanceof ActionFailure);
      assert.equal(e.retryable, false);
      assert.match(e.message, /HTTP 404: no_service/);
      assert.ok(!e.message.includes('hook-token-8812') && !e.message.includes(hook));
      return true;
    });
  });

  it('fails clearly when the secret is missing or not a URL', async () => {
    await assert.rejects(action.run({ text: 'x' }, testContext()), /SLACK_WEBHOOK_URL is not set/);
    await assert.rejects(action.run({ text: 'x' }, testContext({ SLACK_WEBHOOK_URL: 'not a url at all' })), (e: unknown) => e instanceof Error && /is not a URL/.test(e.message) && !e.message.includes('not a url at all'));
  });

  it('plans one line naming the secret, not its value', () => {
    assert.equal(action.plan({ text: 'hello' }), 'post a 5-character message to the Slack webhook SLACK_WEBHOOK_URL');
  });
});
