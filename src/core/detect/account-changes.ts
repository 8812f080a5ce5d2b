import type { DetectionConfig } from '../../schema/config.js';
import type { EcsEvent } from '../../schema/event.js';
import { buildAlert, type RuleDefinition } from './alert-factory.js';
import type { AlertSink, Detector } from './detector.js';
import { EpisodeBook } from './episode-book.js';
import type { LoginSessions } from './login-sessions.js';

export const NEW_ACCOUNT_RULE: RuleDefinition = {
  id: 'vigil.account.local_account_created',
  name: 'Local account created',
  description: 'A new local user account was created (useradd/adduser): a common way to keep access to a host.',
  category: 'sequence',
  severity: 'medium',
  technique: 'T1136.001',
};

export const PRIVILEGED_GROUP_RULE: RuleDefinition = {
  id: 'vigil.account.added_to_privileged_group',
  name: 'Account added to a privileged group',
  description: 'A user was added to a group that grants administrative rights (sudo, wheel, root …).',
  category: 'sequence',
  severity: 'high',
  technique: 'T1098',
};

const ACCOUNT_TOOLS = /\b(useradd|adduser|usermod|gpasswd|groupadd|addgroup|newusers|chpasswd)\b/;
const ACTOR_WINDOW_MS = 120_000;
const GAP_MS = 10 * 60_000;

/**
 * New local accounts (T1136.001) and privileged group membership (T1098). The actor is taken from a
 * sudo command running an account tool on the same host just before, and the actor's login source
 * from the login sessions, so that the alert names who did it and from where.
 */
export function createAccountChangeDetector(config: DetectionConfig['accountChanges'], sessions: LoginSessions, emit: AlertSink): Detector {
  const privileged = new Set(config.privilegedGroups);
  const lastAccountSudo = new Map<string, { ts: number; actor: string; command: string }>();
  const actors = new Map<string, { actor: string; command: string } | undefined>();

  /** Who made the change behind `key` (forgotten once asked: the episode is closing). */
  const describeActor = (key: string, host: string): { actor: string | null; text: string; ips: string[]; users: string[] } => {
    const who = actors.get(key);
    actors.delete(key);
    if (who === undefined) return { actor: null, text: '', ips: [], users: [] };
    const ip = sessions.sourceOf(host, who.actor);
    return { actor: who.actor, text: ` by "${who.actor}" via sudo (${who.command})${ip === undefined ? '' : `, logged in from ${ip}`}`, ips: ip === undefined ? [] : [ip], users: [who.actor] };
  };

  const created = new EpisodeBook(GAP_MS, (key, episode) => {
    const [host = '', account = ''] = key.split('\u0000');
    const actor = describeActor(key, host);
    emit(
      buildAlert({
        rule: NEW_ACCOUNT_RULE,
        key,
        episode,
        message: `Local account "${account}" was created on ${host}${actor.text}.`,
        explanation: { host, account, actor: actor.actor },
        extraUsers: [account, ...actor.users],
        extraIps: actor.ips,
      }),
    );
  });
  const grouped = new EpisodeBook(GAP_MS, (key, episode) => {
    const [host = '', account = '', group = ''] = key.split('\u0000');
    const actor = describeActor(key, host);
    emit(
      buildAlert({
        rule: PRIVILEGED_GROUP_RULE,
        key,
        episode,
        message: `"${account}" was added to the privileged group "${group}" on ${host}${actor.text}.`,
        explanation: { host, account, group, actor: actor.actor, privileged_groups: config.privilegedGroups },
        extraUsers: [account, ...actor.users],
        extraIps: actor.ips,
      }),
    );
  });

  const open = (book: EpisodeBook, key: string, host: string, ts: number, e: EcsEvent): void => {
    let episode = book.get(key, ts);
    if (episode === undefined) {
      episode = book.start(key, ts, ts);
      const sudo = lastAccountSudo.get(host);
      actors.set(key, sudo !== undefined && ts - sudo.ts <= ACTOR_WINDOW_MS ? sudo : undefined);
    }
    episode.add(ts, e);
  };

  return {
    id: 'vigil.account',
    actions: ['sudo_command', 'user_created', 'group_member_added'],
    observe(ts, e) {
      created.sweep(ts);
      grouped.sweep(ts);
      const host = e.host?.name ?? '';
      const action = e.event.action;
      if (action === 'sudo_command') {
        const command = e.system?.auth?.sudo?.command ?? e.process?.command_line ?? '';
        if (ACCOUNT_TOOLS.test(command) && e.user?.name !== undefined) lastAccountSudo.set(host, { ts, actor: e.user.name, command });
        return;
      }
      const account = e.user?.target?.name;
      if (account === undefined) return;
      if (action === 'user_created') {
        open(created, `${host}\u0000${account}`, host, ts, e);
      } else if (action === 'group_member_added') {
        const group = e.group?.name ?? e.user?.target?.group?.name;
        if (group !== undefined && privileged.has(group)) open(grouped, `${host}\u0000${account}\u0000${group}`, host, ts, e);
      }
    },
    flush() {
      created.closeAll();
      grouped.closeAll();
    },
  };
}
