import type { Alert, Severity } from '../../schema/alert.js';

/** What happened to one input. */
export interface InputSummary {
  path: string;
  lines: number;
  bytes: number;
  gzip: boolean;
  /** Lines turned into events (understood or kept as generic syslog). */
  events: number;
  /** Events a specific parser understood (sshd, sudo, pam …). */
  understood: number;
  /** Lines kept as generic syslog events: counted, never dropped. */
  notUnderstood: number;
  /** Lines that were not syslog at all (garbage, binary): counted and skipped. */
  unparsable: number;
  longLines: number;
  invalidUtf8Lines: number;
  controlByteLines: number;
  firstEvent: number | undefined;
  lastEvent: number | undefined;
  /** Why reading stopped early, if it did (the lines before were analysed). */
  error: { code: string; message: string } | undefined;
}

/** The outcome of one analysis. */
export interface AnalyzeSummary {
  readonly inputs: InputSummary[];
  readonly alerts: Alert[];
  readonly durationMs: number;
  readonly actions: Map<string, number>;
}

/** A fresh input summary. */
export function emptyInputSummary(path: string): InputSummary {
  return {
    path,
    lines: 0,
    bytes: 0,
    gzip: false,
    events: 0,
    understood: 0,
    notUnderstood: 0,
    unparsable: 0,
    longLines: 0,
    invalidUtf8Lines: 0,
    controlByteLines: 0,
    firstEvent: undefined,
    lastEvent: undefined,
    error: undefined,
  };
}

/** Totals over inputs. */
export function totals(inputs: readonly InputSummary[]): Omit<InputSummary, 'path' | 'error' | 'gzip'> {
  const sum = (f: (s: InputSummary) => number): number => inputs.reduce((n, s) => n + f(s), 0);
  const firsts = inputs.map((s) => s.firstEvent).filter((t): t is number => t !== undefined);
  const lasts = inputs.map((s) => s.lastEvent).filter((t): t is number => t !== undefined);
  return {
    lines: sum((s) => s.lines),
    bytes: sum((s) => s.bytes),
    events: sum((s) => s.events),
    understood: sum((s) => s.understood),
    notUnderstood: sum((s) => s.notUnderstood),
    unparsable: sum((s) => s.unparsable),
    longLines: sum((s) => s.longLines),
    invalidUtf8Lines: sum((s) => s.invalidUtf8Lines),
    controlByteLines: sum((s) => s.controlByteLines),
    firstEvent: firsts.length ? Math.min(...firsts) : undefined,
    lastEvent: lasts.length ? Math.max(...lasts) : undefined,
  };
}

/** Alerts per severity, most severe first. */
export function countBySeverity(alerts: readonly Alert[]): [Severity, number][] {
  const order: Severity[] = ['critical', 'high', 'medium', 'low'];
  return order.map((s) => [s, alerts.filter((a) => a.severity === s).length]);
}

/** The `n` values occurring most often, with counts (ties broken by value for stable output). */
export function topCounts(values: Iterable<string>, n: number): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n);
}
