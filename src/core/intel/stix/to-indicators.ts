import type { Indicator } from '../indicator.js';
import type { StixBundle } from './bundle-reader.js';

/** Options of `stixBundleIndicators`. */
export interface StixToIndicatorsOptions {
  /** Source when an indicator has no `created_by_ref`. */
  readonly defaultSource: string;
  /**
   * Also take the values of patterns that are not a plain "any of" (AND, FOLLOWEDBY, qualifiers …):
   * each value is necessary for the pattern, not sufficient. Default false: such patterns are reported.
   */
  readonly includeNotAnyOf?: boolean;
}

/** Indicators from a read bundle, and the STIX indicators whose patterns were not taken. */
export interface StixIndicators {
  readonly indicators: readonly Indicator[];
  readonly notTaken: readonly { readonly id: string; readonly reasons: readonly string[] }[];
}

/**
 * The values of the current version of every STIX indicator as Vigil indicators: source from the
 * creator identity's name (else its id, else `defaultSource`), STIX confidence, the object's TLP,
 * labels from `labels`, `indicator_types` and ATT&CK technique ids, validity and revocation as they
 * are (the matcher applies them), `ref` the STIX id, `description` the STIX name.
 */
export function stixBundleIndicators(bundle: StixBundle, options: StixToIndicatorsOptions): StixIndicators {
  const indicators: Indicator[] = [];
  const notTaken: { id: string; reasons: string[] }[] = [];
  for (const rec of bundle.indicators) {
    if (rec.pattern.kind !== 'stix') {
      notTaken.push({ id: rec.id, reasons: [rec.pattern.kind === 'opaque' ? `pattern_type ${rec.pattern.patternType} is not evaluated` : rec.pattern.error.message] });
      continue;
    }
    const pv = rec.pattern.values;
    if (!pv.anyOf) {
      notTaken.push({ id: rec.id, reasons: [...pv.reasons] });
      if (options.includeNotAnyOf !== true) continue;
    }
    const labels = [...new Set([...rec.labels, ...rec.indicatorTypes, ...rec.attackTechniques])].slice(0, 256);
    for (const v of pv.values) {
      indicators.push({
        type: v.type,
        value: v.value,
        source: (rec.creatorName ?? rec.createdByRef ?? options.defaultSource).slice(0, 256),
        labels,
        revoked: rec.revoked,
        ref: rec.id,
        ...(rec.confidence === undefined ? {} : { confidence: rec.confidence }),
        ...(rec.tlp === undefined ? {} : { tlp: rec.tlp }),
        ...(rec.validFrom === undefined ? {} : { validFrom: rec.validFrom }),
        ...(rec.validUntil === undefined ? {} : { validUntil: rec.validUntil }),
        ...(rec.name === undefined ? {} : { description: rec.name.slice(0, 4096) }),
      });
    }
  }
  return { indicators, notTaken };
}
