import { z } from 'zod';

import { SEVERITIES } from './severity.js';

export { RISK_SCORE, SEVERITIES, type Severity } from './severity.js';

const evidenceLine = z.object({ path: z.string(), line: z.number().int().nonnegative(), offset: z.number().int().nonnegative().optional() });

/**
 * An alert: a fact with its evidence (DESIGN.md "The alert"). Field names follow ECS where ECS has one.
 * `id` is a fingerprint of rule, grouping key and episode start, so reprocessing never duplicates.
 */
export const alertSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/),
  '@timestamp': z.iso.datetime(),
  event: z.object({
    kind: z.literal('alert'),
    start: z.iso.datetime(),
    end: z.iso.datetime(),
    /** How many events the alert summarises. */
    count: z.number().int().positive(),
  }),
  rule: z.object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    category: z.enum(['threshold', 'sequence', 'baseline', 'anomaly', 'sigma', 'intel', 'phishing']),
    references: z.array(z.string()).optional(),
  }),
  severity: z.enum(SEVERITIES),
  risk_score: z.number().min(0).max(100),
  threat: z.object({
    framework: z.literal('MITRE ATT&CK'),
    /** Built-in detections always name one; a Sigma rule without an `attack.t…` tag names none. */
    technique: z.object({ id: z.array(z.string()), name: z.array(z.string()) }),
    tactic: z.object({ id: z.array(z.string()), name: z.array(z.string()) }),
    /** ECS `threat.indicator.*`: the threat-intel indicator an intel alert matched. */
    indicator: z.record(z.string(), z.unknown()).optional(),
  }),
  related: z.object({ ip: z.array(z.string()), user: z.array(z.string()), hosts: z.array(z.string()), hash: z.array(z.string()).optional() }),
  source: z.object({ ip: z.string() }).optional(),
  user: z.object({ name: z.string() }).optional(),
  host: z.object({ name: z.string() }).optional(),
  /** The explanation a person reads. */
  message: z.string(),
  /** The machine-readable explanation: what was measured against which threshold or baseline. */
  explanation: z.record(z.string(), z.unknown()),
  evidence: z.object({
    /** Total events behind the alert; `lines` holds a bounded sample (the first and the last ones). */
    total: z.number().int().nonnegative(),
    lines: z.array(evidenceLine),
  }),
});

export type Alert = z.infer<typeof alertSchema>;
export type EvidenceLine = z.infer<typeof evidenceLine>;
