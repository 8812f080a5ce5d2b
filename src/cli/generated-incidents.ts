/**
 * Test support for end-to-end tests on logs from `../shared/tools/authlog-gen.mjs`: its ground-truth
 * incidents, and the shared scorer's rule for which alerts belong to which incident.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Alert } from '../schema/alert.js';

export const incidentSchema = z.object({ id: z.string(), start: z.string(), end: z.string(), src_ips: z.array(z.string()), users: z.array(z.string()), hosts: z.array(z.string()) });
export type Incident = z.infer<typeof incidentSchema>;

/** The values of an NDJSON text, one per non-empty line. */
export function ndjsonValues(text: string): unknown[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as unknown);
}

/** The incidents the generator wrote beside `log` (`LOG.labels.jsonl`). */
export function readIncidents(log: string): Incident[] {
  return ndjsonValues(readFileSync(`${log}.labels.jsonl`, 'utf8')).map((i) => incidentSchema.parse(i));
}

/** The scorer's rule: an alert belongs to an incident if it overlaps its span (± 60 min) and shares a source IP (or, without one, a user and a host). */
export function alertBelongsTo(alert: Alert, inc: Incident): boolean {
  const window = 60 * 60_000;
  const start = Math.min(Date.parse(alert['@timestamp']), Date.parse(alert.event.start));
  const end = Math.max(Date.parse(alert['@timestamp']), Date.parse(alert.event.end));
  if (end < Date.parse(inc.start) - window || start > Date.parse(inc.end) + window) return false;
  if (inc.src_ips.length > 0) return inc.src_ips.some((ip) => alert.related.ip.includes(ip));
  return inc.users.some((u) => alert.related.user.includes(u)) && inc.hosts.some((h) => alert.related.hosts.includes(h));
}
