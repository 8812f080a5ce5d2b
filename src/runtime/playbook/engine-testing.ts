import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { compilePlaybook, parsePlaybook, type CompiledPlaybook } from '../../core/playbook/index.js';
import { ActionFailure, type ActionDefinition, type AnyActionDefinition, type ActionEffect } from '../../core/respond/action.js';
import { startHttpServer, type LocalHttpServer, type RecordedRequest } from '../../components/connectors/testing/local-http-server.js';
import type { ActionRegistry } from './action-registry.js';

/**
 * A real HTTP server on 127.0.0.1 (port 0) for engine tests: the connectors' test server, whose
 * `reply` also gets the request's 1-based number.
 */
export async function startServer(reply: (req: RecordedRequest, n: number, res: ServerResponse) => void): Promise<LocalHttpServer> {
  const requests: RecordedRequest[] = [];
  return startHttpServer((req, res) => {
    requests.push(req);
    reply(req, requests.length, res);
  });
}

/**
 * A small HTTP action for engine tests (the real connectors are tested on their own): POSTs JSON,
 * sends the idempotency key and, when declared, a bearer secret; 429 and 5xx are retryable, 429
 * with its Retry-After.
 */
export function testHttpAction(id: string, effect: ActionEffect, options: { secret?: string } = {}): AnyActionDefinition {
  const def: ActionDefinition<{ url: string; body: Record<string, unknown>; header?: string | undefined }, { status: number; body: unknown }> = {
    id,
    summary: 'POST JSON (test action)',
    effect,
    secrets: options.secret === undefined ? [] : [options.secret],
    input: z.strictObject({ url: z.url(), body: z.record(z.string(), z.unknown()).default({}), header: z.string().optional() }),
    output: z.object({ status: z.number(), body: z.unknown() }),
    plan: (i) => `POST ${i.url}`,
    run: async (i, ctx) => {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': ctx.idempotencyKey };
      if (i.header !== undefined) headers['x-note'] = i.header;
      const secret = options.secret === undefined ? undefined : ctx.secrets.get(options.secret);
      if (secret !== undefined) headers.authorization = `Bearer ${secret.reveal()}`;
      let res: Response;
      try {
        res = await fetch(i.url, { method: 'POST', headers, body: JSON.stringify(i.body), signal: ctx.signal });
      } catch (cause) {
        throw new ActionFailure(`POST ${i.url} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { retryable: true, cause });
      }
      const text = await res.text();
      if (res.status === 429 || res.status >= 500) {
        const after = Number(res.headers.get('retry-after'));
        throw new ActionFailure(`HTTP ${res.status}`, { retryable: true, ...(Number.isFinite(after) && after > 0 ? { retryAfterMs: after * 1000 } : {}) });
      }
      if (res.status >= 400) throw new ActionFailure(`HTTP ${res.status}: ${text.slice(0, 200)}`, { retryable: false });
      ctx.log('posted', { status: res.status });
      return { status: res.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
    },
  };
  return def as unknown as AnyActionDefinition;
}

/** Compiles playbook text for a test, failing loudly with its issues. */
export function compileForTest(text: string, actions: ActionRegistry, file = 'test.yml'): CompiledPlaybook {
  const parsed = parsePlaybook(text, file);
  const compiled = parsed.ok ? compilePlaybook(parsed.value, actions.lookup) : parsed;
  if (!compiled.ok) throw new Error(compiled.error.map((i) => `${i.location.line ?? '?'}: ${i.message}`).join('\n'));
  return compiled.value;
}
