import { alertId } from '../detect/alert-factory.js';
import { alertSchema, type Alert } from '../../schema/alert.js';
import { RISK_SCORE, type Severity } from '../../schema/severity.js';

/** What a test says about an alert; the rest is filled in. Times are ISO strings. */
export interface TestAlertSpec {
  readonly rule?: string;
  readonly category?: Alert['rule']['category'];
  readonly severity?: Severity;
  readonly ips?: readonly string[];
  readonly users?: readonly string[];
  readonly hosts?: readonly string[];
  readonly start: string;
  readonly end?: string;
  /** `@timestamp`; default `start`. */
  readonly at?: string;
  readonly indicator?: Record<string, unknown>;
}

/** A valid alert for case tests, with a deterministic id from rule, entities and start. */
export function testAlert(spec: TestAlertSpec): Alert {
  const rule = spec.rule ?? 'vigil.auth.brute_force';
  const severity = spec.severity ?? 'medium';
  const related = { ip: [...(spec.ips ?? [])].sort(), user: [...(spec.users ?? [])].sort(), hosts: [...(spec.hosts ?? ['bastion'])].sort() };
  const key = `${related.ip.join(',')}|${related.user.join(',')}|${related.hosts.join(',')}`;
  const iso = (t: string): string => new Date(t).toISOString();
  return alertSchema.parse({
    id: alertId(rule, key, Date.parse(spec.start)),
    '@timestamp': iso(spec.at ?? spec.start),
    event: { kind: 'alert', start: iso(spec.start), end: iso(spec.end ?? spec.start), count: 1 },
    rule: { id: rule, name: `Rule ${rule}`, description: 'test', category: spec.category ?? 'threshold' },
    severity,
    risk_score: RISK_SCORE[severity],
    threat: {
      framework: 'MITRE ATT&CK',
      technique: { id: ['T1110.001'], name: ['Password Guessing'] },
      tactic: { id: ['TA0006'], name: ['Credential Access'] },
      ...(spec.indicator === undefined ? {} : { indicator: spec.indicator }),
    },
    related,
    message: 'test alert',
    explanation: {},
    evidence: { total: 1, lines: [] },
  });
}
