import type { DetectionConfig } from '../../schema/config.js';
import type { RuleDefinition } from './alert-factory.js';
import { formatDuration, isFailedLogin, isInvalidUser } from './auth-facts.js';
import type { Episode } from './episode.js';
import type { ThresholdSpec } from './threshold-detector.js';

const SEP = '\u0000';
const SSH_LOGIN = ['ssh_login'] as const;
const list = (values: Iterable<string>, max = 8): string => {
  const all = [...values].sort();
  return all.length <= max ? all.join(', ') : `${all.slice(0, max).join(', ')} and ${all.length - max} more`;
};
const span = (e: Episode): string => formatDuration(e.end - e.start);

export const BRUTE_FORCE_RULE: RuleDefinition = {
  id: 'vigil.auth.brute_force',
  name: 'SSH brute force against one account',
  description: 'One source failed to authenticate as the same account many times in a short window (password guessing).',
  category: 'threshold',
  severity: 'medium',
  technique: 'T1110.001',
};

export const PASSWORD_SPRAY_RULE: RuleDefinition = {
  id: 'vigil.auth.password_spray',
  name: 'SSH password spraying across valid accounts',
  description: 'One source failed to authenticate as many different existing accounts: a few passwords tried against many users.',
  category: 'threshold',
  severity: 'high',
  technique: 'T1110.003',
};

export const CREDENTIAL_STUFFING_RULE: RuleDefinition = {
  id: 'vigil.auth.credential_stuffing',
  name: 'SSH credential stuffing with many unknown accounts',
  description: 'One source tried many account names that do not exist on the host, as with a leaked or generic credential list.',
  category: 'threshold',
  severity: 'medium',
  technique: 'T1110.004',
};

export const DISTRIBUTED_BRUTE_FORCE_RULE: RuleDefinition = {
  id: 'vigil.auth.distributed_brute_force',
  name: 'Distributed SSH brute force against one account',
  description: 'Many different sources failed to authenticate as the same account within a short window.',
  category: 'threshold',
  severity: 'high',
  technique: 'T1110.001',
};

/** One source, one account, many failures (T1110.001). */
export function bruteForceSpec(c: DetectionConfig['bruteForce']): ThresholdSpec {
  return {
    rule: BRUTE_FORCE_RULE,
    windowMinutes: c.windowMinutes,
    threshold: c.failures,
    actions: SSH_LOGIN,
    measure: 'count',
    keyOf: (e) => (isFailedLogin(e) ? `${e.source!.ip!}${SEP}${e.user!.name!}` : undefined),
    valueOf: () => '',
    describe(key, ep) {
      const [ip = '', user = ''] = key.split(SEP);
      return {
        message: `${ip} failed to log in as "${user}" ${ep.count} times in ${span(ep)} on ${list(ep.hosts)} (threshold: ${c.failures} failures within ${c.windowMinutes} min).`,
        explanation: { source_ip: ip, user, failures: ep.count, threshold: c.failures, window_minutes: c.windowMinutes },
      };
    },
  };
}

/** One source, many existing accounts (T1110.003). */
export function passwordSpraySpec(c: DetectionConfig['passwordSpray']): ThresholdSpec {
  return {
    rule: PASSWORD_SPRAY_RULE,
    windowMinutes: c.windowMinutes,
    threshold: c.validAccounts,
    actions: SSH_LOGIN,
    measure: 'distinct',
    keyOf: (e) => (isFailedLogin(e) && !isInvalidUser(e) ? e.source!.ip! : undefined),
    valueOf: (e) => e.user!.name!,
    describe(ip, ep) {
      return {
        message:
          `${ip} failed to log in as ${ep.users.size} different existing accounts (${list(ep.users)}) on ${list(ep.hosts)} ` +
          `in ${span(ep)}, ${(ep.count / ep.users.size).toFixed(1)} attempts per account (threshold: ${c.validAccounts} accounts within ${c.windowMinutes} min).`,
        explanation: { source_ip: ip, accounts: ep.users.size, attempts: ep.count, threshold: c.validAccounts, window_minutes: c.windowMinutes },
      };
    },
  };
}

/** One source, many non-existent accounts (T1110.004). */
export function credentialStuffingSpec(c: DetectionConfig['credentialStuffing']): ThresholdSpec {
  return {
    rule: CREDENTIAL_STUFFING_RULE,
    windowMinutes: c.windowMinutes,
    threshold: c.invalidAccounts,
    actions: SSH_LOGIN,
    measure: 'distinct',
    keyOf: (e) => (isFailedLogin(e) && isInvalidUser(e) ? e.source!.ip! : undefined),
    valueOf: (e) => e.user!.name!,
    describe(ip, ep) {
      return {
        message:
          `${ip} tried ${ep.users.size} account names that do not exist (${list(ep.users)}) on ${list(ep.hosts)} in ${span(ep)} ` +
          `(threshold: ${c.invalidAccounts} unknown accounts within ${c.windowMinutes} min).`,
        explanation: { source_ip: ip, unknown_accounts: ep.users.size, attempts: ep.count, threshold: c.invalidAccounts, window_minutes: c.windowMinutes },
      };
    },
  };
}

/** Many sources, one account (T1110.001, distributed). */
export function distributedBruteForceSpec(c: DetectionConfig['distributedBruteForce']): ThresholdSpec {
  return {
    rule: DISTRIBUTED_BRUTE_FORCE_RULE,
    windowMinutes: c.windowMinutes,
    threshold: c.sources,
    actions: SSH_LOGIN,
    measure: 'distinct',
    keyOf: (e) => (isFailedLogin(e) ? e.user!.name! : undefined),
    valueOf: (e) => e.source!.ip!,
    describe(user, ep) {
      return {
        message:
          `${ep.ips.size} different sources failed to log in as "${user}" on ${list(ep.hosts)} ${ep.count} times in ${span(ep)} ` +
          `(threshold: ${c.sources} sources within ${c.windowMinutes} min): ${list(ep.ips, 5)}.`,
        explanation: { user, sources: ep.ips.size, failures: ep.count, threshold: c.sources, window_minutes: c.windowMinutes },
      };
    },
  };
}
