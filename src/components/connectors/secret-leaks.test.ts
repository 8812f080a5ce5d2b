import assert from 'node:assert/strict';
import net from 'node:net';
import { inspect } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { connectorActions } from './index.js';
import { testContext } from './testing/action-context.js';
import { answerSuccess, httpConnectorCases, reflectingBody, type HttpConnectorCase } from './testing/http-connector-cases.js';
import { reply, startHttpServer, type LocalHttpServer } from './testing/local-http-server.js';

const SMTP_PASSWORD = 'smtp-pw-Gh62Jd09Lx';

/**
 * Sets a secret for every connector, drives success and failure paths against real servers that
 * echo everything they receive (headers, paths, bodies, the password) back in their errors, and
 * greps all that Vigil produced — error messages and their inspected forms, log lines, plans and
 * JSON results — for any secret value or the token part of a secret webhook URL.
 */
describe('connector secrets never leak', () => {
  let server: LocalHttpServer;
  let smtp: SMTPServer;
  let smtpPort = 0;
  const produced: string[] = [];
  const record = (value: unknown): void => {
    if (value instanceof Error) {
      produced.push(value.message, String(value), inspect(value, { depth: 5 }), JSON.stringify(value));
    } else produced.push(JSON.stringify(value));
  };

  before(async () => {
    server = await startHttpServer((req, res) => {
      const mode = req.path.split('/')[1];
      if (mode === 'ok') { answerSuccess(req, res); return; }
      if (mode === 'reject') { reply(res, 401, reflectingBody(req)); return; }
      if (mode === 'down') { reply(res, 503, reflectingBody(req), { 'retry-after': '1' }); return; }
      if (mode === 'weird') { reply(res, 200, { unexpected: reflectingBody(req) }); return; }
      // 'hang': never answers
    });
    smtp = new SMTPServer({
      logger: false,
      authMethods: ['PLAIN'],
      onAuth(auth, _session, callback) {
        if (auth.password === SMTP_PASSWORD && auth.username === 'ok') callback(null, { user: 'ok' });
        else callback(new Error(`Authentication failed for ${auth.username} with password ${auth.password ?? ''}`));
      },
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => { callback(); });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    smtpPort = (smtp.server.address() as net.AddressInfo).port;
  });
  after(async () => {
    await server.close();
    await new Promise<void>((r) => { smtp.close(() => { r(); }); });
  });

  async function drive(c: HttpConnectorCase): Promise<'ok' | 'failed'> {
    const input = c.action.input.parse(c.input);
    const ctx = testContext(c.secrets);
    produced.push(c.action.plan(input));
    try {
      record(c.action.output.parse(await c.action.run(input, ctx)));
      return 'ok';
    } catch (error) {
      record(error);
      return 'failed';
    } finally {
      produced.push(...ctx.logs);
    }
  }

  it('HTTP connectors: success, rejection, server error, unexpected answer and timeout', async () => {
    const outcomes: string[] = [];
    for (const mode of ['ok', 'reject', 'down', 'weird', 'hang']) {
      for (const c of httpConnectorCases(`${server.url}/${mode}`, 300)) outcomes.push(`${mode}:${c.action.id}:${await drive(c)}`);
    }
    // The success path must really succeed and the failure paths really fail, or the grep proves nothing.
    assert.equal(outcomes.filter((o) => o.startsWith('ok:') && o.endsWith(':ok')).length, 7, outcomes.join('\n'));
    assert.equal(outcomes.filter((o) => !o.startsWith('ok:') && o.endsWith(':failed')).length, 4 * 7 - outcomes.filter((o) => o.startsWith('weird:') && o.endsWith(':ok')).length);
    // The servers did receive the secrets (so they were there to leak).
    const seen = JSON.stringify(server.requests.map((r) => [r.path, r.headers]));
    assert.ok(seen.includes('hec-tok-8d1e5b3c9a7f') && seen.includes('hive-key-Mn42Bv86Tr') && seen.includes('slack-path-Xy7Wq3'));
  });

  it('email: authentication failure that echoes the password, and success', async () => {
    for (const user of ['wrong', 'ok']) {
      const [action] = connectorActions({ config: { smtp: { host: '127.0.0.1', port: smtpPort, tls: 'starttls', rejectUnauthorized: false, user } } }).filter((a) => a.id === 'email.send');
      assert.ok(action);
      const input = action.input.parse({ to: ['a@soc.example'], subject: 's', text: 't' });
      const ctx = testContext({ SMTP_PASSWORD });
      produced.push(action.plan(input));
      try {
        record(await action.run(input, ctx));
        assert.equal(user, 'ok');
      } catch (error) {
        assert.equal(user, 'wrong');
        assert.match(String(error), /EAUTH/);
        record(error);
      }
      produced.push(...ctx.logs);
    }
  });

  it('nothing produced contains a secret value or a webhook token', () => {
    const needles = ['sig-key-Q9v7Lm2Rw4', 'hec-tok-8d1e5b3c9a7f', 'es-apikey-Zx81Kq0Pw5', 'hive-key-Mn42Bv86Tr', 'slack-path-Xy7Wq3', 'teams-path-Pk5Hj1', SMTP_PASSWORD];
    assert.ok(produced.length > 40, `only ${produced.length} outputs collected`);
    const all = produced.join('\n');
    for (const needle of needles) assert.ok(!all.includes(needle), `${needle} leaked:\n${produced.filter((p) => p.includes(needle)).join('\n')}`);
    // The redaction left handles where the values were echoed back.
    assert.match(all, /\[secret:SPLUNK_HEC_TOKEN\]/);
    assert.match(all, /\[secret:SMTP_PASSWORD\]/);
  });
});
