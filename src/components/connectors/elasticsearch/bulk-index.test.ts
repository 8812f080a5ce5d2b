import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ActionFailure } from '../../../core/respond/action.js';
import { connectorsConfigSchema } from '../../../core/respond/connectors-config.js';
import { reply, startHttpServer, type LocalHttpServer } from '../testing/local-http-server.js';
import { testContext } from '../testing/action-context.js';
import { defineElasticsearchBulkIndex } from './bulk-index.js';

interface Doc { readonly reject?: string; readonly [k: string]: unknown }

describe('elasticsearch.bulk_index against a local _bulk endpoint', () => {
  let server: LocalHttpServer;
  const stored = new Map<string, unknown>();
  before(async () => {
    // Parses the NDJSON as Elasticsearch does and answers per item; a document asks for its own failure.
    server = await startHttpServer((req, res) => {
      if (req.path !== '/_bulk' || req.headers['content-type'] !== 'application/x-ndjson') { reply(res, 400, { error: 'bad request' }); return; }
      if (!req.body.endsWith('\n')) { reply(res, 400, { error: { type: 'illegal_argument_exception', reason: 'The bulk request must be terminated by a newline [\\n]' } }); return; }
      const lines = req.body.slice(0, -1).split('\n');
      const items: unknown[] = [];
      for (let i = 0; i < lines.length; i += 2) {
        const action = JSON.parse(lines[i]!) as { index: { _index: string; _id?: string } };
        const doc = JSON.parse(lines[i + 1]!) as Doc;
        const id = action.index._id ?? `auto-${i}`;
        if (doc.reject === 'mapping') items.push({ index: { _index: action.index._index, _id: id, status: 400, error: { type: 'mapper_parsing_exception', reason: 'failed to parse field [x]' } } });
        else if (doc.reject === 'busy') items.push({ index: { _index: action.index._index, _id: id, status: 429, error: { type: 'es_rejected_execution_exception', reason: 'queue full' } } });
        else {
          stored.set(`${action.index._index}/${id}`, doc);
          items.push({ index: { _index: action.index._index, _id: id, status: 201, result: 'created' } });
        }
      }
      reply(res, 200, { took: 3, errors: items.some((it) => (it as { index: { status: number } }).index.status >= 300), items });
    });
  });
  after(() => server.close());
  const make = (auth: 'api_key' | 'none' = 'none') => defineElasticsearchBulkIndex({ config: connectorsConfigSchema.parse({ elasticsearch: { url: server.url, auth } }), now: Date.now });

  it('indexes documents with their ids through NDJSON and sends the API key', async () => {
    const a = make('api_key');
    assert.deepEqual(a.secrets, ['ELASTICSEARCH_API_KEY']);
    const out = await a.run(a.input.parse({ documents: [{ id: 'alert-1', doc: { rule: 'r1', note: '{{7*7}}' } }, { id: 'alert-2', doc: { rule: 'r2' } }] }), testContext({ ELASTICSEARCH_API_KEY: 'a2V5OnNlY3JldA==' }));
    assert.deepEqual(out, { indexed: 2 });
    assert.deepEqual(stored.get('vigil-alerts/alert-1'), { rule: 'r1', note: '{{7*7}}' });
    assert.equal(server.requests.at(-1)!.headers.authorization, 'ApiKey a2V5OnNlY3JldA==');
  });

  it('sends no Authorization header when auth is none, and requires the key otherwise', async () => {
    const a = make('none');
    assert.deepEqual(a.secrets, []);
    await a.run(a.input.parse({ documents: [{ doc: {} }] }), testContext());
    assert.equal(server.requests.at(-1)!.headers.authorization, undefined);
    const keyed = make('api_key');
    await assert.rejects(keyed.run(keyed.input.parse({ documents: [{ doc: {} }] }), testContext()), /ELASTICSEARCH_API_KEY is not set/);
  });

  it('fails without retry when an item has a mapping error, naming the count and the first error', async () => {
    const a = make();
    await assert.rejects(a.run(a.input.parse({ index: 'other', documents: [{ id: 'ok', doc: {} }, { id: 'bad', doc: { reject: 'mapping' } }] }), testContext()), (e: unknown) => {
      assert.ok(e instanceof ActionFailure);
      assert.equal(e.retryable, false);
      assert.match(e.message, /1 of 2 documents failed \(first: mapper_parsing_exception: failed to parse field \[x\]\)/);
      return true;
    });
  });

  it('fails with retry when only back-pressure (429) rejected items', async () => {
    const a = make();
    await assert.rejects(a.run(a.input.parse({ documents: [{ id: 'q', doc: { reject: 'busy' } }] }), testContext()), (e: unknown) => e instanceof ActionFailure && e.retryable);
  });

  it('refuses index names Elasticsearch would refuse', () => {
    const a = make();
    for (const index of ['Upper', '_hidden', 'a b', 'a/b', 'x*', '']) assert.equal(a.input.safeParse({ index, documents: [{ doc: {} }] }).success, false, index);
  });
});
