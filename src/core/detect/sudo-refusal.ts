import type { DetectionConfig } from '../../schema/config.js';
import { buildAlert, type RuleDefinition } from './alert-factory.js';
import type { AlertSink, Detector } from './detector.js';
import { EpisodeBook } from './episode-book.js';
import type { LoginSessions } from './login-sessions.js';

export const SUDO_REFUSAL_RULE: RuleDefinition = {
  id: 'vigil.privilege.sudo_refused',
  name: 'sudo refused',
  description: 'sudo refused a user (not in sudoers, command not allowed, or repeated wrong passwords): an attempt to gain privileges.',
  category: 'sequence',
  severity: 'high',
  technique: 'T1548.003',
};

const GAP_MS = 30 * 60_000;
const ATTEMPTS = /(\d+) incorrect password attempts?/;

/** sudo refusals per host and user (T1548.003), naming the user's login source when known. */
export function createSudoRefusalDetector(config: DetectionConfig['sudoRefusal'], sessions: LoginSessions, emit: AlertSink): Detector {
  const sources = new Map<string, string | undefined>();
  const episodes = new EpisodeBook(GAP_MS, (key, episode) => {
    const [host = '', user = ''] = key.split('\u0000');
    const ip = sources.get(key);
    sources.delete(key);
    emit(
      buildAlert({
        rule: SUDO_REFUSAL_RULE,
        key,
        episode,
        message:
          `sudo refused "${user}" on ${host} ${episode.count} time(s)` +
          `${ip === undefined ? '' : `; the user's session came from ${ip}`}. Reasons: ${[...reasons(key)].join('; ')}.`,
        explanation: { host, user, refusals: episode.count, session_source_ip: ip ?? null, reasons: [...reasons(key)] },
        extraIps: ip === undefined ? [] : [ip],
      }),
    );
    reasonsByKey.delete(key);
  });
  const reasonsByKey = new Map<string, Set<string>>();
  const reasons = (key: string): Set<string> => reasonsByKey.get(key) ?? new Set();

  return {
    id: SUDO_REFUSAL_RULE.id,
    actions: ['sudo_refused', 'sudo_auth_failure'],
    observe(ts, e) {
      episodes.sweep(ts);
      const action = e.event.action;
      if (action !== 'sudo_refused' && action !== 'sudo_auth_failure') return;
      const error = e.system?.auth?.sudo?.error ?? action;
      if (action === 'sudo_auth_failure') {
        const attempts = Number(ATTEMPTS.exec(error)?.[1] ?? 0);
        if (attempts < config.minIncorrectAttempts) return;
      }
      const host = e.host?.name ?? '';
      const user = e.user?.name ?? '';
      const key = `${host}\u0000${user}`;
      let episode = episodes.get(key, ts);
      if (episode === undefined) {
        episode = episodes.start(key, ts, ts);
        sources.set(key, sessions.sourceOf(e.host?.name, e.user?.name));
      }
      episode.add(ts, e);
      let set = reasonsByKey.get(key);
      if (set === undefined) reasonsByKey.set(key, (set = new Set()));
      set.add(error);
    },
    flush: () => {
      episodes.closeAll();
    },
  };
}
