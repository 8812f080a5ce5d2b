import { type Indicator, type IndicatorType, assertNever } from './indicator.js';
import type { IndicatorHit } from './matcher.js';

/** ECS `threat.indicator.confidence` values. */
export type EcsConfidence = 'Not Specified' | 'None' | 'Low' | 'Medium' | 'High';

/** The ECS `threat.indicator.*` object of an indicator (https://www.elastic.co/guide/en/ecs/current/ecs-threat.html). */
export interface EcsThreatIndicator {
  /** STIX cyber-observable type name, as ECS asks: `ipv4-addr`, `domain-name`, `url`, `file`, … */
  readonly type: string;
  readonly name: string;
  readonly provider: string;
  readonly confidence: EcsConfidence;
  readonly ip?: string;
  readonly url?: { readonly full?: string; readonly domain?: string };
  readonly email?: { readonly address: string };
  readonly file?: { readonly hash: Readonly<Partial<Record<'md5' | 'sha1' | 'sha256' | 'sha512', string>>> };
  readonly marking?: { readonly tlp: string };
  readonly first_seen?: string;
  readonly last_seen?: string;
  readonly description?: string;
  readonly reference?: string;
}

/** One ECS `threat.enrichments[]` entry: the indicator and what in the event matched it. */
export interface EcsThreatEnrichment {
  readonly indicator: EcsThreatIndicator;
  readonly matched: { readonly atomic: string; readonly field: string; readonly type: 'indicator_match_rule'; readonly id?: string };
}

/** The STIX 2.1 scale (appendix A) from a 0–100 confidence to ECS's words. */
export function ecsConfidence(confidence: number | undefined): EcsConfidence {
  if (confidence === undefined) return 'Not Specified';
  if (confidence === 0) return 'None';
  if (confidence < 30) return 'Low';
  if (confidence < 70) return 'Medium';
  return 'High';
}

/** STIX cyber-observable type of an indicator type. */
export function stixObservableType(type: IndicatorType, value: string): string {
  switch (type) {
    case 'ipv4':
      return 'ipv4-addr';
    case 'ipv6':
      return 'ipv6-addr';
    case 'cidr':
      return value.includes(':') ? 'ipv6-addr' : 'ipv4-addr';
    case 'domain':
      return 'domain-name';
    case 'url':
      return 'url';
    case 'email':
      return 'email-addr';
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'sha512':
      return 'file';
    default:
      return assertNever(type);
  }
}

/** ECS `threat.indicator.*` fields of an indicator. A CIDR is carried by `name` (ECS `ip` holds one address). */
export function toEcsThreatIndicator(ind: Indicator): EcsThreatIndicator {
  const base = {
    type: stixObservableType(ind.type, ind.value),
    name: ind.value,
    provider: ind.source,
    confidence: ecsConfidence(ind.confidence),
    ...(ind.tlp === undefined ? {} : { marking: { tlp: ind.tlp.toUpperCase() } }),
    ...(ind.firstSeen === undefined ? {} : { first_seen: new Date(ind.firstSeen).toISOString() }),
    ...(ind.lastSeen === undefined ? {} : { last_seen: new Date(ind.lastSeen).toISOString() }),
    ...(ind.description === undefined ? {} : { description: ind.description }),
    ...(ind.ref === undefined ? {} : { reference: ind.ref }),
  };
  switch (ind.type) {
    case 'ipv4':
    case 'ipv6':
      return { ...base, ip: ind.value };
    case 'cidr':
      return base;
    case 'domain':
      return { ...base, url: { domain: ind.value } };
    case 'url':
      return { ...base, url: { full: ind.value } };
    case 'email':
      return { ...base, email: { address: ind.value } };
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'sha512':
      return { ...base, file: { hash: { [ind.type]: ind.value } } };
    default:
      return assertNever(ind.type);
  }
}

/** ECS `threat.enrichments[]` entry of a hit. */
export function toEcsThreatEnrichment(hit: IndicatorHit): EcsThreatEnrichment {
  return {
    indicator: toEcsThreatIndicator(hit.indicator),
    matched: { atomic: hit.observed, field: hit.field, type: 'indicator_match_rule', ...(hit.indicator.ref === undefined ? {} : { id: hit.indicator.ref }) },
  };
}
