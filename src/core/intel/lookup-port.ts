import type { IndicatorType } from './indicator.js';
import type { IndicatorMatch } from './matcher.js';
import type { ObservableKind } from './observables.js';

/**
 * The port other parts of Vigil (mail analysis, playbooks) use to ask "is this value a known
 * indicator?" without knowing where indicators live. `type` is an indicator type (`ipv4`, `domain`,
 * `sha256` …) or an observable kind (`ip`, `hash` …); `value` is as observed (any case, defanged
 * forms not included); `now` is the time validity is judged at (epoch ms). Known-good values
 * (warninglists) never match. An empty result means "not listed".
 */
export interface IndicatorLookup {
  lookupIndicator(type: IndicatorType | ObservableKind, value: string, now: number): readonly IndicatorMatch[];
}
