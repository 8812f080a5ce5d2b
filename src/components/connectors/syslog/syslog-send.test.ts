import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ActionFailure } from '../../../core/respond/action.js';
import { connectorsConfigSchema } from '../../../core/respond/connectors-config.js';
import { testContext } from '../testing/action-context.js';
import { defineSyslogSend } from './syslog-send.js';

const NOW = Date.UTC(2026, 10, 28, 3, 0, 0);

/** Reads RFC 6587 octet-counted frames from a TCP stream, as a collector does. */
function octetFrames(buffer: Buffer): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < buffer.length) {
    const space = buffer.indexOf(0x20, at);
    const length = Number(buffer.subarray(at, space).toString('ascii'));
    assert.ok(Number.isInteger(length) && length > 0, `bad frame length at ${at}`);
    out.push(buffer.subarray(space + 1, space + 1 + length).toString('utf8'));
    at = space + 1 + length;
  }
  return out;
}

describe('syslog.send against local UDP and TCP listeners', () => {
  const udpMessages: string[] = [];
  const tcpStreams: Buffer[] = [];
  let udp: dgram.Socket;
  let tcp: net.Server;
  let udpPort = 0;
  let tcpPort = 0;
  before(async () => {
    udp = dgram.createSocket('udp4');
    udp.on('message', (m) => udpMessages.push(m.toString('utf8')));
    await new Promise<void>((r) => udp.bind(0, '127.0.0.1', r));
    udpPort = udp.address().port;
    tcp = net.createServer((socket) => {
      const chunks: Buffer[] = [];
      socket.on('data', (c) => chunks.push(c));
      socket.on('end', () => { tcpStreams.push(Buffer.concat(chunks)); socket.end(); });
    });
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
    tcpPort = (tcp.address() as net.AddressInfo).port;
  });
  after(() => {
    udp.close();
    tcp.close();
  });

  const make = (protocol: 'udp' | 'tcp', extra: Record<string, unknown> = {}) =>
    defineSyslogSend({ config: connectorsConfigSchema.parse({ syslog: { host: '127.0.0.1', port: protocol === 'udp' ? udpPort : tcpPort, protocol, hostname: 'vigil-test', ...extra } }), now: () => NOW });

  async function waitFor(check: () => boolean): Promise<void> {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(check(), 'the listener did not receive the message');
  }

  it('sends one RFC 5424 datagram over UDP with escaped structured data', async () => {
    const a = make('udp');
    const out = await a.run(a.input.parse({ message: 'Brute force from 203.0.113.5', severity: 'err', facility: 'auth', msg_id: 'ALERT', structured_data: { 'vigil@32473': { rule: 'brute"force]', ip: '203.0.113.5' } } }), testContext());
    await waitFor(() => udpMessages.length === 1);
    const line = udpMessages[0]!;
    assert.equal(out.bytes, Buffer.byteLength(line));
    assert.equal(line, `<35>1 2026-11-28T03:00:00.000Z vigil-test vigil ${process.pid} ALERT [vigil@32473 rule="brute\\"force\\]" ip="203.0.113.5"] Brute force from 203.0.113.5`);
  });

  it('sends octet-counted frames over TCP, with newlines neutralised', async () => {
    const a = make('tcp');
    await a.run(a.input.parse({ message: 'line one\nline two ; rm -rf / ${7*7}' }), testContext());
    await a.run(a.input.parse({ message: 'second' }), testContext());
    await waitFor(() => tcpStreams.length === 2);
    const frames = tcpStreams.flatMap(octetFrames);
    assert.equal(frames.length, 2);
    assert.ok(frames[0]!.endsWith(' - - line one#012line two ; rm -rf / ${7*7}'), frames[0]);
    assert.ok(frames[1]!.endsWith(' second'));
  });

  it('truncates UDP messages to the configured size', async () => {
    const before = udpMessages.length;
    await make('udp', { maxUdpBytes: 480 }).run({ message: 'x'.repeat(5000), severity: 'info', facility: 'local0' }, testContext());
    await waitFor(() => udpMessages.length === before + 1);
    assert.equal(Buffer.byteLength(udpMessages.at(-1)!), 480);
  });

  it('maps a refused TCP connection to a retryable failure', async () => {
    const s = net.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const { port } = s.address() as net.AddressInfo;
    await new Promise<void>((r) => s.close(() => { r(); }));
    const a = defineSyslogSend({ config: connectorsConfigSchema.parse({ syslog: { host: '127.0.0.1', port, protocol: 'tcp' } }), now: () => NOW });
    await assert.rejects(a.run({ message: 'x', severity: 'info', facility: 'local0' }, testContext()), (e: unknown) => e instanceof ActionFailure && e.retryable && /ECONNREFUSED/.test(e.message));
  });

  it('refuses invalid structured-data names at the input boundary', () => {
    const a = make('udp');
    assert.equal(a.input.safeParse({ message: 'x', structured_data: { 'a b': { k: 'v' } } }).success, false);
    assert.equal(a.input.safeParse({ message: 'x', structured_data: { ok: { 'k]': 'v' } } }).success, false);
  });

  it('plans one line', () => {
    assert.equal(make('tcp').plan({ message: 'abc', severity: 'err', facility: 'auth' }), `send an RFC 5424 message (auth.err, 3 characters) to tcp://127.0.0.1:${tcpPort}`);
  });
});
