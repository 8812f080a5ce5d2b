import dgram from 'node:dgram';
import net from 'node:net';
import { ActionFailure } from '../../../core/respond/action.js';
import { frameOctetCounted } from './rfc5424.js';

export interface SyslogDestination {
  readonly host: string;
  readonly port: number;
  readonly protocol: 'udp' | 'tcp';
  readonly timeoutMs: number;
}

/** Sends one formatted message: a UDP datagram, or an octet-counted frame on a fresh TCP connection. */
export function sendSyslog(message: Buffer, to: SyslogDestination, signal: AbortSignal): Promise<void> {
  const where = `syslog.send ${to.protocol}://${to.host}:${to.port}`;
  if (signal.aborted) return Promise.reject(new ActionFailure(`${where}: cancelled`, { retryable: true }));
  return to.protocol === 'udp' ? sendUdp(message, to, where) : sendTcp(frameOctetCounted(message), to, signal, where);
}

function sendUdp(message: Buffer, to: SyslogDestination, where: string): Promise<void> {
  const socket = dgram.createSocket(net.isIPv6(to.host) ? 'udp6' : 'udp4');
  return new Promise<void>((resolve, reject) => {
    socket.once('error', (error) => {
      socket.close();
      reject(new ActionFailure(`${where}: ${codeOf(error)}`, { retryable: true }));
    });
    socket.send(message, to.port, to.host, (error) => {
      socket.close();
      if (error) reject(new ActionFailure(`${where}: ${codeOf(error)}`, { retryable: true }));
      else resolve();
    });
  });
}

function sendTcp(frame: Buffer, to: SyslogDestination, signal: AbortSignal, where: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const socket = net.connect({ host: to.host, port: to.port });
    let done = false;
    const finish = (failure?: ActionFailure): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      if (failure) reject(failure);
      else resolve();
    };
    const onAbort = (): void => { finish(new ActionFailure(`${where}: cancelled`, { retryable: true })); };
    const timer = setTimeout(() => { finish(new ActionFailure(`${where}: not delivered within ${to.timeoutMs} ms`, { retryable: true })); }, to.timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('error', (error) => { finish(new ActionFailure(`${where}: connection failed (${codeOf(error)})`, { retryable: true })); });
    // 'finish' fires once the frame is handed to the kernel; the connection is then closed.
    socket.end(frame, () => { finish(); });
  });
}

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'error';
}
