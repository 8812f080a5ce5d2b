import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ActionFailure } from '../../../core/respond/action.js';
import { reply, startHttpServer, type LocalHttpServer } from '../testing/local-http-server.js';
import { testContext } from '../testing/action-context.js';
import { sendHttp, type HttpLimits } from './http-client.js';

const limits: HttpLimits = { timeoutMs: 400, maxResponseBytes: 1024, maxRequestBytes: 4096 };
const TOKEN = 'tok-3f9a1c77e2';

async function failureOf(p: Promise<unknown>): Promise<ActionFailure> {
  try {
    await p;
  } catch (error) {
    assert.ok(error instanceof ActionFailure, `expected an ActionFailure, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a failure');
}

describe('sendHttp against a real local server', () => {
  let server: LocalHttpServer;
  before(async () => {
    server = await startHttpServer((req, res) => {
      const path = req.path;
      if (path === '/ok') { reply(res, 200, { echo: req.body }); return; }
      if (path === '/429s') { reply(res, 429, 'slow down', { 'retry-after': '7' }); return; }
      if (path === '/429date') { reply(res, 429, 'slow down', { 'retry-after': new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString() }); return; }
      if (path === '/503') { reply(res, 503, 'busy'); return; }
      if (path === '/404') { reply(res, 404, `no route; your token was ${TOKEN}`); return; }
      if (path === '/302') { reply(res, 302, '', { location: 'http://169.254.169.254/' }); return; }
      if (path === '/big-declared') { reply(res, 200, 'x'.repeat(5000)); return; }
      if (path === '/big-chunked') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = 'y'.repeat(300);
        let n = 0;
        const timer = setInterval(() => {
          res.write(chunk);
          if (++n === 20) {
            clearInterval(timer);
            res.end();
          }
        }, 1);
        return;
      }
      if (path === '/slow-body') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('partial');
        return; // never ends
      }
      if (path === '/hang') return; // accepts, reads the request, never answers
      reply(res, 500, 'unexpected');
    });
  });
  after(() => server.close());

  const get = (path: string, ctx = testContext({ HEC: TOKEN })) =>
    sendHttp({ method: 'POST', url: new URL(server.url + path), target: 'test', headers: { authorization: `Splunk ${TOKEN}` }, body: '{"a":1}' }, ctx, limits, () => Date.UTC(2030, 0, 1));

  it('returns a 2xx response with its body', async () => {
    const res = await get('/ok');
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.body.toString()), { echo: '{"a":1}' });
  });

  it('maps 429 with Retry-After in seconds to a retryable failure with the wait', async () => {
    const f = await failureOf(get('/429s'));
    assert.equal(f.retryable, true);
    assert.equal(f.retryAfterMs, 7000);
  });

  it('maps 429 with Retry-After as an HTTP date to the time left until it', async () => {
    const f = await failureOf(get('/429date'));
    assert.equal(f.retryable, true);
    assert.equal(f.retryAfterMs, 30_000);
  });

  it('maps 5xx to retryable and 4xx to non-retryable', async () => {
    assert.equal((await failureOf(get('/503'))).retryable, true);
    const notFound = await failureOf(get('/404'));
    assert.equal(notFound.retryable, false);
    assert.match(notFound.message, /HTTP 404/);
  });

  it('redacts a secret value that the server echoes into its error body', async () => {
    const f = await failureOf(get('/404'));
    assert.ok(!f.message.includes(TOKEN), f.message);
    assert.match(f.message, /\[secret:HEC\]/);
  });

  it('does not follow redirects', async () => {
    const f = await failureOf(get('/302'));
    assert.equal(f.retryable, false);
    assert.match(f.message, /redirects are not followed/);
  });

  it('refuses responses over the size limit, declared or streamed', async () => {
    for (const path of ['/big-declared', '/big-chunked']) {
      const f = await failureOf(get(path));
      assert.equal(f.retryable, false, path);
      assert.match(f.message, /exceeds the limit of 1024/, path);
    }
  });

  it('ends by its own timeout when the server accepts and never answers', async () => {
    const started = performance.now();
    const f = await failureOf(get('/hang'));
    const took = performance.now() - started;
    assert.equal(f.retryable, true);
    assert.match(f.message, /within 400 ms/);
    assert.ok(took >= 350 && took < 3000, `took ${took} ms`);
  });

  it('ends by its own timeout when the body never finishes', async () => {
    const f = await failureOf(get('/slow-body'));
    assert.equal(f.retryable, true);
    assert.match(f.message, /within 400 ms/);
  });

  it('ends when the context signal aborts, before its own limit', async () => {
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => { controller.abort(); }, 50);
    const f = await failureOf(get('/hang', testContext({}, controller.signal)));
    assert.ok(performance.now() - started < 350);
    assert.match(f.message, /cancelled/);
  });

  it('maps a refused connection to a retryable failure', async () => {
    const port = await closedPort();
    const f = await failureOf(sendHttp({ method: 'GET', url: new URL(`http://127.0.0.1:${port}/`), target: 'test', headers: {} }, testContext(), limits));
    assert.equal(f.retryable, true);
    assert.match(f.message, /ECONNREFUSED/);
  });

  it('maps a connection dropped without an answer to a retryable failure', async () => {
    const raw = net.createServer((socket) => { socket.once('data', () => socket.destroy()); });
    await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r));
    const { port } = raw.address() as net.AddressInfo;
    try {
      const f = await failureOf(sendHttp({ method: 'GET', url: new URL(`http://127.0.0.1:${port}/`), target: 'test', headers: {} }, testContext(), limits));
      assert.equal(f.retryable, true);
    } finally {
      raw.close();
    }
  });

  it('refuses a header value with CR LF before anything is sent', async () => {
    const before = server.requests.length;
    const f = await failureOf(
      sendHttp({ method: 'POST', url: new URL(`${server.url}/ok`), target: 'test', headers: { 'x-note': 'a\r\nx-injected: 1' }, body: '' }, testContext(), limits),
    );
    assert.equal(f.retryable, false);
    assert.equal(server.requests.length, before);
  });

  it('refuses a request body over the limit without sending it', async () => {
    const before = server.requests.length;
    const f = await failureOf(sendHttp({ method: 'POST', url: new URL(`${server.url}/ok`), target: 'test', headers: {}, body: 'z'.repeat(5000) }, testContext(), limits));
    assert.equal(f.retryable, false);
    assert.equal(server.requests.length, before);
  });
});

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((r) => s.close(() => { r(); }));
  return port;
}
