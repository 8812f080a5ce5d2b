import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the test server behaves: by the spec, or one of the hostile ways a real server can fail. */
export type TaxiiServerMode = 'spec' | 'endless' | 'huge' | 'slow' | 'wrong-type' | 'unauthorized';

/** One object of the test collection, with the time the server says it was added. */
export interface TestObject {
  readonly object: Readonly<Record<string, unknown>>;
  readonly dateAdded: string;
}

/** A running test server. */
export interface TaxiiTestServer {
  /** Discovery URL (`http://127.0.0.1:PORT/taxii2/`). */
  readonly discoveryUrl: string;
  /** API root URL (`…/api1/`). */
  readonly apiRootUrl: string;
  /** Request URLs received (path and query), in order. */
  readonly requests: string[];
  /** Body bytes written so far (all responses). */
  readonly bytesSent: () => number;
  objects: TestObject[];
  mode: TaxiiServerMode;
  close(): Promise<void>;
}

const MEDIA = 'application/taxii+json;version=2.1';
export const TEST_COLLECTION = '91a7b528-80eb-42ed-a74d-c6fbd5a26116';

/**
 * A small real TAXII 2.1 server for tests (node:http on 127.0.0.1, port 0): discovery, one API root,
 * one collection, the objects endpoint with `added_after`, `limit` (at most `pageSize`) and `next`
 * pagination and the `X-TAXII-Date-Added-First/Last` headers; optional basic or bearer auth.
 * The hostile modes: `endless` (every page says there is more), `huge` (a 1 GB body, streamed while
 * the client reads), `slow` (headers, then silence), `wrong-type` (HTML), `unauthorized` (401 always).
 */
export async function startTaxiiTestServer(options: { objects?: TestObject[]; pageSize?: number; auth?: { basic?: string; bearer?: string } } = {}): Promise<TaxiiTestServer> {
  const pageSize = options.pageSize ?? 2;
  const requests: string[] = [];
  let sent = 0;
  const state = { objects: options.objects ?? [], mode: 'spec' as TaxiiServerMode };
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    const text = JSON.stringify(body);
    sent += Buffer.byteLength(text);
    res.writeHead(status, { 'content-type': MEDIA, ...headers });
    res.end(text);
  };
  const authorized = (req: IncomingMessage): boolean => {
    const a = options.auth;
    if (a === undefined) return true;
    const h = req.headers.authorization ?? '';
    if (a.basic !== undefined && h === `Basic ${Buffer.from(a.basic).toString('base64')}`) return true;
    return a.bearer !== undefined && h === `Bearer ${a.bearer}`;
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${url.pathname}${url.search}`);
    if (state.mode === 'unauthorized' || !authorized(req)) {
      json(res, 401, { title: 'Unauthorized', description: 'credentials required' });
      return;
    }
    if (state.mode === 'wrong-type') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>login</html>');
      return;
    }
    if (state.mode === 'slow') {
      res.writeHead(200, { 'content-type': MEDIA });
      res.write('{"title": ');
      return; // never finishes; the client's timeout must end it
    }
    if (state.mode === 'huge') {
      streamHuge(res, (n) => (sent += n));
      return;
    }
    const path = url.pathname;
    if (path === '/taxii2/') {
      json(res, 200, { title: 'Vigil test TAXII', default: `http://127.0.0.1:${port()}/api1/`, api_roots: [`http://127.0.0.1:${port()}/api1/`] });
    } else if (path === '/api1/') {
      json(res, 200, { title: 'API root', versions: [MEDIA], max_content_length: 10_485_760 });
    } else if (path === '/api1/collections/') {
      json(res, 200, { collections: [{ id: TEST_COLLECTION, title: 'Indicators', can_read: true, can_write: false, media_types: ['application/stix+json;version=2.1'] }] });
    } else if (path === `/api1/collections/${TEST_COLLECTION}/objects/`) {
      if (state.mode === 'endless') {
        const n = Number(url.searchParams.get('next') ?? '0');
        json(res, 200, { more: true, next: String(n + 1), objects: [{ type: 'note', id: `note--${n}`, spec_version: '2.1', content: 'again', object_refs: ['x--1'], created: '2026-01-01T00:00:00Z', modified: '2026-01-01T00:00:00Z' }] });
        return;
      }
      const after = url.searchParams.get('added_after');
      const limit = Math.min(Number(url.searchParams.get('limit') ?? pageSize) || pageSize, pageSize);
      const start = Number(url.searchParams.get('next') ?? '0');
      const all = state.objects.filter((o) => after === null || Date.parse(o.dateAdded) > Date.parse(after)).sort((a, b) => Date.parse(a.dateAdded) - Date.parse(b.dateAdded));
      const page = all.slice(start, start + limit);
      const more = start + limit < all.length;
      const headers: Record<string, string> = {};
      if (page.length > 0) {
        headers['X-TAXII-Date-Added-First'] = page[0]!.dateAdded;
        headers['X-TAXII-Date-Added-Last'] = page[page.length - 1]!.dateAdded;
      }
      json(res, 200, { more, ...(more ? { next: String(start + limit) } : {}), ...(page.length > 0 ? { objects: page.map((o) => o.object) } : {}) }, headers);
    } else {
      json(res, 404, { title: 'Not found' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (): number => (server.address() as AddressInfo).port;
  return {
    discoveryUrl: `http://127.0.0.1:${port()}/taxii2/`,
    apiRootUrl: `http://127.0.0.1:${port()}/api1/`,
    requests,
    bytesSent: () => sent,
    get objects() {
      return state.objects;
    },
    set objects(v) {
      state.objects = v;
    },
    get mode() {
      return state.mode;
    },
    set mode(m) {
      state.mode = m;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** Writes up to 1 GB of one JSON string, respecting back-pressure, until the client goes away. */
function streamHuge(res: ServerResponse, count: (n: number) => void): void {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let left = 1024 * 1024 * 1024;
  res.writeHead(200, { 'content-type': MEDIA });
  res.write('{"title": "');
  const pump = (): void => {
    while (left > 0 && !res.destroyed) {
      left -= chunk.length;
      count(chunk.length);
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end('"}');
  };
  res.on('close', () => {
    left = 0;
  });
  pump();
}

/** A STIX 2.1 indicator object for tests. */
export function testIndicator(n: number, pattern: string, extra: Record<string, unknown> = {}): Readonly<Record<string, unknown>> {
  const id = `indicator--${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;
  return { type: 'indicator', spec_version: '2.1', id, created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', pattern, pattern_type: 'stix', valid_from: '2026-01-01T00:00:00Z', ...extra };
}
