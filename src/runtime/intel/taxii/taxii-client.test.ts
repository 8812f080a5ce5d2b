import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { isVigilError } from '../../../lib/errors.js';
import { TaxiiClient } from './taxii-client.js';
import { TEST_COLLECTION, startTaxiiTestServer, testIndicator, type TaxiiTestServer } from './taxii-test-server.js';

const objects = Array.from({ length: 5 }, (_, i) => ({
  object: testIndicator(i, `[ipv4-addr:value = '198.51.100.${i + 1}']`),
  dateAdded: `2026-01-0${i + 1}T00:00:00.000Z`,
}));

let server: TaxiiTestServer;
before(async () => {
  server = await startTaxiiTestServer({ objects, pageSize: 2, auth: { basic: 'analyst:s3cret', bearer: 'tok-123' } });
});
after(async () => {
  await server.close();
});

const basic = { type: 'basic', username: 'analyst', password: 's3cret' } as const;
const fails = (re: RegExp) => (e: unknown) => isVigilError(e) && re.test(e.message);

test('discovery, API root and collections, with basic and bearer auth', async () => {
  server.mode = 'spec';
  const client = new TaxiiClient({ auth: basic });
  const d = await client.discover(server.discoveryUrl);
  assert.deepEqual(d.api_roots, [server.apiRootUrl]);
  assert.equal(await client.resolveApiRoot(server.discoveryUrl), server.apiRootUrl);
  assert.equal(await client.resolveApiRoot(server.apiRootUrl), server.apiRootUrl);
  assert.deepEqual((await client.apiRoot(server.apiRootUrl)).versions, ['application/taxii+json;version=2.1']);
  const cols = await new TaxiiClient({ auth: { type: 'bearer', token: 'tok-123' } }).collections(server.apiRootUrl);
  assert.deepEqual(cols.map((c) => c.id), [TEST_COLLECTION]);
});

test('objects are pulled completely through next pagination; a second pull with the cursor gets only what is new', async () => {
  server.mode = 'spec';
  server.objects = objects.slice(0, 5);
  const client = new TaxiiClient({ auth: basic });
  const first = await client.pullObjects(server.apiRootUrl, TEST_COLLECTION, { maxPages: 10, maxObjects: 100 });
  assert.equal(first.objects.length, 5);
  assert.equal(first.pages, 3);
  assert.equal(first.cursor, '2026-01-05T00:00:00.000Z');
  server.objects = [...objects, { object: testIndicator(9, "[domain-name:value = 'new.example']"), dateAdded: '2026-01-09T00:00:00.000Z' }];
  const start = server.requests.length;
  const second = await client.pullObjects(server.apiRootUrl, TEST_COLLECTION, { addedAfter: first.cursor, maxPages: 10, maxObjects: 100 });
  assert.deepEqual(second.objects.map((o) => (o as { id: string }).id), [testIndicator(9, '').id]);
  assert.equal(second.cursor, '2026-01-09T00:00:00.000Z');
  assert.match(server.requests[start] ?? '', /added_after=2026-01-05T00%3A00%3A00.000Z/);
});

test('a server that never ends its pagination is stopped by the page limit and by the object limit', async () => {
  server.mode = 'endless';
  const client = new TaxiiClient({ auth: basic });
  await assert.rejects(client.pullObjects(server.apiRootUrl, TEST_COLLECTION, { maxPages: 25, maxObjects: 1000 }), fails(/did not end after 25 pages/));
  await assert.rejects(client.pullObjects(server.apiRootUrl, TEST_COLLECTION, { maxPages: 1000, maxObjects: 7 }), fails(/more than 7 objects/));
});

test('a 1 GB response is abandoned at the byte limit, never buffered whole', async () => {
  server.mode = 'huge';
  const before = server.bytesSent();
  const client = new TaxiiClient({ auth: basic, maxBytes: 1024 * 1024 });
  await assert.rejects(client.discover(server.discoveryUrl), fails(/larger than the limit of 1048576 bytes/));
  await new Promise((r) => setTimeout(r, 50));
  assert.ok(server.bytesSent() - before < 64 * 1024 * 1024, `server sent ${server.bytesSent() - before} bytes`);
});

test('a server that stops answering runs into the timeout', async () => {
  server.mode = 'slow';
  const started = Date.now();
  await assert.rejects(new TaxiiClient({ auth: basic, timeoutMs: 300 }).discover(server.discoveryUrl), fails(/no complete response within 300 ms/));
  assert.ok(Date.now() - started < 5000);
});

test('wrong content types, 401 and bad credentials are refused with a message', async () => {
  server.mode = 'wrong-type';
  await assert.rejects(new TaxiiClient({ auth: basic }).discover(server.discoveryUrl), fails(/content type "text\/html" is not application\/taxii\+json;version=2.1/));
  server.mode = 'spec';
  await assert.rejects(new TaxiiClient({ auth: { type: 'basic', username: 'analyst', password: 'wrong' } }).discover(server.discoveryUrl), fails(/HTTP 401 \(check the feed's credentials\): Unauthorized/));
  await assert.rejects(new TaxiiClient().discover(server.discoveryUrl), fails(/HTTP 401/));
  server.mode = 'unauthorized';
  await assert.rejects(new TaxiiClient({ auth: basic }).collections(server.apiRootUrl), fails(/HTTP 401/));
  server.mode = 'spec';
});

test('an aborted pull stops at once', async () => {
  server.mode = 'slow';
  const controller = new AbortController();
  const p = new TaxiiClient({ auth: basic, signal: controller.signal, timeoutMs: 60_000 }).discover(server.discoveryUrl);
  setTimeout(() => {
    controller.abort();
  }, 50);
  await assert.rejects(p, fails(/interrupted/));
  server.mode = 'spec';
});
