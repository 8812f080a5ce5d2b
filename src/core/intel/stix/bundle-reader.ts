import { type Result, err, ok } from '../../../lib/result.js';
import { ErrorSink, type IntelError, intelError } from '../errors.js';
import { type Tlp, TLP_RANK } from '../indicator.js';
import { checkJsonShape } from '../json-depth.js';
import { INTEL_LIMITS } from '../limits.js';
import { parsePattern } from './pattern-parser.js';
import { type PatternValues, patternValues } from './pattern-values.js';
import { parseStixTimestamp, stixTimestampKey } from './timestamp.js';
import { type Obj, STIX21_OBJECT_TYPES, isObj, strings } from './stix-object.js';
import { STANDARD_TLP_MARKINGS, tlpOfMarkingDefinition } from './tlp.js';

/** What became of an indicator's pattern. */
export type StixPatternState =
  | { readonly kind: 'stix'; readonly values: PatternValues }
  | { readonly kind: 'opaque'; readonly patternType: string }
  | { readonly kind: 'invalid'; readonly error: IntelError };

/** The current version of one STIX indicator, with what Vigil needs from it. */
export interface StixIndicatorRecord {
  readonly id: string;
  /** 0-based index of this version in the bundle's `objects`. */
  readonly index: number;
  /** How many versions of the id the bundle holds. */
  readonly versions: number;
  readonly created?: string;
  readonly modified?: string;
  readonly name?: string;
  readonly description?: string;
  readonly patternType: string;
  readonly pattern: StixPatternState;
  readonly validFrom?: number;
  readonly validFromText?: string;
  readonly validUntil?: number;
  readonly validUntilText?: string;
  readonly revoked: boolean;
  /** The most restrictive TLP among `object_marking_refs`. */
  readonly tlp?: Tlp;
  /** TLP of selected properties from `granular_markings` (selector → level). */
  readonly granularTlp: Readonly<Record<string, Tlp>>;
  readonly confidence?: number;
  readonly labels: readonly string[];
  readonly indicatorTypes: readonly string[];
  readonly createdByRef?: string;
  /** Name of the `created_by_ref` identity when the bundle holds it. */
  readonly creatorName?: string;
  /** MITRE ATT&CK technique ids from `external_references`. */
  readonly attackTechniques: readonly string[];
}

/** A sighting object, reduced. */
export interface StixSighting {
  readonly id: string;
  readonly sightingOfRef: string;
  readonly count?: number;
  readonly whereSightedRefs: readonly string[];
  readonly firstSeen?: string;
  readonly lastSeen?: string;
}

/** A relationship object, reduced. */
export interface StixRelationship {
  readonly id: string;
  readonly relationshipType: string;
  readonly sourceRef: string;
  readonly targetRef: string;
}

/** What a bundle holds, versions resolved. */
export interface StixBundle {
  readonly objectCount: number;
  readonly distinctIds: number;
  /** Current versions of the indicators, in the order their id first appears. */
  readonly indicators: readonly StixIndicatorRecord[];
  readonly sightings: readonly StixSighting[];
  readonly relationships: readonly StixRelationship[];
  /** TLP marking definitions the bundle defines (id → level). */
  readonly tlpMarkings: Readonly<Record<string, Tlp>>;
  /** Identity id → name. */
  readonly identities: Readonly<Record<string, string>>;
  /** Object types not in STIX 2.1 (custom `x-…` types and any other), skipped. */
  readonly ignoredTypes: readonly string[];
  /** Objects that could not be read (the others were). */
  readonly errors: readonly IntelError[];
  /** Readable objects with parts Vigil cannot use (an invalid value in a pattern, an unknown TLP …). */
  readonly warnings: readonly IntelError[];
}


/**
 * Reads a STIX 2.1 bundle (or a single STIX object) that is already JSON-parsed. The document's depth
 * is checked first, iteratively; deeper than `INTEL_LIMITS.maxJsonDepth` is refused as a whole. Then
 * every object is read on its own: versions of one id are resolved by `modified` (latest wins, the
 * later one in the bundle on a tie), indicators get their pattern parsed (`pattern_type` other than
 * `stix` is kept opaque), validity, revocation, TLP (object and granular markings, by the bundle's
 * marking definitions and the standard TLP ids), confidence, labels, creator and ATT&CK ids. Unknown
 * object types are listed, not read; per-object problems are collected without stopping.
 */
