import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { VigilError } from '../../lib/errors.js';

/** A request with hard bounds: every response from a feed server is hostile until read. */
export interface BoundedRequest {
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Bytes of body accepted; a longer body is abandoned as soon as it passes the limit. */
  readonly maxBytes: number;
  /** Milliseconds from the start of the request to the last byte of the body. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
}

/** A response read completely within its bounds. */
export interface BoundedResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/**
 * GET with bounds: the body is streamed and counted, never buffered past `maxBytes` (a `Content-Length`
 * above it is refused before reading); the whole exchange must finish within `timeoutMs`; redirects
 * are not followed (a feed URL is configured, not discovered). Failures are `VigilError`s with code
 * `INPUT_UNREADABLE` and a message naming the URL and the bound that was passed.
 */
export function boundedGet(req: BoundedRequest): Promise<BoundedResponse> {
  let url: URL;
  try {
    url = new URL(req.url);
  } catch (cause) {
    return Promise.reject(new VigilError('INVALID_CONFIG', `not a URL: ${req.url}`, { cause }));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.reject(new VigilError('INVALID_CONFIG', `only http and https URLs are fetched, not ${url.protocol}`));
  const where = redact(url);
  return new Promise<BoundedResponse>((resolve, reject) => {
    let settled = false;
    const fail = (message: string, cause?: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      r.destroy();
      reject(new VigilError('INPUT_UNREADABLE', `${where}: ${message}`, cause === undefined ? {} : { cause }));
    };
    const onAbort = (): void => {
      fail('interrupted');
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const r = send(url, { method: 'GET', headers: { 'user-agent': 'vigil-intel', ...req.headers } }, (res) => {
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > req.maxBytes) {
        fail(`response of ${declared} bytes is larger than the limit of ${req.maxBytes} bytes`);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > req.maxBytes) {
          fail(`response is larger than the limit of ${req.maxBytes} bytes (stopped reading)`);
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (e) => {
        fail(`response failed: ${e.message}`, e);
      });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.signal?.removeEventListener('abort', onAbort);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks, size) });
      });
    });
    const timer = setTimeout(() => {
      fail(`no complete response within ${req.timeoutMs} ms`);
    }, req.timeoutMs);
    r.on('error', (e) => {
      fail(`request failed: ${e.message}`, e);
    });
    if (req.signal?.aborted === true) {
      onAbort();
      return;
    }
    req.signal?.addEventListener('abort', onAbort, { once: true });
    r.end();
  });
}

/** The URL without credentials or query (it may carry an API key), for messages. */
export function redact(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/** The media type of a `Content-Type` header, lower-cased, without parameters (except `version`, kept). */
export function mediaType(header: string | undefined): { type: string; version?: string } {
  if (header === undefined) return { type: '' };
  const [type = '', ...params] = header.split(';');
  const out: { type: string; version?: string } = { type: type.trim().toLowerCase() };
  for (const p of params) {
    const [k, v] = p.split('=');
    if (k?.trim().toLowerCase() === 'version' && v !== undefined) out.version = v.trim().replace(/^"|"$/g, '');
  }
  return out;
}
