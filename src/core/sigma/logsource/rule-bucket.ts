import type { FieldValue } from '../contract.js';
import type { RoutedEventView } from '../events/mapped-view.js';
import type { FieldCondition } from './logsource-mappings.js';

/** A rule placed in the index: its load order (buckets keep it) and its field condition, if any. */
export interface BucketEntry<R> {
  readonly order: number;
  readonly rule: R;
  readonly where: FieldCondition | undefined;
}

function valueHolds(value: FieldValue, accepted: ReadonlySet<string>): boolean {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return accepted.has(String(value).toLowerCase());
  if (Array.isArray(value)) {
    for (const item of value as readonly FieldValue[]) if (valueHolds(item, accepted)) return true;
  }
  return false;
}

/** True when every field of `condition` has one of its accepted values in `event`. */
export function conditionHolds(condition: FieldCondition, event: RoutedEventView): boolean {
  for (const [field, accepted] of condition) if (!valueHolds(event.get(field), accepted)) return false;
  return true;
}

/**
 * The rules offered to one kind of event, in load order, built once. When no rule in it has a field
 * condition (the usual case), `candidates` returns the same array every time: no allocation per event.
 */
export class RuleBucket<R> {
  readonly rules: readonly R[];
  readonly #conditions: readonly (FieldCondition | undefined)[] | undefined;
  readonly #conditionOf: ReadonlyMap<R, FieldCondition> | undefined;

  constructor(entries: readonly BucketEntry<R>[]) {
    const byOrder = new Map<number, BucketEntry<R>>();
    for (const entry of entries) {
      const seen = byOrder.get(entry.order);
      // A rule reached twice keeps the wider reach: no condition beats a condition.
      if (seen === undefined || (seen.where !== undefined && entry.where === undefined)) byOrder.set(entry.order, entry);
    }
    const sorted = [...byOrder.values()].sort((a, b) => a.order - b.order);
    this.rules = sorted.map((e) => e.rule);
    this.#conditions = sorted.some((e) => e.where !== undefined) ? sorted.map((e) => e.where) : undefined;
    const conditional = sorted.filter((e): e is BucketEntry<R> & { where: FieldCondition } => e.where !== undefined);
    this.#conditionOf = conditional.length === 0 ? undefined : new Map(conditional.map((e) => [e.rule, e.where]));
  }

  /** Whether `rule` (one of `rules`) may see `event`: its field condition, if any, holds. */
  admits(rule: R, event: RoutedEventView): boolean {
    const condition = this.#conditionOf?.get(rule);
    return condition === undefined || conditionHolds(condition, event);
  }

  /** The rules whose logsource can match `event`. */
  candidates(event: RoutedEventView): readonly R[] {
    const conditions = this.#conditions;
    if (conditions === undefined) return this.rules;
    const out: R[] = [];
    for (let i = 0; i < this.rules.length; i++) {
      const condition = conditions[i];
      if (condition === undefined || conditionHolds(condition, event)) out.push(this.rules[i]!);
    }
    return out;
  }
}
