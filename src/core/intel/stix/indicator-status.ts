import type { StixIndicatorRecord } from './bundle-reader.js';

/** Whether an indicator is in force at a time, and why not. */
export type StixIndicatorStatus = { readonly active: true } | { readonly active: false; readonly reason: string };

/**
 * STIX 2.1 validity: a revoked indicator is retired; otherwise it is active while
 * `valid_from <= t < valid_until` (either bound may be absent). The reason quotes the bound as written.
 */
export function stixIndicatorStatus(rec: StixIndicatorRecord, t: number): StixIndicatorStatus {
  if (rec.revoked) return { active: false, reason: 'revoked' };
  if (rec.validUntil !== undefined && t >= rec.validUntil) return { active: false, reason: `expired (valid_until ${rec.validUntilText ?? ''})` };
  if (rec.validFrom !== undefined && t < rec.validFrom) return { active: false, reason: `not yet valid (valid_from ${rec.validFromText ?? ''})` };
  return { active: true };
}
