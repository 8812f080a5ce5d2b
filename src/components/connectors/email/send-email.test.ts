import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { ActionFailure } from '../../../core/respond/action.js';
import { connectorsConfigSchema, type ConnectorsConfigInput } from '../../../core/respond/connectors-config.js';
import { testContext } from '../testing/action-context.js';
import { defineEmailSend } from './send-email.js';

const PASSWORD = 'smtp-pass-7Hq2xZ';

interface Received {
  readonly raw: string;
  readonly rcpt: string[];
  readonly secure: boolean;
  readonly user: string | undefined;
}

async function startSmtp(options: SMTPServerOptions): Promise<{ port: number; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    ...options,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ raw: Buffer.concat(chunks).toString('utf8'), rcpt: session.envelope.rcptTo.map((r) => r.address), secure: session.secure, user: typeof session.user === 'string' ? session.user : undefined });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as net.AddressInfo;
  return { port, received, close: () => new Promise<void>((resolve) => { server.close(() => { resolve(); }); }) };
}

function headersOf(raw: string): string[] {
  return raw.slice(0, raw.indexOf('\r\n\r\n')).split('\r\n');
}

const make = (smtp: ConnectorsConfigInput['smtp']) => defineEmailSend({ config: connectorsConfigSchema.parse({ smtp }), now: Date.now });

