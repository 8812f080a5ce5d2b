import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connectorsConfigSchema } from '../../../core/respond/connectors-config.js';
import { reply, startHttpServer, type LocalHttpServer } from '../testing/local-http-server.js';
import { testContext } from '../testing/action-context.js';
import { defineTeamsPostMessage } from './post-message.js';

describe('teams.post_message against a local incoming-webhook server', () => {
  let server: LocalHttpServer;
  before(async () => {
    // Legacy connectors answer 200 "1"; Workflows webhooks answer 202 with an empty body.
    server = await startHttpServer((req, res) => {
      if (req.path === '/workflow') {
        res.writeHead(202);
        res.end();
        return;
      }
      reply(res, 200, '1');
    });
  });
  after(() => server.close());
  const action = defineTeamsPostMessage({ config: connectorsConfigSchema.parse({}), now: Date.now });

  it('sends an Adaptive Card in a message attachment', async () => {
    const out = await action.run(
      action.input.parse({ title: 'Compromise: alice', text: 'Success after 12 failures', facts: [{ name: 'Source', value: '203.0.113.5' }] }),
      testContext({ TEAMS_WEBHOOK_URL: `${server.url}/workflow` }),
    );
    assert.equal(out.status, 202);
    const body = JSON.parse(server.requests.at(-1)!.body) as { type: string; attachments: { contentType: string; content: { type: string; version: string; body: unknown[] } }[] };
    assert.equal(body.type, 'message');
    assert.equal(body.attachments[0]!.contentType, 'application/vnd.microsoft.card.adaptive');
    assert.equal(body.attachments[0]!.content.type, 'AdaptiveCard');
    assert.deepEqual(body.attachments[0]!.content.body, [
      { type: 'TextBlock', text: 'Compromise: alice', weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: 'Success after 12 failures', wrap: true },
      { type: 'FactSet', facts: [{ title: 'Source', value: '203.0.113.5' }] },
    ]);
  });

  it('sends a MessageCard for legacy connectors', async () => {
    const out = await action.run(action.input.parse({ title: 'T', text: '${7*7}', format: 'messagecard', facts: [{ name: 'a', value: 'b' }] }), testContext({ TEAMS_WEBHOOK_URL: `${server.url}/legacy` }));
    assert.equal(out.status, 200);
    assert.deepEqual(JSON.parse(server.requests.at(-1)!.body), {
      '@type': 'MessageCard',
      '@context': 'https://schema.org/extensions',
      summary: 'T',
      themeColor: 'D7263D',
      title: 'T',
      text: '${7*7}',
      sections: [{ facts: [{ name: 'a', value: 'b' }] }],
    });
  });

  it('plans one line', () => {
    assert.equal(action.plan(action.input.parse({ title: 'Hi' })), 'post an Adaptive Card titled "Hi" with 0 facts to the Teams webhook TEAMS_WEBHOOK_URL');
  });
});
