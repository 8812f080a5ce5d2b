import { createHash } from 'node:crypto';
import { type Indicator, type Tlp, assertNever } from '../indicator.js';
import { indicatorKey } from '../merge.js';

/** An indicator seen in our events (from stored intel alerts), for a STIX `sighting`. */
export interface StixSightingInput {
  readonly type: Indicator['type'];
  readonly value: string;
  readonly source: string;
  readonly count: number;
  /** Epoch ms of the first and last event. */
  readonly firstSeen: number;
  readonly lastSeen: number;
}

/** Options of `buildStixExport`. */
export interface StixExportOptions {
  /** The time the bundle is made (epoch ms): `created`/`modified` of objects without their own times. */
  readonly now: number;
  /** Name of the identity that produces the bundle and sighted the indicators. */
  readonly producer: string;
}

/** STIX 2.1 TLP marking-definition ids: TLP 1.0 from the specification, TLP 2.0 for `amber+strict`. */
const TLP_MARKING: Readonly<Record<Tlp, string>> = {
  clear: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  white: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
};

const HASH_NAMES = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' } as const;

/**
 * A STIX 2.1 bundle of indicators (one `indicator` per stored indicator, its pattern a single
 * comparison) plus a `sighting` per indicator seen in our events, all created by one `identity`.
 * Ids are deterministic (name-based UUIDs of the indicator key), so exporting twice gives the same
 * ids and a consumer updates instead of duplicating. Sightings of indicators not in the export are
 * left out (counted in `sightingsWithoutIndicator`).
 */
export function buildStixExport(
  indicators: readonly Indicator[],
  sightings: readonly StixSightingInput[],
  options: StixExportOptions,
): { bundle: Record<string, unknown>; indicators: number; sightings: number; sightingsWithoutIndicator: number } {
  const now = iso(options.now);
  const identityId = `identity--${nameUuid(`identity\u0000${options.producer}`)}`;
  const objects: Record<string, unknown>[] = [
    { type: 'identity', spec_version: '2.1', id: identityId, created: now, modified: now, name: options.producer, identity_class: 'organization' },
  ];
  const ids = new Map<string, string>();
  for (const ind of indicators) {
    const id = `indicator--${nameUuid(indicatorKey(ind))}`;
    ids.set(indicatorKey(ind), id);
    const created = iso(ind.firstSeen ?? options.now);
    const validFrom = ind.validFrom ?? ind.firstSeen ?? options.now;
    objects.push({
      type: 'indicator',
      spec_version: '2.1',
      id,
      created_by_ref: identityId,
      created,
      modified: iso(Math.max(ind.lastSeen ?? options.now, ind.firstSeen ?? 0)),
      name: ind.value,
      ...(ind.description === undefined ? {} : { description: ind.description }),
      indicator_types: ['malicious-activity'],
      pattern: stixPatternOf(ind),
      pattern_type: 'stix',
      pattern_version: '2.1',
      valid_from: iso(validFrom),
      ...(ind.validUntil !== undefined && ind.validUntil > validFrom ? { valid_until: iso(ind.validUntil) } : {}),
      ...(ind.revoked ? { revoked: true } : {}),
      ...(ind.confidence === undefined ? {} : { confidence: ind.confidence }),
      ...(ind.labels.length === 0 ? {} : { labels: [...ind.labels] }),
      ...(ind.tlp === undefined ? {} : { object_marking_refs: [TLP_MARKING[ind.tlp]] }),
      external_references: [{ source_name: ind.source, ...(ind.ref === undefined ? {} : { external_id: ind.ref }) }],
    });
  }
  let written = 0;
  let orphans = 0;
  for (const s of sightings) {
    const ref = ids.get(indicatorKey(s));
    if (ref === undefined) {
      orphans++;
      continue;
    }
    written++;
    objects.push({
      type: 'sighting',
      spec_version: '2.1',
      id: `sighting--${nameUuid(`sighting\u0000${ref}\u0000${options.producer}`)}`,
      created_by_ref: identityId,
      created: now,
      modified: now,
      sighting_of_ref: ref,
      count: Math.min(Math.max(s.count, 0), 999_999_999),
      first_seen: iso(s.firstSeen),
      last_seen: iso(Math.max(s.lastSeen, s.firstSeen)),
      where_sighted_refs: [identityId],
    });
  }
  const bundle = { type: 'bundle', id: `bundle--${nameUuid(`bundle\u0000${options.producer}\u0000${now}`)}`, objects };
  return { bundle, indicators: indicators.length, sightings: written, sightingsWithoutIndicator: orphans };
}

/** The STIX pattern of one indicator: a single comparison over its observable type. */
export function stixPatternOf(ind: Pick<Indicator, 'type' | 'value'>): string {
  const v = `'${ind.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  switch (ind.type) {
    case 'ipv4':
      return `[ipv4-addr:value = ${v}]`;
    case 'ipv6':
      return `[ipv6-addr:value = ${v}]`;
    case 'cidr':
      return ind.value.includes(':') ? `[ipv6-addr:value = ${v}]` : `[ipv4-addr:value = ${v}]`;
    case 'domain':
      return `[domain-name:value = ${v}]`;
    case 'url':
      return `[url:value = ${v}]`;
    case 'email':
      return `[email-addr:value = ${v}]`;
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'sha512':
      return `[file:hashes.'${HASH_NAMES[ind.type]}' = ${v}]`;
    default:
      return assertNever(ind.type);
  }
}

/** A name-based UUID (RFC 4122 version 5 layout over SHA-1 of a Vigil namespace and the name). */
function nameUuid(name: string): string {
  const h = createHash('sha1').update('vigil-stix-export\u0000').update(name, 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
