import type { EcsEvent } from '../../schema/event.js';

/** Builds events for detector tests, as the Linux auth parser would produce them. */
export const T0 = Date.UTC(2026, 10, 2, 10, 0, 0);
let sequence = 0;

interface LoginOptions {
  readonly ip: string;
  readonly user: string;
  readonly host?: string;
  readonly invalid?: boolean;
  readonly method?: string;
}

function base(ts: number, action: string, host: string): EcsEvent {
  return {
    '@timestamp': new Date(ts).toISOString(),
    event: { kind: 'event', action, original: `${action} line`, sequence: ++sequence },
    host: { name: host },
    log: { file: { path: 'test.log' }, offset: sequence * 100 },
  };
}

/** A failed SSH password login. */
export function failed(ts: number, o: LoginOptions): EcsEvent {
  return {
    ...base(ts, 'ssh_login', o.host ?? 'bastion'),
    event: { kind: 'event', action: 'ssh_login', outcome: 'failure', original: 'Failed password', sequence: ++sequence },
    source: { ip: o.ip, port: 40000 },
    user: { name: o.user },
    system: { auth: { ssh: { event: 'Failed', method: o.method ?? 'password', invalid_user: o.invalid ?? false } } },
  };
}

/** A successful SSH login. */
export function accepted(ts: number, o: LoginOptions): EcsEvent {
  return {
    ...base(ts, 'ssh_login', o.host ?? 'bastion'),
    event: { kind: 'event', action: 'ssh_login', outcome: 'success', original: 'Accepted', sequence: ++sequence },
    source: { ip: o.ip, port: 40000 },
    user: { name: o.user },
    system: { auth: { ssh: { event: 'Accepted', method: o.method ?? 'publickey' } } },
  };
}

/** Any other event of the given action, with extra fields merged in. */
export function other(ts: number, action: string, host: string, extra: Partial<EcsEvent> = {}): EcsEvent {
  return { ...base(ts, action, host), ...extra };
}
