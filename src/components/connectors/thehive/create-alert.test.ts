import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ActionFailure } from '../../../core/respond/action.js';
import { connectorsConfigSchema } from '../../../core/respond/connectors-config.js';
import { reply, startHttpServer, type LocalHttpServer } from '../testing/local-http-server.js';
import { testContext } from '../testing/action-context.js';
import { defineTheHiveCreateAlert } from './create-alert.js';

const KEY = 'thehive-api-key-0c41';
const NOW = Date.UTC(2026, 10, 28, 3, 0, 0);

describe('thehive.create_alert against a local TheHive 5 API', () => {
  let server: LocalHttpServer;
  const refs = new Set<string>();
  before(async () => {
    // TheHive refuses a second alert with the same (type, source, sourceRef).
    server = await startHttpServer((req, res) => {
      if (req.method !== 'POST' || req.path !== '/thehive/api/v1/alert') { reply(res, 404, { type: 'NotFound', message: 'no route' }); return; }
      if (req.headers.authorization !== `Bearer ${KEY}`) { reply(res, 401, { type: 'AuthenticationError', message: 'Authentication failure' }); return; }
      const body = JSON.parse(req.body) as { type: string; source: string; sourceRef: string };
      const ref = `${body.type}/${body.source}/${body.sourceRef}`;
      if (refs.has(ref)) { reply(res, 400, { type: 'CreateError', message: `Alert ${ref} already exists` }); return; }
      refs.add(ref);
      reply(res, 201, { _id: `~${refs.size}`, _type: 'Alert', ...body });
    });
  });
  after(() => server.close());
  const make = () => defineTheHiveCreateAlert({ config: connectorsConfigSchema.parse({ thehive: { url: `${server.url}/thehive`, organisation: 'soc' } }), now: () => NOW });

  it('creates an alert with mapped observables and returns its id', async () => {
    const a = make();
    const input = a.input.parse({
      title: 'Compromise: alice from 203.0.113.5',
      severity: 'critical',
      tags: ['vigil', 'T1110'],
      observables: [
        { type: 'ip', value: '203.0.113.5', ioc: true },
        { type: 'user', value: 'alice' },
        { type: 'host', value: 'web-1' },
        { type: 'email', value: 'alice@example.com' },
        { type: 'hash', value: 'd41d8cd98f00b204e9800998ecf8427e' },
      ],
    });
    const out = await a.run(input, testContext({ THEHIVE_API_KEY: KEY }, undefined, 'run-7/notify'));
    assert.deepEqual(out, { id: '~1' });
    const seen = server.requests.at(-1)!;
    assert.equal(seen.headers['x-organisation'], 'soc');
    assert.deepEqual(JSON.parse(seen.body), {
      type: 'vigil',
      source: 'vigil',
      sourceRef: 'run-7/notify',
      title: 'Compromise: alice from 203.0.113.5',
      description: 'Compromise: alice from 203.0.113.5',
      severity: 4,
      date: NOW,
      tags: ['vigil', 'T1110'],
      tlp: 2,
      pap: 2,
      observables: [
        { dataType: 'ip', data: '203.0.113.5', ioc: true, tags: [] },
        { dataType: 'other', data: 'alice', ioc: false, tags: ['vigil:user'] },
        { dataType: 'hostname', data: 'web-1', ioc: false, tags: [] },
        { dataType: 'mail', data: 'alice@example.com', ioc: false, tags: [] },
        { dataType: 'hash', data: 'd41d8cd98f00b204e9800998ecf8427e', ioc: false, tags: [] },
      ],
    });
  });

  it('does not create a duplicate when the same step is retried (sourceRef = idempotency key)', async () => {
    const a = make();
    await assert.rejects(a.run(a.input.parse({ title: 'again' }), testContext({ THEHIVE_API_KEY: KEY }, undefined, 'run-7/notify')), (e: unknown) => e instanceof ActionFailure && !e.retryable && /already exists/.test(e.message));
  });

  it('maps a bad key to a non-retryable failure that does not contain it', async () => {
    const a = make();
    await assert.rejects(a.run(a.input.parse({ title: 't' }), testContext({ THEHIVE_API_KEY: 'bad-key-value-99' })), (e: unknown) => e instanceof ActionFailure && !e.retryable && /HTTP 401/.test(e.message) && !e.message.includes('bad-key-value-99'));
  });

  it('refuses unknown observable types', () => {
    assert.equal(make().input.safeParse({ title: 't', observables: [{ type: 'registry', value: 'x' }] }).success, false);
  });
});
