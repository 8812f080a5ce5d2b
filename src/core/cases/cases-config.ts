import { z } from 'zod';

/** Entity kinds of an alert (`related.*`) that can join alerts into one case. */
export const LINK_KINDS = ['ip', 'user', 'host'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

const minutes = (d: number) => z.number().positive().max(365 * 24 * 60).default(d);
const serviceLevel = (acknowledge: number, resolve: number) =>
  z.strictObject({ acknowledgeMinutes: minutes(acknowledge), resolveMinutes: minutes(resolve) }).prefault({});

/**
 * The `cases` section of `vigil.yml`: how alerts group into cases and the service levels per severity.
 * Strict, like every config section: an unknown key is an error naming the key.
 */
export const casesConfigSchema = z.strictObject({
  /**
   * Alerts join a case when their activity (event time, `event.start`..`event.end`) comes within this
   * many minutes of the case's activity and they share a linking entity. Event time, not wall-clock
   * time, so analysing old logs groups them as they happened.
   */
  windowMinutes: minutes(60),
  /**
   * Which entity kinds link alerts. A source IP names the actor and always links when listed. A user or
   * host links only when one side names no source IP: the same account touched from two unrelated
   * addresses is two incidents, and a host that every alert names (the only server) must not merge
   * unrelated ones; host is therefore off by default.
   */
  linkBy: z.array(z.enum(LINK_KINDS)).min(1).max(3).default(['ip', 'user']),
  /** Values that never link (loopback, placeholders): every local session would share them. */
  neverLink: z.array(z.string().min(1).max(256)).max(1000).default(['127.0.0.1', '::1', '-', 'unknown']),
  /** Time to acknowledge and to resolve, per case severity. */
  serviceLevels: z
    .strictObject({
      critical: serviceLevel(15, 4 * 60),
      high: serviceLevel(60, 24 * 60),
      medium: serviceLevel(4 * 60, 3 * 24 * 60),
      low: serviceLevel(24 * 60, 7 * 24 * 60),
    })
    .prefault({}),
});

export type CasesConfig = z.infer<typeof casesConfigSchema>;

/** The defaults, fully populated. */
export function defaultCasesConfig(): CasesConfig {
  return casesConfigSchema.parse({});
}
