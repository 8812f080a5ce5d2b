import { isIP } from 'node:net';
import { z } from 'zod';
import type { ActionDefinition, AnyActionDefinition } from '../../../core/respond/action.js';
import { SEVERITIES } from '../../../schema/severity.js';
import { CASE_RESOLUTIONS, CASE_STATUSES, INDICATOR_TYPES, OBSERVABLE_TYPES, type CasePort, type IntelMatch, type IntelPort, type Observable } from './ports.js';

const value = z.string().min(1).max(2048);
const ip = z.string().max(64).refine((s) => isIP(s) !== 0, 'an IPv4 or IPv6 address');
const matchSchema = z.object({ type: z.enum(INDICATOR_TYPES), value: z.string(), source: z.string(), confidence: z.number(), tags: z.array(z.string()) });
const observable = z.object({ type: z.enum(OBSERVABLE_TYPES), value });
const ACTOR = 'playbook';
const values = z.array(z.string().max(2048)).max(1000).default([]);

type ListInput = Readonly<Record<'observables' | 'ips' | 'users' | 'hosts' | 'domains' | 'urls' | 'hashes' | 'emails', readonly unknown[]>>;

/** The observables of an add_to_case input: its typed list plus its plain lists, empty values and repeats dropped. */
function observablesOf(i: ListInput & { observables: readonly Observable[] }): Observable[] {
  const out: Observable[] = [];
  const seen = new Set<string>();
  const add = (type: Observable['type'], value: string): void => {
    const key = `${type}\0${value}`;
    if (value === '' || seen.has(key)) return;
    seen.add(key);
    out.push({ type, value });
  };
  for (const o of i.observables) add(o.type, o.value);
  const lists: readonly [Observable['type'], readonly unknown[]][] = [['ip', i.ips], ['user', i.users], ['host', i.hosts], ['domain', i.domains], ['url', i.urls], ['hash', i.hashes], ['email', i.emails]];
  for (const [type, list] of lists) for (const v of list) if (typeof v === 'string') add(type, v);
  return out;
}

function define<I, O>(def: ActionDefinition<I, O>): AnyActionDefinition {
  return def as unknown as AnyActionDefinition;
}

const toMatches = (m: readonly IntelMatch[]) => m.map((x) => ({ type: x.type, value: x.value, source: x.source, confidence: x.confidence, tags: [...x.tags] }));

