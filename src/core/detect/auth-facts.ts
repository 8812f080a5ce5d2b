import type { EcsEvent } from '../../schema/event.js';

/** A failed SSH authentication (any method) with a known source and account name. */
export function isFailedLogin(e: EcsEvent): boolean {
  return e.event.action === 'ssh_login' && e.event.outcome === 'failure' && e.source?.ip !== undefined && e.user?.name !== undefined;
}

/** A successful SSH authentication with a known source and account name. */
export function isSuccessfulLogin(e: EcsEvent): boolean {
  return e.event.action === 'ssh_login' && e.event.outcome === 'success' && e.source?.ip !== undefined && e.user?.name !== undefined;
}

/** True when sshd said the account does not exist ("invalid user"). */
export function isInvalidUser(e: EcsEvent): boolean {
  return e.system?.auth?.ssh?.invalid_user === true;
}

/** Hour of day (UTC) of an epoch-ms time. */
export function hourOf(ts: number): number {
  return Math.floor(ts / 3_600_000) % 24;
}

/** Formats a duration for explanations ("4 min", "2.5 h"). */
export function formatDuration(ms: number): string {
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}
