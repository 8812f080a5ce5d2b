import { hashTypeOfLength } from './hash.js';
import type { Indicator, IndicatorType } from './indicator.js';
import type { ObservableKind } from './observables.js';
import type { WarninglistHit, WarninglistIndex } from './warninglists.js';

/** Decides whether an observed value is known good (no alert may fire on it). */
export interface KnownGood {
  /** The list that covers the value, or undefined. */
  check(kind: ObservableKind, value: string): WarninglistHit | undefined;
}

/** One suppressed indicator or observable, as shown to people. */
export interface SuppressedExample {
  readonly what: 'indicator' | 'observable';
  readonly value: string;
  readonly list: string;
  readonly entry: string;
}

/**
 * What known-good suppression left out of a run: counts of indicators dropped at load and of
 * observed values not alerted on, per list, and the first few examples. Explicit state, owned by the
 * caller (one per run), bounded.
 */
export class SuppressionLog {
  indicators = 0;
  observables = 0;
  readonly byList = new Map<string, number>();
  readonly examples: SuppressedExample[] = [];

  constructor(readonly maxExamples = 10) {}

  /** Records one suppression. */
  record(what: SuppressedExample['what'], value: string, hit: WarninglistHit): void {
    if (what === 'indicator') this.indicators++;
    else this.observables++;
    this.byList.set(hit.list, (this.byList.get(hit.list) ?? 0) + 1);
    if (this.examples.length < this.maxExamples) this.examples.push({ what, value, list: hit.list, entry: hit.entry });
  }

  /** Total suppressions. */
  get total(): number {
    return this.indicators + this.observables;
  }
}

/** The indicator type an observed value of a kind is checked as. */
export function indicatorTypeOfObservable(kind: ObservableKind, value: string): IndicatorType {
  switch (kind) {
    case 'ip':
      return value.includes(':') ? 'ipv6' : 'ipv4';
    case 'domain':
      return 'domain';
    case 'url':
      return 'url';
    case 'email':
      return 'email';
    case 'hash':
      return hashTypeOfLength(value.length) ?? 'sha256';
    default: {
      const never: never = kind;
      throw new Error(`unexpected observable kind ${String(never)}`);
    }
  }
}

/**
 * Known-good checks over MISP warninglists, recording every suppression in `log`. Answers are cached
 * per value (bounded), since the same benign addresses repeat in every log.
 */
export function knownGoodFromWarninglists(lists: WarninglistIndex, log: SuppressionLog, maxCache = 65_536): KnownGood {
  const cache = new Map<string, WarninglistHit | null>();
  return {
    check(kind, value) {
      const key = `${kind}\u0000${value}`;
      let hit = cache.get(key);
      if (hit === undefined) {
        let v = value.trim();
        if (kind === 'ip' && v.startsWith('[') && v.endsWith(']')) v = v.slice(1, -1);
        hit = lists.isKnownGood(indicatorTypeOfObservable(kind, v), v) ?? null;
        if (cache.size >= maxCache) cache.clear();
        cache.set(key, hit);
      }
      if (hit === null) return undefined;
      log.record('observable', value, hit);
      return hit;
    },
  };
}

/** Splits indicators into those no warninglist covers and those it does (recorded in `log`). */
export function dropKnownGoodIndicators(indicators: readonly Indicator[], lists: WarninglistIndex, log: SuppressionLog): Indicator[] {
  const kept: Indicator[] = [];
  for (const ind of indicators) {
    const hit = lists.isKnownGood(ind.type, ind.value);
    if (hit === undefined) kept.push(ind);
    else log.record('indicator', ind.value, hit);
  }
  return kept;
}
