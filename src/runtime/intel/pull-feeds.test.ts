import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { feedConfigSchema, type FeedConfig } from '../../core/intel/index.js';
import { openSqliteIndicatorStore } from './sqlite-indicator-store.js';
import { pullFeeds } from './pull-feeds.js';
import { TEST_COLLECTION, startTaxiiTestServer, testIndicator } from './taxii/taxii-test-server.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-pull-'));
const T0 = Date.UTC(2026, 10, 28, 12);
const MIN = 60_000;

/** A plain HTTP feed server with ETag / Last-Modified, and hostile paths. */
let server: Server;
let base = '';
let body = 'indicator,type,confidence,source,first_seen\n198.51.100.1,ipv4,80,,2026-11-01\nevil.example,domain,60,,2026-11-01\n';
let etag = '"v1"';
const hits: { path: string; inm?: string | undefined; ims?: string | undefined; auth?: string | undefined }[] = [];
before(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.push({ path, inm: req.headers['if-none-match'], ims: req.headers['if-modified-since'], auth: req.headers.authorization });
    if (path === '/feed.csv') {
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304).end();
        return;
      }
      res.writeHead(200, { etag, 'last-modified': 'Sat, 28 Nov 2026 00:00:00 GMT', 'content-type': 'text/csv' }).end(body);
    } else if (path === '/bad-utf8.txt') {
      res.writeHead(200).end(Buffer.from([0x31, 0x2e, 0x32, 0x2e, 0x33, 0x2e, 0x34, 0x0a, 0xff, 0xfe, 0x0a]));
    } else if (path === '/secret.txt') {
      if (req.headers.authorization !== 'Bearer tok-1') res.writeHead(401).end('no');
      else res.writeHead(200).end('203.0.113.77\n');
    } else if (path === '/huge.txt') {
      const chunk = Buffer.alloc(65_536, 0x61);
      let left = 1024 * 1024 * 1024;
      const pump = (): void => {
        while (left > 0 && !res.destroyed) {
          left -= chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      res.writeHead(200);
      pump();
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const feed = (raw: Record<string, unknown>): FeedConfig => feedConfigSchema.parse(raw);
let n = 0;
const freshStore = () => openSqliteIndicatorStore(join(dir, `s${++n}.db`));

test('a URL feed is pulled, then skipped until due, then asked conditionally: a 304 changes nothing', async () => {
  const store = freshStore();
  const feeds = [feed({ name: 'csv', url: `${base}/feed.csv`, format: 'vigil-csv', intervalMinutes: 60 })];
  const [first] = await pullFeeds(feeds, store, { now: T0 });
  assert.equal(first?.status, 'updated');
  assert.equal(first.inserted, 2);
  assert.deepEqual((await store.getFeedState('csv'))?.etag, '"v1"');
  const [skipped] = await pullFeeds(feeds, store, { now: T0 + 10 * MIN });
  assert.equal(skipped?.status, 'skipped');
  const requests = hits.length;
  const [notModified] = await pullFeeds(feeds, store, { now: T0 + 61 * MIN });
  assert.equal(notModified?.status, 'not-modified');
  assert.equal(hits.length, requests + 1);
  assert.equal(hits.at(-1)?.inm, '"v1"');
  assert.equal(hits.at(-1)?.ims, 'Sat, 28 Nov 2026 00:00:00 GMT');
  const state = await store.getFeedState('csv');
  assert.equal(state?.lastSuccess, T0 + 61 * MIN);
  assert.equal((await store.listIndicators()).length, 2);
  // The feed changes: the next due pull merges (no duplicates) and adds the new indicator.
  body += '198.51.100.2,ipv4,80,,2026-11-02\n';
  etag = '"v2"';
  const [changed] = await pullFeeds(feeds, store, { now: T0 + 200 * MIN });
  assert.deepEqual([changed?.status, changed?.inserted, changed?.updated], ['updated', 1, 2]);
  assert.equal((await store.listIndicators()).length, 3);
  // --force pulls a feed that is not due.
  const [forced] = await pullFeeds(feeds, store, { now: T0 + 201 * MIN, force: true });
  assert.equal(forced?.status, 'not-modified');
  await store.close();
});

test('hostile feeds fail cleanly, are recorded, and leave the store as it was', async () => {
  const store = freshStore();
  await store.putIndicators([{ type: 'ipv4', value: '192.0.2.200', source: 'before', labels: [], revoked: false }]);
  const feeds = [
    feed({ name: 'utf8', url: `${base}/bad-utf8.txt`, format: 'plain' }),
    feed({ name: 'huge', url: `${base}/huge.txt`, format: 'plain', maxBytes: 2 * 1024 * 1024 }),
    feed({ name: 'auth', url: `${base}/secret.txt`, format: 'plain' }),
    feed({ name: 'gone', url: `${base}/nothing`, format: 'plain' }),
  ];
  const outcomes = await pullFeeds(feeds, store, { now: T0 });
  assert.deepEqual(outcomes.map((o) => o.status), ['failed', 'failed', 'failed', 'failed']);
  assert.match(outcomes[0]?.message ?? '', /invalid UTF-8 at byte 8 \(line 2\)/);
  assert.match(outcomes[1]?.message ?? '', /larger than the limit of 2097152 bytes/);
  assert.match(outcomes[2]?.message ?? '', /HTTP 401 \(check the feed's credentials\)/);
  assert.match(outcomes[3]?.message ?? '', /HTTP 404/);
  assert.deepEqual((await store.listIndicators()).map((i) => i.value), ['192.0.2.200']);
  const state = await store.getFeedState('utf8');
  assert.equal(state?.lastAttempt, T0);
  assert.equal(state.lastSuccess, undefined);
  assert.match(state.lastError ?? '', /UTF-8/);
  await store.close();
});

test('feed secrets come from the environment or a file, never from the configuration', async () => {
  const store = freshStore();
  process.env.VIGIL_TEST_FEED_TOKEN = 'tok-1';
  const secretFile = join(dir, 'token');
  writeFileSync(secretFile, 'tok-1\n');
  const outcomes = await pullFeeds(
    [
      feed({ name: 'env', url: `${base}/secret.txt`, format: 'plain', auth: { type: 'bearer', token: { env: 'VIGIL_TEST_FEED_TOKEN' } } }),
      feed({ name: 'file', url: `${base}/secret.txt`, format: 'plain', auth: { type: 'bearer', token: { file: secretFile } } }),
      feed({ name: 'unset', url: `${base}/secret.txt`, format: 'plain', auth: { type: 'bearer', token: { env: 'VIGIL_TEST_NO_SUCH_VAR' } } }),
    ],
    store,
    { now: T0 },
  );
  assert.deepEqual(outcomes.map((o) => o.status), ['updated', 'updated', 'failed']);
  assert.match(outcomes[2]?.message ?? '', /VIGIL_TEST_NO_SUCH_VAR is not set/);
  await store.close();
});

test('a file feed is read again only when it changed', async () => {
  const store = freshStore();
  const path = join(dir, 'list.txt');
  writeFileSync(path, '# bad hosts\nbad[.]example\n203.0.113.9\n');
  const feeds = [feed({ name: 'local', file: path, format: 'plain', intervalMinutes: 1 })];
  assert.equal((await pullFeeds(feeds, store, { now: T0 }))[0]?.status, 'updated');
  assert.equal((await pullFeeds(feeds, store, { now: T0 + 2 * MIN }))[0]?.status, 'not-modified');
  assert.deepEqual((await store.listIndicators()).map((i) => i.value).sort(), ['203.0.113.9', 'bad.example']);
  await store.close();
});

test('a feed that drops an indicator withdraws it, unless a record of the new snapshot could not be read', async () => {
  const store = freshStore();
  const path = join(dir, 'drops.txt');
  const feeds = [feed({ name: 'drops', file: path, format: 'plain', intervalMinutes: 1 })];
  const active = async (): Promise<string[]> => (await store.activeIndicators(T0 + 10 * MIN)).map((i) => i.value).sort();
  writeFileSync(path, '203.0.113.1\n203.0.113.2\nfp.example\n');
  await pullFeeds(feeds, store, { now: T0 });
  // The feed drops its false positive, with a record that cannot be read: nothing is withdrawn yet.
  writeFileSync(path, '203.0.113.1\n203.0.113.2\nnot an indicator at all\n');
  const partial = (await pullFeeds(feeds, store, { now: T0 + 2 * MIN, force: true }))[0];
  assert.equal(partial?.badRecords, 1, JSON.stringify(partial));
  assert.equal(partial.withdrawn, 0);
  assert.deepEqual(await active(), ['203.0.113.1', '203.0.113.2', 'fp.example']);
  // A clean snapshot without it withdraws it; the indicator stays stored, inactive.
  writeFileSync(path, '203.0.113.1\n203.0.113.2\n');
  const clean = (await pullFeeds(feeds, store, { now: T0 + 4 * MIN, force: true }))[0];
  assert.equal(clean?.withdrawn, 1, JSON.stringify(clean));
  assert.deepEqual(await active(), ['203.0.113.1', '203.0.113.2']);
  assert.equal((await store.findByValue('domain', 'fp.example')).length, 1);
  assert.equal((await store.stats(T0 + 10 * MIN)).withdrawn, 1);
  await store.close();
});

test('a TAXII feed is pulled completely, and the second pull fetches only what is new', async () => {
  const taxii = await startTaxiiTestServer({
    pageSize: 2,
    auth: { basic: 'u:p' },
    objects: [1, 2, 3].map((i) => ({ object: testIndicator(i, `[ipv4-addr:value = '198.51.100.${i}']`, { confidence: 90 }), dateAdded: `2026-11-0${i}T00:00:00.000Z` })),
  });
  process.env.VIGIL_TEST_TAXII_PASSWORD = 'p';
  try {
    const store = freshStore();
    const feeds = [feed({ name: 'taxii', url: taxii.discoveryUrl, format: 'taxii', collection: TEST_COLLECTION, auth: { type: 'basic', username: 'u', password: { env: 'VIGIL_TEST_TAXII_PASSWORD' } } })];
    const [first] = await pullFeeds(feeds, store, { now: T0 });
    assert.equal(first?.status, 'updated', first?.message);
    assert.equal(first.inserted, 3);
    assert.equal((await store.getFeedState('taxii'))?.cursor, '2026-11-03T00:00:00.000Z');
    taxii.objects = [...taxii.objects, { object: testIndicator(4, "[domain-name:value = 'new.example']"), dateAdded: '2026-11-04T00:00:00.000Z' }];
    const [second] = await pullFeeds(feeds, store, { now: T0 + 61 * MIN });
    assert.deepEqual([second?.status, second?.read, second?.inserted], ['updated', 1, 1]);
    assert.equal((await store.listIndicators()).length, 4);
    // A server that never ends its pagination: the pull fails and nothing of it is stored.
    taxii.mode = 'endless';
    const [endless] = await pullFeeds([{ ...feeds[0]!, maxPages: 20 }], store, { now: T0 + 200 * MIN, force: true });
    assert.equal(endless?.status, 'failed');
    assert.match(endless.message ?? '', /did not end after 20 pages/);
    assert.equal((await store.listIndicators()).length, 4);
    await store.close();
  } finally {
    await taxii.close();
  }
});
