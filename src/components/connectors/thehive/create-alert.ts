import { z } from 'zod';
import type { ActionDefinition } from '../../../core/respond/action.js';
import { describeUrl, type ConnectorDeps } from '../connector-deps.js';
import { endpoint } from '../endpoint.js';
import { postJson, readJsonBody, requireSecret } from '../http/json-exchange.js';

/** TheHive API key, sent as a bearer token. */
export const THEHIVE_API_KEY_SECRET = 'THEHIVE_API_KEY';

/** Vigil's observable types, as cases use them. */
export const OBSERVABLE_TYPES = ['ip', 'domain', 'url', 'hash', 'user', 'host', 'email'] as const;
type ObservableType = (typeof OBSERVABLE_TYPES)[number];

/** TheHive 5's data type for each Vigil observable type (TheHive has no user type: `other`, tagged). */
const DATA_TYPE: Readonly<Record<ObservableType, string>> = { ip: 'ip', domain: 'domain', url: 'url', hash: 'hash', user: 'other', host: 'hostname', email: 'mail' };
const SEVERITY = { low: 1, medium: 2, high: 3, critical: 4 } as const;

const tag = z.string().min(1).max(128);
const input = z.strictObject({
  title: z.string().min(1).max(512),
  description: z.string().max(100_000).default(''),
  severity: z.enum(['low', 'medium', 'high', 'critical']).default('medium'),
  type: z.string().min(1).max(64).default('vigil'),
  source: z.string().min(1).max(64).default('vigil'),
  /** Unique per (type, source) in TheHive; the step's idempotency key when absent, so a retry cannot duplicate. */
  source_ref: z.string().min(1).max(128).optional(),
  /** When it happened, epoch milliseconds. */
  date: z.number().int().nonnegative().optional(),
  tags: z.array(tag).max(50).default([]),
  tlp: z.number().int().min(0).max(4).default(2),
  pap: z.number().int().min(0).max(3).default(2),
  observables: z
    .array(z.strictObject({ type: z.enum(OBSERVABLE_TYPES), value: z.string().min(1).max(4096), ioc: z.boolean().default(false), tags: z.array(tag).max(20).default([]) }))
    .max(500)
    .default([]),
});
const output = z.strictObject({ id: z.string() });
const created = z.looseObject({ _id: z.string().min(1) });

export type TheHiveCreateAlertInput = z.infer<typeof input>;

/** The TheHive 5 alert body for an input. */
export function theHiveAlert(i: TheHiveCreateAlertInput, sourceRef: string, now: number): unknown {
  return {
    type: i.type,
    source: i.source,
    sourceRef,
    title: i.title,
    description: i.description === '' ? i.title : i.description,
    severity: SEVERITY[i.severity],
    date: i.date ?? now,
    tags: i.tags,
    tlp: i.tlp,
    pap: i.pap,
    observables: i.observables.map((o) => ({
      dataType: DATA_TYPE[o.type],
      data: o.value,
      ioc: o.ioc,
      tags: o.type === 'user' ? ['vigil:user', ...o.tags] : o.tags,
    })),
  };
}

/** `thehive.create_alert`: an alert in TheHive 5 (`POST /api/v1/alert`) with its observables. */
export function defineTheHiveCreateAlert(deps: ConnectorDeps): ActionDefinition<TheHiveCreateAlertInput, z.infer<typeof output>> {
  const cfg = deps.config.thehive;
  return {
    id: 'thehive.create_alert',
    summary: 'Create an alert with observables in TheHive 5',
    effect: 'write',
    input,
    output,
    secrets: [THEHIVE_API_KEY_SECRET],
    plan: (i) =>
      `create a ${i.severity} TheHive alert ${JSON.stringify(i.title.slice(0, 80))} with ${i.observables.length} observable(s) at ${cfg.url === undefined ? '(connectors.thehive.url not configured)' : describeUrl(new URL(cfg.url))}`,
    run: async (i, context) => {
      const url = endpoint(cfg.url, '/api/v1/alert', 'thehive.create_alert', 'thehive.url');
      const key = requireSecret(context, THEHIVE_API_KEY_SECRET, 'thehive.create_alert');
      const target = `thehive.create_alert ${describeUrl(url)}`;
      const headers: Record<string, string> = { authorization: `Bearer ${key}` };
      if (cfg.organisation !== undefined) headers['x-organisation'] = cfg.organisation;
      const response = await postJson({ url, target, payload: theHiveAlert(i, i.source_ref ?? context.idempotencyKey.slice(0, 128), deps.now()), headers }, context, deps.config.http, deps.now);
      return { id: readJsonBody(response, created, target, context)._id };
    },
  };
}
