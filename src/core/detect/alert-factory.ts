import { createHash } from 'node:crypto';
import type { Alert } from '../../schema/alert.js';
import { RISK_SCORE, type Severity } from '../../schema/severity.js';
import { TECHNIQUES, type TechniqueId } from './mitre.js';
import type { Episode } from './episode.js';

/** What a built-in detection is: its identity, severity and ATT&CK technique. */
export interface RuleDefinition {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly category: Alert['rule']['category'];
  readonly severity: Severity;
  /** The ATT&CK technique; null only for content (Sigma rules) that names none. */
  readonly technique: TechniqueId | null;
  readonly references?: readonly string[];
}

/** The parts of an alert a detector decides; the factory fills in the rest. */
export interface AlertDraft {
  readonly rule: RuleDefinition;
  /** The grouping key (e.g. source IP and user); with the rule and the start it fixes the id. */
  readonly key: string;
  readonly episode: Episode;
  readonly message: string;
  readonly explanation: Record<string, unknown>;
  readonly severity?: Severity;
  /** Overrides the rule's technique: a catalogued id, or any ATT&CK id a Sigma rule's tags name. */
  readonly technique?: string;
  /** Entities to name beyond those of the episode's events (e.g. a session's source IP). */
  readonly extraIps?: Iterable<string>;
  readonly extraUsers?: Iterable<string>;
  /** ECS `threat.indicator.*` of the threat-intel indicator behind the alert. */
  readonly indicator?: Record<string, unknown>;
}

/**
 * A deterministic alert id: the fingerprint of rule, grouping key and episode start.
 * Reprocessing the same input yields the same ids, so storing alerts twice never duplicates them.
 */
export function alertId(ruleId: string, key: string, start: number): string {
  return createHash('sha256').update(`${ruleId}\u0000${key}\u0000${start}`).digest('hex').slice(0, 32);
}

const iso = (ms: number): string => new Date(ms).toISOString();
const sorted = (values: Iterable<string>, extra: Iterable<string> = []): string[] => [...new Set([...values, ...extra])].sort();

/** Builds a complete alert from a detector's draft. */
export function buildAlert(draft: AlertDraft): Alert {
  const { rule, episode } = draft;
  const severity = draft.severity ?? rule.severity;
  const techniqueId = draft.technique ?? rule.technique;
  const known: { readonly name: string; readonly tactic: readonly [string, string] } | undefined =
    techniqueId === null ? undefined : (TECHNIQUES as Readonly<Record<string, { name: string; tactic: readonly [string, string] }>>)[techniqueId];
  const ips = sorted(episode.ips, draft.extraIps);
  const users = sorted(episode.users, draft.extraUsers);
  const hosts = sorted(episode.hosts);
  const alert: Alert = {
    id: alertId(rule.id, draft.key, episode.start),
    '@timestamp': iso(episode.triggeredAt),
    event: { kind: 'alert', start: iso(episode.start), end: iso(episode.end), count: episode.count },
    rule: {
      id: rule.id,
      name: rule.name,
      description: rule.description,
      category: rule.category,
      ...(rule.references === undefined ? {} : { references: [...rule.references] }),
    },
    severity,
    risk_score: RISK_SCORE[severity],
    threat: {
      framework: 'MITRE ATT&CK',
      technique: techniqueId === null ? { id: [], name: [] } : { id: [techniqueId], name: [known?.name ?? techniqueId] },
      tactic: known === undefined ? { id: [], name: [] } : { id: [known.tactic[0]], name: [known.tactic[1]] },
      ...(draft.indicator === undefined ? {} : { indicator: draft.indicator }),
    },
    related: { ip: ips, user: users, hosts },
    message: draft.message,
    explanation: draft.explanation,
    evidence: { total: episode.count, lines: episode.evidence() },
  };
  if (ips.length === 1) alert.source = { ip: ips[0]! };
  if (users.length === 1) alert.user = { name: users[0]! };
  if (hosts.length === 1) alert.host = { name: hosts[0]! };
  return alert;
}
