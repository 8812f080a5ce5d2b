import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Alert } from '../../schema/alert.js';
import { MAX_ENTITY_VALUES, type AlertSummary, type CaseObservable } from './case-event.js';

const sortedUnique = (values: readonly string[]): string[] => [...new Set(values)].sort();

/**
 * The alert's fingerprint: its rule and grouping entities, independent of time. The same detection
 * about the same actors, seen again later (a new episode, hence a new alert id), has the same
 * fingerprint, so a case counts it as an occurrence instead of listing it again.
 */
export function alertFingerprint(alert: Alert): string {
  const parts = [alert.rule.id, sortedUnique(alert.related.ip).join(','), sortedUnique(alert.related.user).join(','), sortedUnique(alert.related.hosts).join(',')];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

// ECS `threat.indicator.*` as intel alerts carry it; every field optional, unknown ones ignored.
const indicatorSchema = z.object({
  ip: z.string().max(64).optional(),
  url: z.object({ full: z.string().max(2048).optional(), domain: z.string().max(255).optional() }).optional(),
  email: z.object({ address: z.string().max(320).optional() }).optional(),
  file: z.object({ hash: z.record(z.string(), z.string().max(200)).optional() }).optional(),
});

/** The typed observables an alert names: its addresses, accounts and hosts, and an intel indicator's value. */
export function alertObservables(alert: Alert): CaseObservable[] {
  const out: CaseObservable[] = [];
  const seen = new Set<string>();
  const add = (type: CaseObservable['type'], value: string | undefined): void => {
    if (value === undefined || value === '' || value.length > 2048 || out.length >= MAX_ENTITY_VALUES) return;
    const key = `${type}\u0000${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ type, value });
  };
  for (const ip of alert.related.ip) add('ip', ip);
  for (const user of alert.related.user) add(EMAIL.test(user) ? 'email' : 'user', user);
  for (const host of alert.related.hosts) add('host', host);
  const indicator = indicatorSchema.safeParse(alert.threat.indicator ?? {});
  if (indicator.success) {
    const i = indicator.data;
    add('ip', i.ip);
    add('url', i.url?.full);
    add('domain', i.url?.domain);
    add('email', i.email?.address);
    for (const hash of Object.values(i.file?.hash ?? {})) add('hash', hash);
  }
  return out;
}

/** At most {@link MAX_ENTITY_VALUES} values, each at most 1 KiB: a longer "user name" is data, not an entity to link on. */
const bounded = (values: readonly string[]): string[] =>
  sortedUnique(values.filter((v) => v.length > 0 && v.length <= 1024)).slice(0, MAX_ENTITY_VALUES);

/** What a case keeps of an alert (bounded: an alert may name hundreds of addresses). */
export function summarizeAlert(alert: Alert): AlertSummary {
  return {
    id: alert.id,
    fingerprint: alertFingerprint(alert),
    rule: { id: alert.rule.id.slice(0, 512), name: alert.rule.name.slice(0, 512) },
    severity: alert.severity,
    timestamp: alert['@timestamp'],
    detection_time: alert.rule.category === 'anomaly' ? alert.event.end : alert['@timestamp'],
    start: alert.event.start,
    end: alert.event.end,
    technique: alert.threat.technique.id.slice(0, 50).map((t) => t.slice(0, 64)),
    related: { ip: bounded(alert.related.ip), user: bounded(alert.related.user), hosts: bounded(alert.related.hosts) },
    observables: alertObservables(alert),
  };
}

/** A short title for a case opened by this alert: the rule's name and the actor or target. */
export function caseTitle(alert: AlertSummary): string {
  const { ip, user, hosts } = alert.related;
  const many = (xs: readonly string[], noun: string): string => (xs.length === 1 ? xs[0]! : `${xs.length} ${noun}`);
  const parts = [alert.rule.name];
  if (ip.length > 0) parts.push(`from ${many(ip, 'sources')}`);
  if (user.length > 0) parts.push(`${ip.length > 0 ? 'against' : 'by'} ${many(user, 'accounts')}`);
  if (hosts.length > 0) parts.push(`on ${many(hosts, 'hosts')}`);
  return parts.join(' ').slice(0, 512);
}

/**
 * The id of the case an alert opens: derived from the alert's (deterministic) id, so replaying the
 * same alerts into an empty store gives the same case ids. 48 bits: short enough to type.
 */
export function caseIdFor(alertId: string): string {
  return `case-${createHash('sha256').update(`case\u0000${alertId}`).digest('hex').slice(0, 12)}`;
}
