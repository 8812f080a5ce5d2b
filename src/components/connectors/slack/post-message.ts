import { z } from 'zod';
import type { ActionDefinition } from '../../../core/respond/action.js';
import type { ConnectorDeps } from '../connector-deps.js';
import { postJson, requireSecret, secretUrl } from '../http/json-exchange.js';

/** The incoming-webhook URL; it is a bearer credential, so it is a secret. */
export const SLACK_WEBHOOK_SECRET = 'SLACK_WEBHOOK_URL';

const input = z.strictObject({
  text: z.string().min(1).max(40_000),
  /** Block Kit blocks, passed through as JSON. */
  blocks: z.array(z.record(z.string(), z.unknown())).max(50).optional(),
});
const output = z.strictObject({ status: z.number().int() });

export type SlackPostMessageInput = z.infer<typeof input>;

/**
 * Slack's control sequences (`<!channel>`, `<@U123>`, links) start with `<`; escaping `&`, `<` and
 * `>` as Slack documents makes alert data print literally instead of pinging the whole channel.
 */
export function escapeSlackText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** `slack.post_message`: a message through a Slack incoming webhook. */
export function defineSlackPostMessage(deps: ConnectorDeps): ActionDefinition<SlackPostMessageInput, z.infer<typeof output>> {
  return {
    id: 'slack.post_message',
    summary: 'Post a message to Slack through an incoming webhook',
    effect: 'write',
    input,
    output,
    secrets: [SLACK_WEBHOOK_SECRET],
    plan: (i) => `post a ${i.text.length}-character message${i.blocks ? ` with ${i.blocks.length} blocks` : ''} to the Slack webhook ${SLACK_WEBHOOK_SECRET}`,
    run: async (i, context) => {
      const url = secretUrl(requireSecret(context, SLACK_WEBHOOK_SECRET, 'slack.post_message'), SLACK_WEBHOOK_SECRET, 'slack.post_message');
      const payload = { text: escapeSlackText(i.text), ...(i.blocks ? { blocks: i.blocks } : {}) };
      const response = await postJson({ url, target: `slack.post_message (webhook ${SLACK_WEBHOOK_SECRET})`, payload }, context, deps.config.http, deps.now);
      return { status: response.status };
    },
  };
}
