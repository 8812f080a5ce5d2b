import type { z } from 'zod';
import { ActionFailure } from '../../../core/respond/action.js';
import { secretRedactor } from '../redact.js';
import { sendHttp, type HttpContext, type HttpLimits, type HttpResponse } from './http-client.js';

/** A JSON POST as most connectors send it. */
export interface JsonPost {
  readonly url: URL;
  readonly target: string;
  readonly payload: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly contentType?: string;
}

/** Posts a JSON payload (or pre-serialized text with `contentType`) and returns the 2xx response. */
export function postJson(post: JsonPost, context: HttpContext, limits: HttpLimits, now?: () => number): Promise<HttpResponse> {
  const body = typeof post.payload === 'string' && post.contentType !== undefined ? post.payload : JSON.stringify(post.payload);
  return sendHttp(
    { method: 'POST', url: post.url, target: post.target, headers: { 'content-type': post.contentType ?? 'application/json', ...post.headers }, body },
    context,
    limits,
    now,
  );
}

/**
 * Reads a response body as JSON and validates it with `schema`: a server answering something else
 * is a non-retryable failure (a retry would not change its mind).
 */
export function readJsonBody<T>(response: HttpResponse, schema: z.ZodType<T>, target: string, context: HttpContext): T {
  let raw: unknown;
  try {
    raw = JSON.parse(response.body.toString('utf8'));
  } catch {
    throw new ActionFailure(`${target}: the response is not JSON`, { retryable: false });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first === undefined ? '' : ` at ${first.path.join('.') || '(top)'}: ${first.message}`;
    throw new ActionFailure(secretRedactor(context.secrets)(`${target}: unexpected response${where}`), { retryable: false });
  }
  return parsed.data;
}

/** The secret an action declared, or a non-retryable failure naming it (never its value). */
export function requireSecret(context: HttpContext, name: string, actionId: string): string {
  const secret = context.secrets.get(name);
  if (secret === undefined) throw new ActionFailure(`${actionId}: the secret ${name} is not set (VIGIL_SECRET_${name})`, { retryable: false });
  return secret.reveal();
}

/** Parses a URL that is itself a secret (a webhook URL), without ever quoting it. */
export function secretUrl(value: string, name: string, actionId: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ActionFailure(`${actionId}: the secret ${name} is not a URL`, { retryable: false });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ActionFailure(`${actionId}: the secret ${name} is not an http(s) URL`, { retryable: false });
  return url;
}
