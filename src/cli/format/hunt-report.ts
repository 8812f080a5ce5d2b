import type { Detection } from '../../runtime/hunt/detection.js';
import type { HuntSummary } from '../../runtime/hunt/hunt.js';
import { thousands } from './thousands.js';

const n = thousands;
const cut = (s: string, width: number): string => (s.length <= width ? s.padEnd(width) : `${s.slice(0, width - 1)}…`);
/** Strips control characters so hostile event values cannot rewrite the terminal. */
const printable = (s: string): string => {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out += c < 0x20 || (c >= 0x7f && c <= 0x9f) ? ' ' : ch;
  }
  return out;
};

export const HUNT_TABLE_HEADER = `${'time'.padEnd(24)} ${'level'.padEnd(8)} ${'rule'.padEnd(58)} ${'computer'.padEnd(20)} key fields`;

/** One table row: time, level, rule, computer and the fields that matched. */
export function formatDetectionRow(d: Detection): string {
  const time = (d['@timestamp'] ?? '-').replace(/\.\d+Z$/, 'Z');
  if (d.kind === 'correlation') {
    const group = Object.entries(d.correlation.group)
      .map(([k, v]) => `${k}=${v ?? 'null'}`)
      .join(' ');
    return printable(`${cut(time, 24)} ${cut(d.rule.level ?? '-', 8)} ${cut(d.rule.name, 58)} ${cut('-', 20)} ${d.rule.correlation_type} ${group} value=${d.correlation.value}`);
  }
  const fields = d.explanation.selections
    .flatMap((s) => s.fields)
    .slice(0, 3)
    .map((f) => `${f.field}=${f.actual}`)
    .join(' ');
  return printable(`${cut(time, 24)} ${cut(d.rule.level ?? '-', 8)} ${cut(d.rule.name, 58)} ${cut(d.host ?? '-', 20)} ${cut(fields, 120)}`);
}

/** The closing lines: counts, speed, unreadable records and errors. */
export function formatHuntFooter(s: HuntSummary, shownRows: number): string {
  const events = s.inputs.reduce((x, i) => x + i.events, 0);
  const seconds = s.durationMs / 1000;
  const cpuSeconds = s.cpuMs / 1000;
  const unreadable = new Map<string, number>();
  for (const i of s.inputs) for (const [reason, count] of Object.entries(i.unreadable)) unreadable.set(reason, (unreadable.get(reason) ?? 0) + count);
  const lines = [
    '',
    `${n(s.detections)} detection(s)${shownRows < s.detections ? ` (${n(shownRows)} shown)` : ''} in ${n(events)} events from ${s.inputs.length} file(s), ` +
      `${s.rulesIndexed} rules indexed in ${(s.prepareMs / 1000).toFixed(2)} s, matched in ${seconds.toFixed(2)} s (${n(Math.round(events / Math.max(seconds, 1e-6)))} events/s; ` +
      `${cpuSeconds.toFixed(2)} CPU-s, ${n(Math.round(events / Math.max(cpuSeconds, 1e-6)))} events per CPU-second)`,
  ];
  if (unreadable.size > 0) lines.push(`Records not read: ${[...unreadable].map(([r, c]) => `${c} ${r}`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
