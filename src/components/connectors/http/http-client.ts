import http from 'node:http';
import https from 'node:https';
import { ActionFailure, type ActionContext } from '../../../core/respond/action.js';
import { secretRedactor } from '../redact.js';
import { parseRetryAfter } from './retry-after.js';

/** Bounds every request of a connector; all three are configuration with defaults. */
export interface HttpLimits {
  /** The whole exchange (connect, send, wait, read) ends after this, whatever the context's signal says. */
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly maxRequestBytes: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = { timeoutMs: 10_000, maxResponseBytes: 1024 * 1024, maxRequestBytes: 5 * 1024 * 1024 };

/** One request. `target` is what messages name instead of the URL, which may itself be a secret. */
export interface HttpRequest {
  readonly method: string;
  readonly url: URL;
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** A 2xx answer, read in full within the size limit. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/** What the client needs from the action context. */
export type HttpContext = Pick<ActionContext, 'signal' | 'secrets'>;

/** Socket error codes worth a retry: the network or the peer may recover. Certificate errors are not here. */
export const RETRYABLE_SOCKET_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND', 'ECONNABORTED', 'UND_ERR_SOCKET']);

/**
 * Sends one HTTP(S) request and reads the answer. Only 2xx resolves. 429, 5xx, connection errors
 * and timeouts reject with a retryable {@link ActionFailure} (with `retryAfterMs` from Retry-After);
 * other statuses, redirects (never followed), oversized bodies and TLS failures reject with a
 * non-retryable one. Messages carry the target label and never a secret value: every message is
 * passed through {@link secretRedactor} with all the context's secrets.
 */
export function sendHttp(request: HttpRequest, context: HttpContext, limits: HttpLimits, now: () => number = Date.now): Promise<HttpResponse> {
  // Built on the first failure only: the success path pays nothing for it.
  let redactor: ((text: string) => string) | undefined;
  const redact = (text: string): string => (redactor ??= secretRedactor(context.secrets))(text);
  const fail = (message: string, options: { retryable: boolean; retryAfterMs?: number }): ActionFailure =>
    new ActionFailure(redact(`${request.target}: ${message}`), options);
  const bodyBytes = request.body === undefined ? 0 : Buffer.byteLength(request.body);
  if (bodyBytes > limits.maxRequestBytes) {
    return Promise.reject(fail(`request body of ${bodyBytes} bytes exceeds the limit of ${limits.maxRequestBytes}`, { retryable: false }));
  }
  if (request.url.protocol !== 'http:' && request.url.protocol !== 'https:') {
    return Promise.reject(fail(`unsupported protocol ${request.url.protocol}`, { retryable: false }));
  }
  if (context.signal.aborted) return Promise.reject(fail('cancelled before sending', { retryable: true }));
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const signal = AbortSignal.any([context.signal, timeout]);
  const headers: Record<string, string> = { 'user-agent': 'Vigil', ...request.headers };
  if (request.body !== undefined) headers['content-length'] = String(bodyBytes);

  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: HttpResponse | ActionFailure): void => {
      if (settled) return;
      settled = true;
      if (outcome instanceof ActionFailure) {
        req.destroy();
        reject(outcome);
      } else resolve(outcome);
    };
    const whyAborted = (): ActionFailure =>
      timeout.aborted
        ? fail(`no complete answer within ${limits.timeoutMs} ms`, { retryable: true })
        : fail('cancelled', { retryable: true });

    const transport = request.url.protocol === 'https:' ? https : http;
    let req: http.ClientRequest;
    try {
      req = transport.request(request.url, { method: request.method, headers, signal });
    } catch (cause) {
      // Node validates header names and values synchronously (a CR or LF in a value is refused).
      reject(fail(`the request is invalid (${errorCode(cause) ?? 'bad header or method'})`, { retryable: false }));
      return;
    }
    req.on('error', (error) => {
      if (signal.aborted) { settle(whyAborted()); return; }
      settle(mapSocketError(error, fail));
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > limits.maxResponseBytes) {
        settle(fail(`response of ${declared} bytes exceeds the limit of ${limits.maxResponseBytes}`, { retryable: false })); return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxResponseBytes) settle(fail(`response exceeds the limit of ${limits.maxResponseBytes} bytes`, { retryable: false }));
        else chunks.push(chunk);
      });
      res.on('error', () => {
        settle(signal.aborted ? whyAborted() : fail('the connection broke while reading the response', { retryable: true }));
      });
      res.on('close', () => {
        if (!res.complete) settle(signal.aborted ? whyAborted() : fail('the connection closed before the response ended', { retryable: true }));
      });
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        if (status >= 200 && status < 300) { settle({ status, headers: res.headers, body }); return; }
        settle(statusFailure(status, res.headers, bodyExcerpt(redact(body.toString('utf8'))), fail, now()));
      });
    });
    req.end(request.body);
  });
}

function statusFailure(
  status: number,
  headers: http.IncomingHttpHeaders,
  excerpt: string,
  fail: (message: string, options: { retryable: boolean; retryAfterMs?: number }) => ActionFailure,
  nowMs: number,
): ActionFailure {
  const message = `HTTP ${status}${excerpt === '' ? '' : `: ${excerpt}`}`;
  if (status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(firstHeader(headers['retry-after']), nowMs);
    return fail(message, retryAfterMs === undefined ? { retryable: true } : { retryable: true, retryAfterMs });
  }
  if (status >= 300 && status < 400) return fail(`${message} (redirects are not followed)`, { retryable: false });
  return fail(message, { retryable: false });
}

function mapSocketError(error: Error, fail: (message: string, options: { retryable: boolean }) => ActionFailure): ActionFailure {
  const code = errorCode(error) ?? 'unknown';
  if (RETRYABLE_SOCKET_CODES.has(code)) return fail(`connection failed (${code})`, { retryable: true });
  // Certificate and protocol errors will not fix themselves on a retry.
  return fail(`request failed (${code})`, { retryable: false });
}

/** A short, printable piece of an error body, for messages; redact the whole text before calling. */
export function bodyExcerpt(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  return text.slice(0, max * 2).replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, max);
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}
