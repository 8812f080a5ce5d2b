import type { EcsEvent } from '../../schema/event.js';
import { isSuccessfulLogin } from './auth-facts.js';
import type { Detector } from './detector.js';

/**
 * Who logged in where from which address: the last successful SSH login per host and user.
 * Lets detections of later, address-less events (sudo, useradd) name the remote source behind them.
 */
export class LoginSessions implements Detector {
  readonly id = 'vigil.login_sessions';
  readonly actions = ['ssh_login'];
  private readonly byHostUser = new Map<string, { ip: string; ts: number }>();

  /** Records a successful login. */
  observe(ts: number, e: EcsEvent): void {
    if (!isSuccessfulLogin(e)) return;
    this.byHostUser.set(`${e.host?.name ?? ''}\u0000${e.user!.name!}`, { ip: e.source!.ip!, ts });
  }

  /** Emits nothing. */
  flush(): void {
    // Sessions are state for other detectors, not a detection.
  }

  /** The source address of the user's latest login on the host, if any. */
  sourceOf(host: string | undefined, user: string | undefined): string | undefined {
    if (user === undefined) return undefined;
    return this.byHostUser.get(`${host ?? ''}\u0000${user}`)?.ip;
  }
}
