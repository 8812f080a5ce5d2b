import type { Indicator } from './indicator.js';

/** How an observable met an indicator. */
export type MatchKind = 'exact' | 'cidr' | 'subdomain';

/** One indicator an observable matched. */
export interface IndicatorMatch {
  readonly indicator: Indicator;
  readonly match: MatchKind;
}

/** One hit of an event: the indicator, and where in the event its value was seen. */
export interface IndicatorHit extends IndicatorMatch {
  /** ECS field of the observed value (`source.ip`, `url.full`, …). */
  readonly field: string;
  /** The value as it appeared in the event. */
  readonly observed: string;
}

/** Options of `matchEvent`. */
export interface MatchEventOptions {
  /** The time validity is judged at (epoch ms); default the event's `@timestamp`. */
  readonly at?: number;
}
