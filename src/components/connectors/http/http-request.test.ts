import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ActionFailure } from '../../../core/respond/action.js';
import { connectorsConfigSchema } from '../../../core/respond/connectors-config.js';
import { reply, startHttpServer, type LocalHttpServer } from '../testing/local-http-server.js';
import { testContext } from '../testing/action-context.js';
import { defineHttpRequest } from './http-request.js';
import { defineWebhookPost } from './webhook-post.js';

const KEY = 'signing-key-5b7d0e';
const NOW = Date.UTC(2026, 10, 28, 3, 0, 0);
const deps = { config: connectorsConfigSchema.parse({ http: { timeoutMs: 1000, signing: true } }), now: () => NOW };
const marker = `/tmp/vigil-inject-${process.pid}`;
const HOSTILE = ['; rm -rf /', `$(touch ${marker})`, '`touch ' + marker + '`', '{{7*7}}', '${7*7}', "'; DROP TABLE alerts; --", 'line1\r\nX-Injected: yes'];

describe('http.request and webhook.post against a real local server', () => {
  let server: LocalHttpServer;
  before(async () => {
    server = await startHttpServer((req, res) => {
      if (req.path.startsWith('/text')) { reply(res, 200, 'plain answer'); return; }
      reply(res, 201, { received: req.body === '' ? null : (JSON.parse(req.body) as unknown) });
    });
  });
  after(() => server.close());
  const action = defineHttpRequest(deps);
  const webhook = defineWebhookPost(deps);

  it('sends JSON, returns the parsed JSON answer and sends the idempotency key', async () => {
    const input = action.input.parse({ url: `${server.url}/hook`, json: { alert: 'a1', n: 3 }, headers: { 'X-Case': 'c-9' } });
    const out = await action.run(input, testContext());
    assert.equal(out.status, 201);
    assert.deepEqual(out.json, { received: { alert: 'a1', n: 3 } });
    const seen = server.requests.at(-1)!;
    assert.equal(seen.method, 'POST');
    assert.equal(seen.headers['x-case'], 'c-9');
    assert.equal(seen.headers['idempotency-key'], 'run-1/step-1');
    assert.equal(seen.headers['content-type'], 'application/json');
  });

  it('returns text answers as text', async () => {
    const out = await action.run(action.input.parse({ method: 'GET', url: `${server.url}/text` }), testContext());
    assert.deepEqual(out, { status: 200, content_type: 'text/plain', text: 'plain answer' });
  });

  it('signs timestamp + body with HMAC-SHA256 so the receiver can verify it', async () => {
    const input = action.input.parse({ url: `${server.url}/signed`, json: { x: 1 }, sign: true });
    await action.run(input, testContext({ WEBHOOK_SIGNING_KEY: KEY }));
    const seen = server.requests.at(-1)!;
    assert.equal(seen.headers['x-vigil-timestamp'], String(NOW / 1000));
    const expected = createHmac('sha256', KEY).update(`${NOW / 1000}.${seen.body}`).digest('hex');
    assert.equal(seen.headers['x-vigil-signature'], `sha256=${expected}`);
  });

  it('fails without leaking when signing is asked for and the key is missing', async () => {
    const input = action.input.parse({ url: `${server.url}/signed`, json: {}, sign: true });
    await assert.rejects(action.run(input, testContext()), (e: unknown) => e instanceof ActionFailure && !e.retryable && /WEBHOOK_SIGNING_KEY is not set/.test(e.message));
  });

  it('declares the signing secret only when signing is configured, and refuses to sign otherwise', async () => {
    assert.deepEqual(action.secrets, ['WEBHOOK_SIGNING_KEY']);
    const unsigned = defineHttpRequest({ ...deps, config: connectorsConfigSchema.parse({}) });
    assert.deepEqual(unsigned.secrets, []);
    assert.deepEqual(defineWebhookPost({ ...deps, config: connectorsConfigSchema.parse({}) }).secrets, []);
    await assert.rejects(unsigned.run(unsigned.input.parse({ url: `${server.url}/x`, sign: true }), testContext({ WEBHOOK_SIGNING_KEY: KEY })), /signing is off/);
  });

  it('webhook.post delivers the payload and its signature', async () => {
    const out = await webhook.run(webhook.input.parse({ url: `${server.url}/wh`, payload: { kind: 'alert' }, sign: true }), testContext({ WEBHOOK_SIGNING_KEY: KEY }));
    assert.equal(out.status, 201);
    const seen = server.requests.at(-1)!;
    assert.equal(seen.body, '{"kind":"alert"}');
    assert.equal(seen.headers['x-vigil-signature'], `sha256=${createHmac('sha256', KEY).update(`${NOW / 1000}.${seen.body}`).digest('hex')}`);
  });

  it('carries hostile strings in the body as literal data', async () => {
    for (const value of HOSTILE) {
      const out = await action.run(action.input.parse({ url: `${server.url}/inj`, json: { note: value } }), testContext());
      assert.deepEqual(out.json, { received: { note: value } });
      assert.deepEqual(JSON.parse(server.requests.at(-1)!.body), { note: value });
      assert.equal(server.requests.at(-1)!.headers['x-injected'], undefined);
    }
    assert.equal(existsSync(marker), false);
  });

  it('rejects a newline in a header value at the input boundary, and again in run()', async () => {
    const bad = { url: `${server.url}/inj`, headers: { 'X-Note': 'a\r\nX-Injected: yes' } };
    assert.equal(action.input.safeParse(bad).success, false);
    const before = server.requests.length;
    // A caller that skips validation still cannot split the header: the HTTP layer refuses it.
    await assert.rejects(
      action.run({ method: 'POST', url: bad.url, headers: bad.headers, sign: false }, testContext()),
      (e: unknown) => e instanceof ActionFailure && !e.retryable,
    );
    assert.equal(server.requests.length, before);
  });

  it('keeps hostile values in other header values as the exact data', async () => {
    for (const value of HOSTILE.filter((v) => !v.includes('\n'))) {
      await action.run(action.input.parse({ url: `${server.url}/h`, headers: { 'X-Note': value } }), testContext());
      assert.equal(server.requests.at(-1)!.headers['x-note'], value);
    }
  });

  it('refuses reserved headers, credentials in URLs and non-http schemes', () => {
    assert.equal(action.input.safeParse({ url: `${server.url}/`, headers: { Host: 'evil' } }).success, false);
    assert.equal(action.input.safeParse({ url: `${server.url}/`, headers: { 'Transfer-Encoding': 'chunked' } }).success, false);
    assert.equal(action.input.safeParse({ url: 'http://user:pw@127.0.0.1/' }).success, false);
    assert.equal(action.input.safeParse({ url: 'file:///etc/passwd' }).success, false);
    assert.equal(action.input.safeParse({ url: `${server.url}/`, headers: { 'Bad Name': 'x' } }).success, false);
  });

  it('plans one line with method, URL without query, body size and signing', () => {
    const line = action.plan(action.input.parse({ url: `${server.url}/p?token=abc`, json: { a: 1 }, sign: true }));
    assert.equal(line, `POST ${server.url}/p with JSON body of 7 bytes, signed with WEBHOOK_SIGNING_KEY`);
    assert.ok(!line.includes('\n'));
  });
});
