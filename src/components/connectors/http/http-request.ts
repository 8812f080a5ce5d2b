import { z } from 'zod';
import { ActionFailure, type ActionDefinition } from '../../../core/respond/action.js';
import { describeUrl, type ConnectorDeps } from '../connector-deps.js';
import { signatureHeaders } from './hmac-signature.js';
import { sendHttp } from './http-client.js';
import { requireSecret } from './json-exchange.js';
import type { ActionContext } from '../../../core/respond/action.js';
import { headersSchema, targetUrlSchema } from './http-schemas.js';

/** The key `sign: true` signs with (HMAC-SHA256 over timestamp and body). */
export const SIGNING_KEY_SECRET = 'WEBHOOK_SIGNING_KEY';

const input = z.strictObject({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST'),
  url: targetUrlSchema,
  headers: headersSchema,
  /** Sent as the JSON body; absent for no body. */
  json: z.unknown().optional(),
  sign: z.boolean().default(false),
});

const output = z.strictObject({
  status: z.number().int(),
  content_type: z.string().optional(),
  /** The body parsed as JSON when the server said it was JSON. */
  json: z.unknown().optional(),
  /** The body as text otherwise. */
  text: z.string().optional(),
});

export type HttpRequestInput = z.infer<typeof input>;
export type HttpRequestOutput = z.infer<typeof output>;

/** `http.request`: one JSON request to any http(s) URL, optionally signed. */
export function defineHttpRequest(deps: ConnectorDeps): ActionDefinition<HttpRequestInput, HttpRequestOutput> {
  return {
    id: 'http.request',
    summary: 'Send an HTTP request with an optional JSON body and HMAC-SHA256 signature',
    effect: 'write',
    input,
    output,
    secrets: deps.config.http.signing ? [SIGNING_KEY_SECRET] : [],
    plan: (i) => {
      const body = i.json === undefined ? 'no body' : `JSON body of ${Buffer.byteLength(JSON.stringify(i.json))} bytes`;
      const headers = Object.keys(i.headers);
      return `${i.method} ${describeUrl(new URL(i.url))} with ${body}${headers.length ? `, headers ${headers.join(', ')}` : ''}${i.sign ? `, signed with ${SIGNING_KEY_SECRET}` : ''}`;
    },
    run: async (i, context) => {
      const body = i.json === undefined ? undefined : JSON.stringify(i.json);
      const headers: Record<string, string> = { accept: 'application/json', ...i.headers };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (i.method !== 'GET') headers['idempotency-key'] = context.idempotencyKey;
      if (i.sign) {
        const key = signingKey(deps, context, 'http.request');
        Object.assign(headers, signatureHeaders(key, Math.floor(deps.now() / 1000), body ?? ''));
      }
      const url = new URL(i.url);
      const response = await sendHttp(
        { method: i.method, url, target: `http.request ${i.method} ${describeUrl(url)}`, headers, ...(body === undefined ? {} : { body }) },
        context,
        deps.config.http,
        deps.now,
      );
      const contentType = response.headers['content-type'];
      const text = response.body.toString('utf8');
      const base = { status: response.status, ...(contentType === undefined ? {} : { content_type: contentType }) };
      if (contentType !== undefined && /^application\/([a-z.+-]*\+)?json\b/i.test(contentType) && text !== '') {
        try {
          return { ...base, json: JSON.parse(text) as unknown };
        } catch {
          throw new ActionFailure(`http.request ${describeUrl(url)}: the response says JSON but is not`, { retryable: false });
        }
      }
      return { ...base, text };
    },
  };
}

/** The signing key, when signing is configured and the secret set; a non-retryable failure otherwise. */
export function signingKey(deps: ConnectorDeps, context: ActionContext, actionId: string): string {
  if (!deps.config.http.signing) throw new ActionFailure(`${actionId}: signing is off (set connectors.http.signing: true and the ${SIGNING_KEY_SECRET} secret)`, { retryable: false });
  return requireSecret(context, SIGNING_KEY_SECRET, actionId);
}
