import { stixObservableType } from '../ecs-threat.js';
import type { Tlp } from '../indicator.js';
import type { StixBundle, StixIndicatorRecord } from './bundle-reader.js';
import { stixIndicatorStatus } from './indicator-status.js';
import type { PatternFeature } from './pattern-values.js';

/** What a consumer concludes about one indicator (property names as in the conformance fixture). */
export interface StixIndicatorSummary {
  readonly modified?: string;
  readonly active: boolean;
  readonly reason?: string;
  readonly tlp?: Tlp;
  readonly granular_tlp?: Readonly<Record<string, Tlp>>;
  readonly pattern_type: string;
  readonly stix_pattern_evaluable: boolean;
  readonly pattern_features: readonly PatternFeature[];
  /** STIX observable type → canonical values the pattern names. */
  readonly observables: Readonly<Record<string, readonly string[]>>;
  readonly attack_technique?: string;
}

/** What a consumer concludes about a bundle at a time; the shape of `consumer-conformance-expected.json`. */
export interface StixBundleSummary {
  readonly as_of: string;
  readonly object_count_in_bundle: number;
  readonly distinct_ids: number;
  readonly current_versions: Readonly<Record<string, StixIndicatorSummary>>;
  readonly active_indicator_ids: readonly string[];
  readonly sightings: readonly { readonly id: string; readonly sighting_of_ref: string; readonly count?: number; readonly where_sighted: readonly string[] }[];
  readonly relationships: readonly { readonly source: string; readonly type: string; readonly target: string }[];
  readonly ignored_object_types: readonly string[];
  readonly tlp_marking_ids: Readonly<Record<string, string>>;
}

/** Summarizes a read bundle at `asOf` (epoch ms). */
export function summarizeStixBundle(bundle: StixBundle, asOf: number): StixBundleSummary {
  const current: Record<string, StixIndicatorSummary> = {};
  const active: string[] = [];
  for (const rec of bundle.indicators) {
    const s = summarizeIndicator(rec, asOf);
    current[rec.id] = s;
    if (s.active) active.push(rec.id);
  }
  const tlpIds: Record<string, string> = {};
  for (const [id, tlp] of Object.entries(bundle.tlpMarkings)) tlpIds[tlp] ??= id;
  return {
    as_of: new Date(asOf).toISOString().replace('.000Z', 'Z'),
    object_count_in_bundle: bundle.objectCount,
    distinct_ids: bundle.distinctIds,
    current_versions: current,
    active_indicator_ids: active,
    sightings: bundle.sightings.map((s) => ({ id: s.id, sighting_of_ref: s.sightingOfRef, ...(s.count === undefined ? {} : { count: s.count }), where_sighted: s.whereSightedRefs })),
    relationships: bundle.relationships.map((r) => ({ source: r.sourceRef, type: r.relationshipType, target: r.targetRef })),
    ignored_object_types: bundle.ignoredTypes,
    tlp_marking_ids: tlpIds,
  };
}

function summarizeIndicator(rec: StixIndicatorRecord, asOf: number): StixIndicatorSummary {
  const status = stixIndicatorStatus(rec, asOf);
  const observables: Record<string, string[]> = {};
  if (rec.pattern.kind === 'stix') {
    for (const v of rec.pattern.values.values) (observables[stixObservableType(v.type, v.value)] ??= []).push(v.value);
  }
  const granular = Object.keys(rec.granularTlp).length > 0;
  return {
    ...(rec.modified === undefined ? {} : { modified: rec.modified }),
    active: status.active,
    ...(status.active ? {} : { reason: status.reason }),
    ...(rec.tlp === undefined ? {} : { tlp: rec.tlp }),
    ...(granular ? { granular_tlp: rec.granularTlp } : {}),
    pattern_type: rec.patternType,
    stix_pattern_evaluable: rec.pattern.kind === 'stix',
    pattern_features: rec.pattern.kind === 'stix' ? rec.pattern.values.features : [],
    observables,
    ...(rec.attackTechniques[0] === undefined ? {} : { attack_technique: rec.attackTechniques[0] }),
  };
}
