import type { DetectionConfig } from '../../schema/config.js';
import type { EcsEvent } from '../../schema/event.js';
import { buildAlert, type RuleDefinition } from './alert-factory.js';
import { formatDuration, isFailedLogin, isSuccessfulLogin } from './auth-facts.js';
import type { AlertSink, Detector } from './detector.js';
import { Episode } from './episode.js';
import { KeyedWindows } from './keyed-windows.js';

export const SUCCESS_AFTER_FAILURES_RULE: RuleDefinition = {
  id: 'vigil.auth.success_after_failures',
  name: 'Successful SSH login after a burst of failures',
  description: 'A source that just failed to authenticate many times then logged in: the guessing probably worked.',
  category: 'sequence',
  severity: 'critical',
  technique: 'T1078',
};

/** A burst of failures from a source, then a success from the same source (T1078, critical). */
export function createSuccessAfterFailuresDetector(config: DetectionConfig['successAfterFailures'], emit: AlertSink): Detector {
  const windowMs = config.windowMinutes * 60_000;
  const failures = new KeyedWindows<EcsEvent>(windowMs);
  const alerted = new Map<string, number>();
  return {
    id: SUCCESS_AFTER_FAILURES_RULE.id,
    actions: ['ssh_login'],
    observe(ts, e) {
      if (isFailedLogin(e)) {
        failures.add(e.source!.ip!, ts, e.user!.name!, e);
        return;
      }
      if (!isSuccessfulLogin(e)) return;
      const ip = e.source!.ip!;
      const user = e.user!.name!;
      const window = failures.get(ip, ts);
      if (window === undefined || window.count < config.failures) return;
      const key = `${ip}\u0000${user}`;
      const previous = alerted.get(key);
      if (previous !== undefined && ts - previous <= windowMs) return;
      alerted.set(key, ts);
      const entries = [...window.window()];
      const episode = new Episode(entries[0]!.ts, ts);
      let asUser = 0;
      for (const entry of entries) {
        episode.add(entry.ts, entry.payload);
        if (entry.value === user) asUser++;
      }
      episode.add(ts, e);
      const method = e.system?.auth?.ssh?.method ?? 'unknown method';
      emit(
        buildAlert({
          rule: SUCCESS_AFTER_FAILURES_RULE,
          key,
          episode,
          message:
            `"${user}" logged in from ${ip} (${method}) on ${e.host?.name ?? 'an unknown host'} right after ${window.count} failed attempts ` +
            `from the same source in ${formatDuration(ts - episode.start)}, ${asUser} of them as "${user}" ` +
            `(threshold: ${config.failures} failures within ${config.windowMinutes} min). Treat the account as compromised.`,
          explanation: { source_ip: ip, user, method, failures_before: window.count, failures_as_user: asUser, threshold: config.failures, window_minutes: config.windowMinutes },
        }),
      );
    },
    flush() {
      // Alerts are emitted at the success itself; nothing stays open.
    },
  };
}
