import type { EcsEvent } from '../../schema/event.js';
import { isSuccessfulLogin } from './auth-facts.js';
import type { Detector } from './detector.js';

/**
 * Who logged in where from which address: the source of the last successful SSH login per host and user.
 * Lets detections of later, address-less events (sudo, useradd) name the remote source behind them.
 */
export class LoginSessions implements Detector {
  readonly id = 'vigil.login_sessions';
  readonly actions = ['ssh_login'];
  /**
   * Source address by host (or '' when unknown), then by user. Nested maps rather than one keyed by
   * "host\0user": every successful login is recorded, and building that key costs more than a lookup.
   */
  private readonly byHost = new Map<string, Map<string, string>>();

  /** Records a successful login. */
  observe(_ts: number, e: EcsEvent): void {
    if (!isSuccessfulLogin(e)) return;
    const host = e.host?.name ?? '';
    let byUser = this.byHost.get(host);
    if (byUser === undefined) this.byHost.set(host, (byUser = new Map<string, string>()));
    byUser.set(e.user!.name!, e.source!.ip!);
  }

  /** Emits nothing. */
  flush(): void {
    // Sessions are state for other detectors, not a detection.
  }

  /** The source address of the user's latest login on the host, if any. */
  sourceOf(host: string | undefined, user: string | undefined): string | undefined {
    if (user === undefined) return undefined;
    return this.byHost.get(host ?? '')?.get(user);
  }
}
