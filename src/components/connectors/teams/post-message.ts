import { z } from 'zod';
import type { ActionDefinition } from '../../../core/respond/action.js';
import type { ConnectorDeps } from '../connector-deps.js';
import { postJson, requireSecret, secretUrl } from '../http/json-exchange.js';

/** The incoming-webhook (or Workflows) URL; it is a bearer credential, so it is a secret. */
export const TEAMS_WEBHOOK_SECRET = 'TEAMS_WEBHOOK_URL';

const fact = z.strictObject({ name: z.string().min(1).max(200), value: z.string().max(2000) });
const input = z.strictObject({
  title: z.string().min(1).max(500),
  text: z.string().max(20_000).default(''),
  facts: z.array(fact).max(50).default([]),
  /** `adaptive` for Workflows webhooks and new connectors, `messagecard` for legacy Office 365 connectors. */
  format: z.enum(['adaptive', 'messagecard']).default('adaptive'),
  /** Accent colour of a MessageCard, hex without `#`. */
  theme_color: z.string().regex(/^[0-9A-Fa-f]{6}$/).default('D7263D'),
});
const output = z.strictObject({ status: z.number().int() });

export type TeamsPostMessageInput = z.infer<typeof input>;

/** The body Teams expects for each card format. */
export function teamsPayload(i: TeamsPostMessageInput): unknown {
  if (i.format === 'messagecard') {
    return {
      '@type': 'MessageCard',
      '@context': 'https://schema.org/extensions',
      summary: i.title,
      themeColor: i.theme_color,
      title: i.title,
      ...(i.text === '' ? {} : { text: i.text }),
      ...(i.facts.length ? { sections: [{ facts: i.facts }] } : {}),
    };
  }
  const body: unknown[] = [{ type: 'TextBlock', text: i.title, weight: 'Bolder', size: 'Medium', wrap: true }];
  if (i.text !== '') body.push({ type: 'TextBlock', text: i.text, wrap: true });
  if (i.facts.length) body.push({ type: 'FactSet', facts: i.facts.map((f) => ({ title: f.name, value: f.value })) });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body },
      },
    ],
  };
}

/** `teams.post_message`: an Adaptive Card or MessageCard through a Teams incoming webhook. */
export function defineTeamsPostMessage(deps: ConnectorDeps): ActionDefinition<TeamsPostMessageInput, z.infer<typeof output>> {
  return {
    id: 'teams.post_message',
    summary: 'Post a card to Microsoft Teams through an incoming webhook',
    effect: 'write',
    input,
    output,
    secrets: [TEAMS_WEBHOOK_SECRET],
    plan: (i) => `post ${i.format === 'adaptive' ? 'an Adaptive Card' : 'a MessageCard'} titled ${JSON.stringify(i.title.slice(0, 80))} with ${i.facts.length} facts to the Teams webhook ${TEAMS_WEBHOOK_SECRET}`,
    run: async (i, context) => {
      const url = secretUrl(requireSecret(context, TEAMS_WEBHOOK_SECRET, 'teams.post_message'), TEAMS_WEBHOOK_SECRET, 'teams.post_message');
      const response = await postJson({ url, target: `teams.post_message (webhook ${TEAMS_WEBHOOK_SECRET})`, payload: teamsPayload(i) }, context, deps.config.http, deps.now);
      return { status: response.status };
    },
  };
}
