import type { DetectionConfig } from '../../schema/config.js';
import { buildAlert, type RuleDefinition } from './alert-factory.js';
import { hourOf, isSuccessfulLogin } from './auth-facts.js';
import type { AlertSink, Detector } from './detector.js';
import { Episode } from './episode.js';

export const UNUSUAL_LOGIN_RULE: RuleDefinition = {
  id: 'vigil.auth.new_source_unusual_hour',
  name: 'Login from a new source at an hour the user never works',
  description:
    'A user logged in from an address never seen for that user, at an hour when neither that user nor almost anyone else logs in.',
  category: 'baseline',
  severity: 'high',
  technique: 'T1078',
};

interface UserBaseline {
  logins: number;
  readonly hours: Uint32Array;
  readonly sources: Set<string>;
}

/**
 * Per-user baselines of sources and login hours, learned online from the events themselves (except
 * from logins this detection flagged).
 * An hour is unusual for a user when the user has never logged in within ± tolerance of it and the
 * whole population rarely does; population evidence keeps users with short histories from alerting
 * on every new daytime login.
 */
export function createUnusualLoginDetector(config: DetectionConfig['unusualLogin'], emit: AlertSink): Detector {
  const users = new Map<string, UserBaseline>();
  const population = new Uint32Array(24);
  let populationLogins = 0;
  const around = (hours: Uint32Array, hour: number): number => {
    let n = 0;
    for (let d = -config.hourToleranceHours; d <= config.hourToleranceHours; d++) n += hours[(hour + d + 24) % 24]!;
    return n;
  };
  const populationShareAround = (hour: number): number => (populationLogins === 0 ? 0 : around(population, hour) / populationLogins);
  return {
    id: UNUSUAL_LOGIN_RULE.id,
    actions: ['ssh_login'],
    observe(ts, e) {
      if (!isSuccessfulLogin(e)) return;
      const ip = e.source!.ip!;
      const name = e.user!.name!;
      const hour = hourOf(ts);
      let user = users.get(name);
      if (user === undefined) {
        user = { logins: 0, hours: new Uint32Array(24), sources: new Set() };
        users.set(name, user);
      }
      // Cheapest test first: almost every login comes from a source the user has used before.
      const suspicious =
        user.logins >= config.minUserLogins &&
        !user.sources.has(ip) &&
        around(user.hours, hour) === 0 &&
        populationLogins >= config.minPopulationLogins &&
        populationShareAround(hour) < config.rareHourShare;
      if (suspicious) {
        const userAtHour = around(user.hours, hour);
        const populationShare = populationShareAround(hour);
        const episode = new Episode(ts, ts);
        episode.add(ts, e);
        const firstHour = user.hours.findIndex((n) => n > 0);
        const lastHour = 23 - [...user.hours].reverse().findIndex((n) => n > 0);
        emit(
          buildAlert({
            rule: UNUSUAL_LOGIN_RULE,
            key: `${name}\u0000${ip}`,
            episode,
            message:
              `"${name}" logged in on ${e.host?.name ?? 'an unknown host'} from ${ip}, a source never seen for this user in ${user.logins} earlier logins, ` +
              `at ${String(hour).padStart(2, '0')}:00 UTC; this user has only logged in between ${firstHour}:00 and ${lastHour}:59, ` +
              `and only ${(populationShare * 100).toFixed(2)}% of all ${populationLogins} logins fall within ±${config.hourToleranceHours} h of this hour.`,
            explanation: {
              user: name,
              source_ip: ip,
              hour_utc: hour,
              user_logins_before: user.logins,
              user_known_sources: user.sources.size,
              user_logins_near_hour: userAtHour,
              population_share_near_hour: populationShare,
              rare_hour_share: config.rareHourShare,
            },
          }),
        );
        // A suspicious login teaches the baseline nothing: the next one at that hour must alert too.
        return;
      }
      user.logins++;
      user.hours[hour]!++;
      user.sources.add(ip);
      population[hour]!++;
      populationLogins++;
    },
    flush() {
      // Alerts are emitted at the login itself.
    },
  };
}