/** Vigil's own actions, written against the case and intel ports. */
export function vigilActions(ports: { readonly cases: CasePort; readonly intel: IntelPort }): AnyActionDefinition[] {
  return [
    define({
      id: 'vigil.enrich_ip',
      summary: 'look an IP address up in the intel store',
      effect: 'read',
      secrets: [],
      input: z.strictObject({ ip }),
      output: z.object({ ip: z.string(), known: z.boolean(), score: z.number().min(0).max(100), sources: z.array(z.string()), tags: z.array(z.string()), matches: z.array(matchSchema) }),
      plan: (i) => `look up ${i.ip} in the intel store`,
      run: async (i, ctx) => {
        const matches = await ports.intel.lookup('ip', i.ip, ctx.signal);
        return {
          ip: i.ip,
          known: matches.length > 0,
          score: matches.reduce((m, x) => Math.max(m, x.confidence), 0),
          sources: [...new Set(matches.map((m) => m.source))],
          tags: [...new Set(matches.flatMap((m) => m.tags))],
          matches: toMatches(matches),
        };
      },
    }),
    define({
      id: 'vigil.lookup_indicator',
      summary: 'look any indicator up in the intel store',
      effect: 'read',
      secrets: [],
      input: z.strictObject({ type: z.enum(INDICATOR_TYPES), value }),
      output: z.object({ found: z.boolean(), matches: z.array(matchSchema) }),
      plan: (i) => `look up ${i.type} ${i.value} in the intel store`,
      run: async (i, ctx) => {
        const matches = await ports.intel.lookup(i.type, i.value, ctx.signal);
        return { found: matches.length > 0, matches: toMatches(matches) };
      },
    }),
    define({
      id: 'vigil.add_to_case',
      summary: 'open a case or extend the matching one with an alert and observables',
      effect: 'write',
      secrets: [],
      input: z.strictObject({
        case_id: z.string().min(1).max(200).optional(),
        alert_id: z.string().min(1).max(200).optional(),
        title: z.string().min(1).max(500),
        severity: z.enum(SEVERITIES),
        observables: z.array(observable).max(1000).default([]),
        // Plain lists, for alert fields like related.ip: each value becomes an observable of its kind.
        ips: values,
        users: values,
        hosts: values,
        domains: values,
        urls: values,
        hashes: values,
        emails: values,
        tags: z.array(z.string().min(1).max(100)).max(100).default([]),
        note: z.string().max(10_000).optional(),
      }),
      output: z.object({ case_id: z.string(), created: z.boolean() }),
      plan: (i) => `${i.case_id === undefined ? 'open or extend a case' : `extend case ${i.case_id}`} "${i.title}" (${i.severity}) with ${observablesOf(i).length} observable(s)`,
      run: async (i, ctx) => {
        const r = await ports.cases.addToCase(
          {
            ...(i.case_id === undefined ? {} : { caseId: i.case_id }),
            ...(i.alert_id === undefined ? {} : { alertId: i.alert_id }),
            ...(i.note === undefined ? {} : { note: i.note }),
            title: i.title,
            severity: i.severity,
            observables: observablesOf(i),
            tags: i.tags,
            actor: ACTOR,
          },
          ctx.signal,
        );
        return { case_id: r.caseId, created: r.created };
      },
    }),
    define({
      id: 'vigil.set_case_status',
      summary: 'change a case status (and resolution)',
      effect: 'write',
      secrets: [],
      input: z.strictObject({ case_id: z.string().min(1).max(200), status: z.enum(CASE_STATUSES), resolution: z.enum(CASE_RESOLUTIONS).optional(), note: z.string().max(10_000).optional() }),
      output: z.object({ case_id: z.string(), status: z.string() }),
      plan: (i) => `set case ${i.case_id} to ${i.status}${i.resolution === undefined ? '' : ` (${i.resolution})`}`,
      run: async (i, ctx) => {
        const r = await ports.cases.setStatus(
          { caseId: i.case_id, status: i.status, ...(i.resolution === undefined ? {} : { resolution: i.resolution }), ...(i.note === undefined ? {} : { note: i.note }), actor: ACTOR },
          ctx.signal,
        );
        return { case_id: r.caseId, status: r.status };
      },
    }),
    define({
      id: 'vigil.add_indicator',
      summary: 'add an indicator to the intel store',
      effect: 'write',
      secrets: [],
      input: z.strictObject({
        type: z.enum(INDICATOR_TYPES),
        value,
        source: z.string().min(1).max(200).default('playbook'),
        confidence: z.number().int().min(0).max(100).default(75),
        tags: z.array(z.string().min(1).max(100)).max(100).default([]),
        expires_in_days: z.number().int().min(1).max(3650).optional(),
      }),
      output: z.object({ added: z.boolean() }),
      plan: (i) => `add ${i.type} ${i.value} to the intel store (confidence ${i.confidence})`,
      run: async (i, ctx) => {
        const expiresAt = i.expires_in_days === undefined ? undefined : new Date(Date.now() + i.expires_in_days * 86_400_000).toISOString();
        return ports.intel.addIndicator({ type: i.type, value: i.value, source: i.source, confidence: i.confidence, tags: i.tags, ...(expiresAt === undefined ? {} : { expiresAt }) }, ctx.signal);
      },
    }),
    define({
      id: 'vigil.log',
      summary: 'write a line to the run journal',
      // Only the journal changes: safe in dry runs.
      effect: 'read',
      secrets: [],
      input: z.strictObject({ message: z.string().max(10_000), fields: z.record(z.string(), z.unknown()).optional() }),
      output: z.object({ logged: z.boolean() }),
      plan: (i) => `log "${i.message}"`,
      run: (i, ctx) => {
        ctx.log(i.message, i.fields);
        return Promise.resolve({ logged: true });
      },
    }),
  ];
}

/** Ports that refuse every call: what the CLI uses until the case and intel stores are wired in. */
export const UNWIRED_PORTS: { readonly cases: CasePort; readonly intel: IntelPort } = {
  cases: {
    addToCase: () => Promise.reject(new Error('no case store is connected to the playbook runner')),
    setStatus: () => Promise.reject(new Error('no case store is connected to the playbook runner')),
  },
  intel: {
    lookup: () => Promise.resolve([]),
    addIndicator: () => Promise.reject(new Error('no intel store is connected to the playbook runner')),
  },
};
