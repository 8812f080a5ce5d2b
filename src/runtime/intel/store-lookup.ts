import { IndicatorIndex, observableKindOf, type IndicatorLookup, type IndicatorMatch, type IndicatorType, type KnownGood, type ObservableKind } from '../../core/intel/index.js';
import type { IndicatorStore } from './indicator-store.js';

/** An `IndicatorLookup` over a snapshot of the store, refreshed on demand. */
export interface StoreLookup extends IndicatorLookup {
  /** Reloads the store's indicators active at `now` (call after a pull or import). */
  refresh(now: number): Promise<void>;
  /** Indicators in the snapshot. */
  readonly size: number;
}

/**
 * The lookup port (`IndicatorLookup`) for mail analysis and playbooks, over the indicators of a store:
 * exact values, CIDR blocks and parent domains, validity judged at the `now` of each lookup,
 * known-good values (when given) never matching. Lookups are synchronous and in memory.
 */
export async function createStoreLookup(store: IndicatorStore, now: number, options: { readonly knownGood?: KnownGood } = {}): Promise<StoreLookup> {
  const build = async (at: number): Promise<IndicatorIndex> => IndicatorIndex.build(await store.activeIndicators(at), options.knownGood === undefined ? {} : { knownGood: options.knownGood });
  let index = await build(now);
  return {
    lookupIndicator(type: IndicatorType | ObservableKind, value: string, at: number): readonly IndicatorMatch[] {
      return index.matchValue(observableKindOf(type), value, at);
    },
    async refresh(at: number) {
      index = await build(at);
    },
    get size() {
      return index.size;
    },
  };
}
