import { z } from 'zod';
import type { ActionDefinition } from '../../../core/respond/action.js';
import { describeUrl, type ConnectorDeps } from '../connector-deps.js';
import { signatureHeaders } from './hmac-signature.js';
import { SIGNING_KEY_SECRET, signingKey } from './http-request.js';
import { postJson } from './json-exchange.js';
import { targetUrlSchema } from './http-schemas.js';

const input = z.strictObject({
  url: targetUrlSchema,
  /** Any JSON value, sent as the body. */
  payload: z.unknown(),
  sign: z.boolean().default(false),
});
const output = z.strictObject({ status: z.number().int() });

export type WebhookPostInput = z.infer<typeof input>;

/** `webhook.post`: POST a JSON payload to a webhook receiver, optionally signed. */
export function defineWebhookPost(deps: ConnectorDeps): ActionDefinition<WebhookPostInput, z.infer<typeof output>> {
  return {
    id: 'webhook.post',
    summary: 'POST a JSON payload to a webhook, optionally signed with HMAC-SHA256',
    effect: 'write',
    input,
    output,
    secrets: deps.config.http.signing ? [SIGNING_KEY_SECRET] : [],
    plan: (i) =>
      `POST ${describeUrl(new URL(i.url))} with a JSON payload of ${Buffer.byteLength(JSON.stringify(i.payload ?? null))} bytes${i.sign ? `, signed with ${SIGNING_KEY_SECRET}` : ''}`,
    run: async (i, context) => {
      const body = JSON.stringify(i.payload ?? null);
      const headers: Record<string, string> = { 'idempotency-key': context.idempotencyKey };
      if (i.sign) Object.assign(headers, signatureHeaders(signingKey(deps, context, 'webhook.post'), Math.floor(deps.now() / 1000), body));
      const url = new URL(i.url);
      const response = await postJson({ url, target: `webhook.post ${describeUrl(url)}`, payload: body, contentType: 'application/json', headers }, context, deps.config.http, deps.now);
      return { status: response.status };
    },
  };
}