export function readStixBundle(doc: unknown): Result<StixBundle, IntelError> {
  const shape = checkJsonShape(doc);
  if (shape !== undefined) return err(shape);
  if (!isObj(doc)) return err(intelError('INTEL_BAD_OBJECT', 'a STIX document is a JSON object'));
  let objects: readonly unknown[];
  if (doc.type === 'bundle') {
    if (!Array.isArray(doc.objects)) return err(intelError('INTEL_BAD_OBJECT', 'the bundle has no "objects" array'));
    objects = doc.objects;
  } else if (typeof doc.type === 'string' && typeof doc.id === 'string') objects = [doc];
  else return err(intelError('INTEL_BAD_OBJECT', 'neither a bundle nor a STIX object (no "type" and "id")'));

  const errors = new ErrorSink(INTEL_LIMITS.maxErrors);
  const warnings = new ErrorSink(INTEL_LIMITS.maxErrors);
  const current = new Map<string, { obj: Obj; index: number; key: string; versions: number; firstIndex: number }>();
  objects.forEach((raw, index) => {
    if (!isObj(raw)) { errors.add(intelError('INTEL_BAD_OBJECT', 'not a JSON object', { index })); return; }
    const { type, id } = raw;
    if (typeof type !== 'string' || typeof id !== 'string') { errors.add(intelError('INTEL_BAD_OBJECT', 'object without a string "type" and "id"', { index })); return; }
    if (!id.startsWith(`${type}--`)) warnings.add(intelError('INTEL_BAD_OBJECT', `id does not start with "${type}--"`, { index, objectId: id }));
    const stamp = raw.modified ?? raw.created;
    let key = '';
    if (stamp !== undefined) {
      if (parseStixTimestamp(stamp) === undefined) { errors.add(intelError('INTEL_BAD_OBJECT', `"modified" is not a STIX timestamp: ${JSON.stringify(stamp).slice(0, 60)}`, { index, objectId: id })); return; }
      key = stixTimestampKey(stamp as string);
    }
    const prev = current.get(id);
    if (prev === undefined) current.set(id, { obj: raw, index, key, versions: 1, firstIndex: index });
    else if (key >= prev.key) current.set(id, { obj: raw, index, key, versions: prev.versions + 1, firstIndex: prev.firstIndex });
    else prev.versions++;
  });

  const tlpMarkings: Record<string, Tlp> = {};
  const identities: Record<string, string> = {};
  const ignored = new Set<string>();
  for (const { obj } of current.values()) {
    const type = obj.type as string;
    if (type === 'marking-definition') {
      const tlp = tlpOfMarkingDefinition(obj);
      if (tlp !== undefined) tlpMarkings[obj.id as string] = tlp;
    } else if (type === 'identity' && typeof obj.name === 'string') identities[obj.id as string] = obj.name;
    else if (!STIX21_OBJECT_TYPES.has(type)) ignored.add(type);
  }
  const tlpOf = (ref: string): Tlp | undefined => tlpMarkings[ref] ?? STANDARD_TLP_MARKINGS[ref];

  const indicators: StixIndicatorRecord[] = [];
  const sightings: StixSighting[] = [];
  const relationships: StixRelationship[] = [];
  const ordered = [...current.values()].sort((a, b) => a.firstIndex - b.firstIndex);
  for (const v of ordered) {
    const { obj, index } = v;
    const id = obj.id as string;
    switch (obj.type) {
      case 'indicator': {
        const rec = readIndicator(obj, index, v.versions, tlpOf, identities, errors, warnings);
        if (rec !== undefined) indicators.push(rec);
        break;
      }
      case 'sighting':
        if (typeof obj.sighting_of_ref !== 'string') errors.add(intelError('INTEL_BAD_OBJECT', 'sighting without "sighting_of_ref"', { index, objectId: id }));
        else
          sightings.push({
            id,
            sightingOfRef: obj.sighting_of_ref,
            ...(typeof obj.count === 'number' ? { count: obj.count } : {}),
            whereSightedRefs: strings(obj.where_sighted_refs),
            ...(typeof obj.first_seen === 'string' ? { firstSeen: obj.first_seen } : {}),
            ...(typeof obj.last_seen === 'string' ? { lastSeen: obj.last_seen } : {}),
          });
        break;
      case 'relationship':
        if (typeof obj.relationship_type !== 'string' || typeof obj.source_ref !== 'string' || typeof obj.target_ref !== 'string') {
          errors.add(intelError('INTEL_BAD_OBJECT', 'relationship without relationship_type, source_ref and target_ref', { index, objectId: id }));
        } else relationships.push({ id, relationshipType: obj.relationship_type, sourceRef: obj.source_ref, targetRef: obj.target_ref });
        break;
      default:
        break;
    }
  }
  if (errors.dropped > 0) errors.errors.push(intelError('INTEL_TOO_LARGE', `${errors.dropped} more errors not listed`));
  return ok({
    objectCount: objects.length,
    distinctIds: current.size,
    indicators,
    sightings,
    relationships,
    tlpMarkings,
    identities,
    ignoredTypes: [...ignored],
    errors: errors.errors,
    warnings: warnings.errors,
  });
}

