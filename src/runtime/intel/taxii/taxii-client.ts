import type { z } from 'zod';
import { decodeUtf8, parseJsonDocument } from '../../../core/intel/index.js';
import { VigilError } from '../../../lib/errors.js';
import { boundedGet, mediaType, redact, type BoundedResponse } from '../bounded-http.js';
import {
  TAXII_ACCEPT,
  TAXII_MEDIA_TYPE,
  apiRootSchema,
  collectionsSchema,
  discoverySchema,
  envelopeSchema,
  taxiiErrorSchema,
  type TaxiiApiRoot,
  type TaxiiCollection,
  type TaxiiDiscovery,
} from './taxii-schemas.js';

/** How a TAXII server is reached, and the bounds every response is held to. */
export interface TaxiiClientOptions {
  readonly auth?: { readonly type: 'basic'; readonly username: string; readonly password: string } | { readonly type: 'bearer'; readonly token: string } | undefined;
  /** Bytes of one response (default 64 MiB). */
  readonly maxBytes?: number;
  /** Milliseconds per request (default 60 s). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal | undefined;
}

/** Bounds of one pull against servers that never end their pagination. */
export interface PullOptions {
  /** Only objects added after this time (the previous pull's cursor). */
  readonly addedAfter?: string | undefined;
  /** Objects asked for per page (`limit`). */
  readonly pageSize?: number;
  /** Pages read at most; more is an error (nothing of the pull is used). */
  readonly maxPages: number;
  /** Objects read at most; more is an error. */
  readonly maxObjects: number;
}

/** A complete pull of a collection. */
export interface PullResult {
  readonly objects: unknown[];
  readonly pages: number;
  /** `added_after` for the next pull: the last `X-TAXII-Date-Added-Last` seen, else the one given. */
  readonly cursor?: string;
}

/**
 * A TAXII 2.1 client (OASIS TAXII 2.1, sections 4 and 5): discovery, API roots, collections and the
 * objects endpoint with `added_after`, `limit` and `next` pagination, HTTP basic or bearer
 * authentication. Every response must carry the TAXII media type and parse against its schema; sizes
 * and times are bounded per request, pages and objects per pull.
 */
export class TaxiiClient {
  private readonly maxBytes: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: TaxiiClientOptions = {}) {
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  /** The discovery resource at `url` (usually `https://host/taxii2/`). */
  discover(url: string): Promise<TaxiiDiscovery> {
    return this.getJson(url, discoverySchema).then((r) => r.value);
  }

  /** The API root resource. */
  apiRoot(url: string): Promise<TaxiiApiRoot> {
    return this.getJson(slash(url), apiRootSchema).then((r) => r.value);
  }

  /** The collections of an API root. */
  async collections(apiRootUrl: string): Promise<TaxiiCollection[]> {
    const r = await this.getJson(`${slash(apiRootUrl)}collections/`, collectionsSchema);
    return r.value.collections ?? [];
  }

  /**
   * The API root a configured URL names: the URL itself when it is an API root, else the discovery
   * resource's `default` root, else its only root.
   */
  async resolveApiRoot(url: string): Promise<string> {
    const r = await this.getJson(url, discoverySchema.partial({ title: true }).loose());
    const d = r.value as { api_roots?: string[]; default?: string; versions?: unknown };
    if (d.versions !== undefined || d.api_roots === undefined) return slash(url);
    const chosen = d.default ?? (d.api_roots.length === 1 ? d.api_roots[0] : undefined);
    if (chosen === undefined) throw new VigilError('INVALID_CONFIG', `${url}: the discovery resource lists ${d.api_roots.length} API roots and no default; configure the API root URL`);
    return slash(new URL(chosen, url).href);
  }

  /** Every object of a collection added after `addedAfter`, page by page, within the bounds. */
  async pullObjects(apiRootUrl: string, collectionId: string, options: PullOptions): Promise<PullResult> {
    const base = `${slash(apiRootUrl)}collections/${encodeURIComponent(collectionId)}/objects/`;
    const objects: unknown[] = [];
    let cursor = options.addedAfter;
    let next: string | undefined;
    let pages = 0;
    for (;;) {
      if (pages >= options.maxPages) throw new VigilError('INPUT_UNREADABLE', `${base}: pagination did not end after ${options.maxPages} pages (limit); nothing of this pull was used`);
      const q = new URLSearchParams();
      if (options.addedAfter !== undefined) q.set('added_after', options.addedAfter);
      if (options.pageSize !== undefined) q.set('limit', String(options.pageSize));
      if (next !== undefined) q.set('next', next);
      const query = q.toString();
      const r = await this.getJson(query === '' ? base : `${base}?${query}`, envelopeSchema);
      pages++;
      const page = r.value.objects ?? [];
      if (objects.length + page.length > options.maxObjects) {
        throw new VigilError('INPUT_UNREADABLE', `${base}: more than ${options.maxObjects} objects (limit); nothing of this pull was used`);
      }
      for (const o of page) objects.push(o);
      const last = r.response.headers['x-taxii-date-added-last'];
      if (typeof last === 'string' && last.length <= 64) cursor = last;
      if (r.value.more !== true) break;
      if (r.value.next === undefined || r.value.next === next) {
        throw new VigilError('INPUT_UNREADABLE', `${base}: the server says there is more but gives no new "next" token`);
      }
      next = r.value.next;
    }
    return cursor === undefined ? { objects, pages } : { objects, pages, cursor };
  }

  private async getJson<S extends z.ZodType>(url: string, schema: S): Promise<{ value: z.infer<S>; response: BoundedResponse }> {
    const headers: Record<string, string> = { accept: TAXII_ACCEPT };
    const auth = this.options.auth;
    if (auth?.type === 'basic') headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
    else if (auth?.type === 'bearer') headers.authorization = `Bearer ${auth.token}`;
    const response = await boundedGet({ url, headers, maxBytes: this.maxBytes, timeoutMs: this.timeoutMs, signal: this.options.signal });
    const where = redact(new URL(url));
    const type = mediaType(response.headers['content-type']);
    const text = decodeUtf8(response.body);
    if (response.status !== 200) {
      const detail = text.ok && type.type === TAXII_MEDIA_TYPE ? describeError(text.value) : '';
      const hint = response.status === 401 || response.status === 403 ? ' (check the feed\'s credentials)' : '';
      throw new VigilError('INPUT_UNREADABLE', `${where}: HTTP ${response.status}${hint}${detail}`);
    }
    if (type.type !== TAXII_MEDIA_TYPE || (type.version !== undefined && type.version !== '2.1')) {
      throw new VigilError('INPUT_UNREADABLE', `${where}: content type "${String(response.headers['content-type']).slice(0, 100)}" is not ${TAXII_ACCEPT}`);
    }
    if (!text.ok) throw new VigilError('INPUT_UNREADABLE', `${where}: ${text.error.message}`);
    const doc = parseJsonDocument(text.value);
    if (!doc.ok) throw new VigilError('INPUT_UNREADABLE', `${where}: ${doc.error.message}`);
    const parsed = schema.safeParse(doc.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new VigilError('INPUT_UNREADABLE', `${where}: not a TAXII 2.1 response: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
    }
    return { value: parsed.data, response };
  }
}

function slash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function describeError(text: string): string {
  const doc = parseJsonDocument(text);
  if (!doc.ok) return '';
  const e = taxiiErrorSchema.safeParse(doc.value);
  return e.success ? `: ${e.data.title.slice(0, 200)}` : '';
}
