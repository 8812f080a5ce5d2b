import { SEVERITIES, type Severity } from '../../schema/severity.js';
import type { CaseAlert, CaseState } from './case-state.js';
import { durationStats, type DurationStats } from './duration-stats.js';

/** MTTD, MTTA and MTTR over a set of cases. */
export interface MetricSet {
  readonly cases: number;
  readonly mttd: DurationStats;
  readonly mtta: DurationStats;
  readonly mttr: DurationStats;
}

export interface CaseMetrics {
  /** Cases opened in [since, until); null bounds are open. */
  readonly period: { readonly since: string | null; readonly until: string | null };
  readonly overall: MetricSet;
  readonly by_severity: Readonly<Record<Severity, MetricSet>>;
  readonly by_rule: Readonly<Record<string, MetricSet & { readonly name: string }>>;
}

interface Samples {
  cases: number;
  mttd: number[];
  mtta: number[];
  mttr: number[];
}

const emptySamples = (): Samples => ({ cases: 0, mttd: [], mtta: [], mttr: [] });
const ms = (iso: string): number => Date.parse(iso);
function minOf(alerts: readonly CaseAlert[], pick: (a: CaseAlert) => string): number {
  let min = Infinity;
  for (const a of alerts) min = Math.min(min, ms(pick(a)));
  return min;
}

/**
 * Adds one case's samples for a set of its alerts (all of them, or one rule's).
 *
 * - MTTD, first evidence → detection, is measured in *event time*: from the earliest `event.start` to the
 *   earliest moment the detection could have fired (`detectionTime`: the alert's `@timestamp`, or the end
 *   of an anomaly window). This is the only honest choice for batch analysis of old logs, where the
 *   wall-clock time Vigil created the alert says how old the logs were, not how fast detection was. It
 *   leaves out pipeline delay, which is nil in batch mode and small when tailing live logs.
 * - MTTA and MTTR are analyst times, so they run on the wall clock: from the moment Vigil first saw the
 *   alerts (`detectedAt`, recorded in the case event) to the case's acknowledgement or resolution.
 *   Alerts that joined after the case was acknowledged add no MTTA sample (nobody waited for them).
 */
function addSamples(into: Samples, state: CaseState, alerts: readonly CaseAlert[]): void {
  if (alerts.length === 0) return;
  into.cases++;
  into.mttd.push(Math.max(0, minOf(alerts, (a) => a.detectionTime) - minOf(alerts, (a) => a.start)));
  const seen = minOf(alerts, (a) => a.detectedAt);
  if (state.acknowledgedAt !== null && ms(state.acknowledgedAt) >= seen) into.mtta.push(ms(state.acknowledgedAt) - seen);
  if (state.status === 'resolved' && state.resolvedAt !== null && ms(state.resolvedAt) >= seen) into.mttr.push(ms(state.resolvedAt) - seen);
}

const toSet = (s: Samples): MetricSet => ({ cases: s.cases, mttd: durationStats(s.mttd), mtta: durationStats(s.mtta), mttr: durationStats(s.mttr) });

/**
 * MTTD, MTTA and MTTR (count, mean, median) over the cases opened in the period, overall, per case
 * severity and per rule (a case counts once for each rule among its alerts, measured from that rule's
 * alerts). Pure: the cases come in, nothing is read.
 */
export function computeCaseMetrics(cases: readonly CaseState[], period: { readonly since?: string; readonly until?: string } = {}): CaseMetrics {
  const since = period.since === undefined ? -Infinity : ms(period.since);
  const until = period.until === undefined ? Infinity : ms(period.until);
  const overall = emptySamples();
  const bySeverity = new Map<Severity, Samples>(SEVERITIES.map((s) => [s, emptySamples()]));
  const byRule = new Map<string, { name: string; samples: Samples }>();
  for (const state of cases) {
    const opened = ms(state.openedAt);
    if (opened < since || opened >= until) continue;
    addSamples(overall, state, state.alerts);
    addSamples(bySeverity.get(state.severity)!, state, state.alerts);
    const rules = new Map<string, CaseAlert[]>();
    for (const a of state.alerts) {
      const list = rules.get(a.rule.id);
      if (list === undefined) rules.set(a.rule.id, [a]);
      else list.push(a);
    }
    for (const [ruleId, alerts] of rules) {
      let entry = byRule.get(ruleId);
      if (entry === undefined) byRule.set(ruleId, (entry = { name: alerts[0]!.rule.name, samples: emptySamples() }));
      addSamples(entry.samples, state, alerts);
    }
  }
  const bySeverityOut = Object.fromEntries(SEVERITIES.map((s) => [s, toSet(bySeverity.get(s)!)])) as Record<Severity, MetricSet>;
  const byRuleOut: Record<string, MetricSet & { name: string }> = {};
  for (const ruleId of [...byRule.keys()].sort()) {
    const { name, samples } = byRule.get(ruleId)!;
    byRuleOut[ruleId] = { name, ...toSet(samples) };
  }
  return {
    period: { since: period.since ?? null, until: period.until ?? null },
    overall: toSet(overall),
    by_severity: bySeverityOut,
    by_rule: byRuleOut,
  };
}
