import type { Alert } from '../../schema/alert.js';
import { countBySeverity, topCounts, totals, type AnalyzeSummary } from '../../runtime/analyze/summary.js';
import type { PutResult } from '../../runtime/store/alert-store.js';
import { thousands } from './thousands.js';

const n = thousands;
const iso = (ms: number | undefined): string => (ms === undefined ? '-' : new Date(ms).toISOString().replace('.000Z', 'Z'));
const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MiB`;
const MAX_LISTED = 50;

/** Where the alerts went, for the report's last lines. */
export interface Destinations {
  readonly store?: { readonly path: string; readonly result: PutResult } | undefined;
  readonly ndjson?: string | undefined;
}

/** The human-readable report of `vigil analyze`. */
export function formatAnalyzeReport(summary: AnalyzeSummary, destinations: Destinations): string {
  const t = totals(summary.inputs);
  const seconds = summary.durationMs / 1000;
  const out: string[] = [];
  out.push(
    `Analysed ${summary.inputs.length} input(s): ${n(t.lines)} lines (${mb(t.bytes)}) in ${seconds.toFixed(2)} s ` +
      `(${n(Math.round(t.lines / Math.max(seconds, 1e-6)))} lines/s, ${n(Math.round(t.events / Math.max(seconds, 1e-6)))} events/s)`,
  );
  out.push(
    `Events: ${n(t.events)} (${n(t.understood)} understood, ${n(t.notUnderstood)} not understood and kept as generic syslog); ` +
      `${n(t.unparsable)} lines not syslog, ${n(t.longLines)} over-long lines skipped, ${n(t.invalidUtf8Lines)} with invalid UTF-8`,
  );
  out.push(`Time span: ${iso(t.firstEvent)} → ${iso(t.lastEvent)}`);
  for (const input of summary.inputs) {
    if (input.error !== undefined) out.push(`! ${input.path}: ${input.error.message}`);
  }
  out.push('');
  const alerts = summary.alerts;
  const bySeverity = countBySeverity(alerts)
    .map(([s, c]) => `${c} ${s}`)
    .join(', ');
  out.push(`Alerts: ${alerts.length} (${bySeverity})`);
  if (alerts.length > 0) {
    out.push('', 'By technique:');
    const names = new Map(alerts.map((a) => [a.threat.technique.id[0] ?? '', a.threat.technique.name[0] ?? '']));
    for (const [id, c] of topCounts(alerts.map((a) => a.threat.technique.id[0] ?? ''), 20)) out.push(`  ${id.padEnd(10)} ${(names.get(id) ?? '').padEnd(58)} ${c}`);
    out.push('', 'Top entities:');
    for (const [ip, c] of topCounts(alerts.flatMap((a) => a.related.ip), 5)) out.push(`  ip    ${ip.padEnd(40)} ${c} alert(s)`);
    for (const [user, c] of topCounts(alerts.flatMap((a) => a.related.user), 5)) out.push(`  user  ${user.padEnd(40)} ${c} alert(s)`);
    out.push('');
    for (const a of listed(alerts)) out.push(...formatAlert(a));
    if (alerts.length > MAX_LISTED) out.push(`  … ${alerts.length - MAX_LISTED} more (use --ndjson for all of them)`);
  }
  out.push('');
  if (destinations.store !== undefined) {
    const r = destinations.store.result;
    out.push(`Stored in ${destinations.store.path}: ${r.inserted} new, ${r.updated} already known (updated).`);
  }
  if (destinations.ndjson !== undefined) out.push(`Alerts written as NDJSON to ${destinations.ndjson === '-' ? 'standard output' : destinations.ndjson}.`);
  return `${out.join('\n')}\n`;
}

/** The most severe alerts first, then by time; at most MAX_LISTED. */
function listed(alerts: readonly Alert[]): Alert[] {
  return [...alerts].sort((a, b) => b.risk_score - a.risk_score || (a['@timestamp'] < b['@timestamp'] ? -1 : 1)).slice(0, MAX_LISTED);
}

function formatAlert(a: Alert): string[] {
  const head = `${a.severity.toUpperCase().padEnd(8)} ${a['@timestamp'].replace('.000Z', 'Z')}  ${a.rule.name}  [${a.threat.technique.id.join(', ')}]`;
  return [head, `         ${a.message}`];
}