describe('email.send against a local SMTP server (smtp-server)', () => {
  let plain: Awaited<ReturnType<typeof startSmtp>>;
  let tls: Awaited<ReturnType<typeof startSmtp>>;
  before(async () => {
    plain = await startSmtp({ disabledCommands: ['STARTTLS', 'AUTH'], authOptional: true });
    // STARTTLS with smtp-server's built-in self-signed certificate; AUTH only after TLS.
    tls = await startSmtp({
      authMethods: ['PLAIN', 'LOGIN'],
      onAuth(auth, _session, callback) {
        if (auth.username === 'vigil' && auth.password === PASSWORD) callback(null, { user: 'vigil' });
        else callback(new Error('Invalid username or password'));
      },
    });
  });
  after(async () => {
    await plain.close();
    await tls.close();
  });

  it('sends a plain-text message without TLS when configured so', async () => {
    const a = make({ host: '127.0.0.1', port: plain.port, tls: 'none', from: 'vigil@soc.example' });
    const out = await a.run(a.input.parse({ to: ['analyst@soc.example'], cc: ['lead@soc.example'], subject: 'Brute force from 203.0.113.5', text: 'Details: ${7*7} {{7*7}} $(touch /tmp/x) ; rm -rf /' }), testContext());
    assert.deepEqual(out.accepted, ['analyst@soc.example', 'lead@soc.example']);
    const got = plain.received.at(-1)!;
    assert.equal(got.secure, false);
    assert.deepEqual(got.rcpt, ['analyst@soc.example', 'lead@soc.example']);
    assert.ok(headersOf(got.raw).includes('Subject: Brute force from 203.0.113.5'));
    assert.ok(headersOf(got.raw).includes('From: vigil@soc.example'));
    assert.ok(got.raw.includes('Details: ${7*7} {{7*7}} $(touch /tmp/x) ; rm -rf /'));
  });

  it('upgrades with STARTTLS and logs in with the secret password', async () => {
    const a = make({ host: '127.0.0.1', port: tls.port, tls: 'starttls', rejectUnauthorized: false, user: 'vigil' });
    await a.run(a.input.parse({ to: ['analyst@soc.example'], subject: 's', text: 't' }), testContext({ SMTP_PASSWORD: PASSWORD }));
    const got = tls.received.at(-1)!;
    assert.equal(got.secure, true);
    assert.equal(got.user, 'vigil');
  });

  it('speaks TLS from the first byte when configured for implicit TLS (port 465 style)', async () => {
    const implicit = await startSmtp({ secure: true, authOptional: true, disabledCommands: ['AUTH'] });
    try {
      const a = make({ host: '127.0.0.1', port: implicit.port, tls: 'implicit', rejectUnauthorized: false });
      await a.run(a.input.parse({ to: ['a@soc.example'], subject: 's', text: 't' }), testContext());
      assert.equal(implicit.received.at(-1)!.secure, true);
    } finally {
      await implicit.close();
    }
  });

  it('refuses a self-signed certificate unless told otherwise', async () => {
    const a = make({ host: '127.0.0.1', port: tls.port, tls: 'starttls', user: 'vigil' });
    const before = tls.received.length;
    await assert.rejects(a.run(a.input.parse({ to: ['a@soc.example'], subject: 's', text: 't' }), testContext({ SMTP_PASSWORD: PASSWORD })), (e: unknown) => e instanceof ActionFailure && !e.retryable);
    assert.equal(tls.received.length, before);
  });

  it('refuses to send when STARTTLS is required and the server does not offer it', async () => {
    const a = make({ host: '127.0.0.1', port: plain.port, tls: 'starttls' });
    const before = plain.received.length;
    await assert.rejects(a.run(a.input.parse({ to: ['a@soc.example'], subject: 's', text: 't' }), testContext()), (e: unknown) => e instanceof ActionFailure && !e.retryable);
    assert.equal(plain.received.length, before);
  });

  it('maps a wrong password to a non-retryable failure that does not contain it', async () => {
    const a = make({ host: '127.0.0.1', port: tls.port, tls: 'starttls', rejectUnauthorized: false, user: 'vigil' });
    await assert.rejects(a.run(a.input.parse({ to: ['a@soc.example'], subject: 's', text: 't' }), testContext({ SMTP_PASSWORD: 'wrong-password-31' })), (e: unknown) => {
      assert.ok(e instanceof ActionFailure);
      assert.equal(e.retryable, false);
      assert.match(e.message, /EAUTH/);
      assert.ok(!e.message.includes('wrong-password-31'));
      return true;
    });
  });

  it('keeps a newline in the subject from adding a header or a recipient', async () => {
    const a = make({ host: '127.0.0.1', port: plain.port, tls: 'none' });
    await a.run(a.input.parse({ to: ['analyst@soc.example'], subject: 'Alert\r\nBcc: evil@attacker.example\r\nX-Injected: yes', text: 'body' }), testContext());
    const got = plain.received.at(-1)!;
    assert.deepEqual(got.rcpt, ['analyst@soc.example']);
    const headers = headersOf(got.raw);
    assert.ok(!headers.some((h) => /^(bcc|x-injected):/i.test(h)), headers.join('\n'));
    assert.ok(headers.includes('Subject: Alert Bcc: evil@attacker.example X-Injected: yes'), headers.join('\n'));
  });

  it('rejects addresses carrying a newline, a second address or a display name', () => {
    const a = make({});
    for (const to of ['a@soc.example\r\nBcc: evil@attacker.example', 'a@soc.example, evil@attacker.example', 'Eve <evil@attacker.example>', 'a@soc.example\n', '$(touch /tmp/x)@soc.example']) {
      assert.equal(a.input.safeParse({ to: [to], subject: 's', text: 't' }).success, false, JSON.stringify(to));
    }
  });

  it('maps a refused connection to a retryable failure', async () => {
    const s = net.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const { port } = s.address() as net.AddressInfo;
    await new Promise<void>((r) => s.close(() => { r(); }));
    const a = make({ host: '127.0.0.1', port, tls: 'none', timeoutMs: 2000 });
    await assert.rejects(a.run(a.input.parse({ to: ['a@soc.example'], subject: 's', text: 't' }), testContext()), (e: unknown) => e instanceof ActionFailure && e.retryable);
  });

  it('plans one line with the sender, recipients and server', () => {
    const a = make({ host: 'mail.soc.example', port: 587 });
    assert.equal(a.plan({ to: ['a@soc.example'], cc: [], subject: 'Hi\nthere', text: 'abc' }), 'e-mail "Hi there" (3 characters) from vigil@localhost to a@soc.example via mail.soc.example:587 (starttls)');
  });
});