function readIndicator(
  obj: Obj,
  index: number,
  versions: number,
  tlpOf: (ref: string) => Tlp | undefined,
  identities: Readonly<Record<string, string>>,
  errors: ErrorSink,
  warnings: ErrorSink,
): StixIndicatorRecord | undefined {
  const id = obj.id as string;
  const at = { index, objectId: id };
  if (typeof obj.pattern !== 'string') {
    errors.add(intelError('INTEL_BAD_OBJECT', 'indicator without a string "pattern"', at));
    return undefined;
  }
  const patternType = typeof obj.pattern_type === 'string' ? obj.pattern_type : 'stix';
  let pattern: StixPatternState;
  if (patternType !== 'stix') pattern = { kind: 'opaque', patternType };
  else {
    const parsed = parsePattern(obj.pattern);
    if (!parsed.ok) {
      const e = intelError(parsed.error.code, `pattern: ${parsed.error.message}`, { ...at, offset: parsed.error.offset, path: 'pattern' });
      errors.add(e);
      pattern = { kind: 'invalid', error: e };
    } else {
      const values = patternValues(parsed.value.root);
      for (const bad of values.invalidValues) warnings.add(intelError('INTEL_INVALID_VALUE', `${bad.path} '${bad.raw.slice(0, 80)}': ${bad.reason}`, { ...at, path: 'pattern' }));
      pattern = { kind: 'stix', values };
    }
  }
  const validFrom = time(obj, 'valid_from', at, warnings);
  const validUntil = time(obj, 'valid_until', at, warnings);
  if (obj.valid_from === undefined) warnings.add(intelError('INTEL_BAD_OBJECT', 'indicator without "valid_from" (required by STIX 2.1): valid from any time', at));
  if (validFrom !== undefined && validUntil !== undefined && validUntil <= validFrom) warnings.add(intelError('INTEL_BAD_OBJECT', '"valid_until" is not after "valid_from": never valid', at));

  let tlp: Tlp | undefined;
  for (const ref of strings(obj.object_marking_refs)) {
    const t = tlpOf(ref);
    if (t !== undefined && (tlp === undefined || TLP_RANK[t] > TLP_RANK[tlp])) tlp = t;
  }
  const granularTlp: Record<string, Tlp> = {};
  if (Array.isArray(obj.granular_markings)) {
    for (const g of obj.granular_markings) {
      if (!isObj(g) || typeof g.marking_ref !== 'string') continue;
      const t = tlpOf(g.marking_ref);
      if (t === undefined) continue;
      for (const sel of strings(g.selectors)) {
        const prev = granularTlp[sel];
        if (prev === undefined || TLP_RANK[t] > TLP_RANK[prev]) granularTlp[sel] = t;
      }
    }
  }
  let confidence: number | undefined;
  if (obj.confidence !== undefined) {
    if (typeof obj.confidence === 'number' && Number.isInteger(obj.confidence) && obj.confidence >= 0 && obj.confidence <= 100) confidence = obj.confidence;
    else warnings.add(intelError('INTEL_BAD_OBJECT', '"confidence" is not an integer from 0 to 100; ignored', at));
  }
  const attackTechniques: string[] = [];
  if (Array.isArray(obj.external_references)) {
    for (const r of obj.external_references) {
      if (isObj(r) && r.source_name === 'mitre-attack' && typeof r.external_id === 'string' && /^T[0-9]{4}(\.[0-9]{3})?$/.test(r.external_id)) attackTechniques.push(r.external_id);
    }
  }
  const createdByRef = typeof obj.created_by_ref === 'string' ? obj.created_by_ref : undefined;
  const creatorName = createdByRef === undefined ? undefined : identities[createdByRef];
  return {
    id,
    index,
    versions,
    ...(typeof obj.created === 'string' ? { created: obj.created } : {}),
    ...(typeof obj.modified === 'string' ? { modified: obj.modified } : {}),
    ...(typeof obj.name === 'string' ? { name: obj.name } : {}),
    ...(typeof obj.description === 'string' ? { description: obj.description } : {}),
    patternType,
    pattern,
    ...(validFrom === undefined ? {} : { validFrom, validFromText: obj.valid_from as string }),
    ...(validUntil === undefined ? {} : { validUntil, validUntilText: obj.valid_until as string }),
    revoked: obj.revoked === true,
    ...(tlp === undefined ? {} : { tlp }),
    granularTlp,
    ...(confidence === undefined ? {} : { confidence }),
    labels: strings(obj.labels),
    indicatorTypes: strings(obj.indicator_types),
    ...(createdByRef === undefined ? {} : { createdByRef }),
    ...(creatorName === undefined ? {} : { creatorName }),
    attackTechniques,
  };
}

function time(obj: Obj, prop: string, at: { index: number; objectId: string }, warnings: ErrorSink): number | undefined {
  const v = obj[prop];
  if (v === undefined) return undefined;
  const t = parseStixTimestamp(v);
  if (t === undefined) warnings.add(intelError('INTEL_BAD_OBJECT', `"${prop}" is not a STIX timestamp; ignored`, { ...at, path: prop }));
  return t;
}
