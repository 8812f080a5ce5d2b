import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { compilePlaybook, parsePlaybook, type CompiledPlaybook } from '../../core/playbook/index.js';
import { ActionFailure, type ActionDefinition, type AnyActionDefinition, type ActionEffect } from '../../core/respond/action.js';
import type { ActionRegistry } from './action-registry.js';

/** A request a test server received. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A real HTTP server on 127.0.0.1 (port 0) for engine tests; `reply` decides each answer. */
export async function startServer(reply: (req: ReceivedRequest, n: number, res: ServerResponse) => void): Promise<{ url: string; requests: ReceivedRequest[]; close(): Promise<void> }> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(r);
      reply(r, requests.length, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref(); // a failed assertion before close() must not keep the test process alive
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
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
