import type { EcsEvent } from '../../schema/event.js';
import { assertNever, type IndicatorType } from './indicator.js';
import { parseIpv4 } from '../../lib/ip.js';
import { quickUrlHost } from './url.js';

/** What an observable is matched as. */
export type ObservableKind = 'ip' | 'domain' | 'url' | 'email' | 'hash';

/** A value seen in an event, with the ECS field it came from. */
export interface Observable {
  readonly kind: ObservableKind;
  readonly field: string;
  readonly value: string;
}

/**
 * The ECS fields whose values are matched, in the order they are read (the first field that carries
 * a value names it in a hit). Array-valued fields and arrays on the way (`email.attachments`) are
 * flattened. `related.user` counts only where it holds an e-mail address.
 */
export const OBSERVABLE_FIELDS: readonly (readonly [ObservableKind, string])[] = [
  ['ip', 'source.ip'],
  ['ip', 'destination.ip'],
  ['ip', 'client.ip'],
  ['ip', 'server.ip'],
  ['ip', 'host.ip'],
  ['ip', 'related.ip'],
  ['domain', 'url.domain'],
  ['domain', 'destination.domain'],
  ['domain', 'source.domain'],
  ['domain', 'server.domain'],
  ['domain', 'client.domain'],
  ['domain', 'dns.question.name'],
  ['domain', 'related.hosts'],
  ['url', 'url.full'],
  ['url', 'url.original'],
  ['email', 'email.from.address'],
  ['email', 'email.sender.address'],
  ['email', 'email.reply_to.address'],
  ['email', 'email.to.address'],
  ['email', 'email.cc.address'],
  ['email', 'email.bcc.address'],
  ['email', 'user.email'],
  ['email', 'related.user'],
  ['hash', 'file.hash.md5'],
  ['hash', 'file.hash.sha1'],
  ['hash', 'file.hash.sha256'],
  ['hash', 'file.hash.sha512'],
  ['hash', 'process.hash.md5'],
  ['hash', 'process.hash.sha1'],
  ['hash', 'process.hash.sha256'],
  ['hash', 'process.hash.sha512'],
  ['hash', 'email.attachments.file.hash.md5'],
  ['hash', 'email.attachments.file.hash.sha1'],
  ['hash', 'email.attachments.file.hash.sha256'],
  ['hash', 'email.attachments.file.hash.sha512'],
  ['hash', 'related.hash'],
];

/** One observable field, split for reading in place: its top-level object and the path below it. */
export interface EventField {
  readonly kind: ObservableKind;
  readonly field: string;
  readonly rest: readonly string[];
}

/**
 * `OBSERVABLE_FIELDS` in their order, consecutive fields under the same top-level object (`source`,
 * `url`, `file` …) grouped, so an event is tested once per group: most events have none of most.
 */
export const EVENT_FIELDS: readonly { readonly top: string; readonly fields: readonly EventField[] }[] = (() => {
  const groups: { top: string; fields: EventField[] }[] = [];
  for (const [kind, field] of OBSERVABLE_FIELDS) {
    const [top = '', ...rest] = field.split('.');
    let g = groups.at(-1);
    if (g?.top !== top) {
      g = { top, fields: [] };
      groups.push(g);
    }
    g.fields.push({ kind, field, rest });
  }
  return groups;
})();

const SPLIT: readonly (readonly [ObservableKind, string, readonly string[]])[] = OBSERVABLE_FIELDS.map(([k, f]) => [k, f, f.split('.')] as const);

/**
 * The observables of an event, deduplicated by kind and value. A URL also yields its host (as an IP or
 * a domain) and an e-mail address its domain, under the same field, so a domain indicator matches
 * the links and senders on that domain.
 */
export function collectObservables(event: EcsEvent): Observable[] {
  const out: Observable[] = [];
  const seen = new Set<string>();
  const add = (kind: ObservableKind, field: string, value: string): void => {
    const key = `${kind}\u0000${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ kind, field, value });
  };
  const values: string[] = [];
  for (const [kind, field, path] of SPLIT) {
    values.length = 0;
    readStrings(event, path, 0, values);
    for (const v of values) {
      if (v.length === 0) continue;
      switch (kind) {
        case 'ip':
        case 'hash':
          add(kind, field, v);
          break;
        case 'domain':
          add(parseIpv4(v) !== undefined || v.includes(':') ? 'ip' : 'domain', field, v);
          break;
        case 'url': {
          add('url', field, v);
          const host = quickUrlHost(v);
          if (host !== undefined && host.length > 0) add(parseIpv4(host) !== undefined || host.includes(':') ? 'ip' : 'domain', field, host);
          break;
        }
        case 'email': {
          const at = v.lastIndexOf('@');
          if (at <= 0) break;
          add('email', field, v);
          add('domain', field, v.slice(at + 1));
          break;
        }
        default:
          return assertNeverKind(kind);
      }
    }
  }
  return out;
}

/** Reads the strings at a dotted path, flattening arrays met on the way (recursion depth ≤ path length). */
function readStrings(node: unknown, path: readonly string[], depth: number, out: string[]): void {
  if (depth === path.length) {
    if (typeof node === 'string') out.push(node);
    else if (Array.isArray(node)) for (const x of node) if (typeof x === 'string') out.push(x);
    return;
  }
  if (Array.isArray(node)) {
    // One level of arrays only: a nested array is not ECS, and walking it could recurse without bound.
    for (const x of node) if (!Array.isArray(x)) readStrings(x, path, depth, out);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const child = (node as Record<string, unknown>)[path[depth]!];
  if (child !== undefined) readStrings(child, path, depth + 1, out);
}

function assertNeverKind(x: never): never {
  throw new Error(`unexpected observable kind ${String(x)}`);
}

/** The observable kind a type is looked up as. */
export function observableKindOf(type: IndicatorType | ObservableKind): ObservableKind {
  switch (type) {
    case 'ip':
    case 'ipv4':
    case 'ipv6':
    case 'cidr':
      return 'ip';
    case 'domain':
      return 'domain';
    case 'url':
      return 'url';
    case 'email':
      return 'email';
    case 'hash':
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'sha512':
      return 'hash';
    default:
      return assertNever(type);
  }
}
