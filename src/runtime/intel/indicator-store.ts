import type { Indicator, IndicatorType } from '../../core/intel/index.js';

/** Outcome of storing a batch of indicators. */
export interface IndicatorPutResult {
  /** New (type, value, source) keys. */
  readonly inserted: number;
  /** Keys already stored, merged with the new record (see `mergeIndicator`). */
  readonly updated: number;
}

/** Outcome of recording what a feed lists. */
export interface FeedListingResult {
  /** Stored indicators the feed lists now. */
  readonly listed: number;
  /** Indicators withdrawn: the feed listed them before, and no feed lists them now. */
  readonly withdrawn: number;
}

/** Which indicators to list. */
export interface IndicatorQuery {
  readonly type?: IndicatorType;
  readonly source?: string;
  /** Only indicators active at this time (epoch ms): not revoked, `validFrom <= t < validUntil`. */
  readonly activeAt?: number;
  /** Only values containing this text (case-insensitive). */
  readonly contains?: string;
  /** At most this many (default 1000, at most 100,000). */
  readonly limit?: number;
}

/** Counts over the store at a time. */
export interface IndicatorStats {
  readonly total: number;
  readonly active: number;
  readonly revoked: number;
  /** Not revoked, and dropped by every feed that listed it (see `recordFeedListing`). */
  readonly withdrawn: number;
  /** Not revoked or withdrawn, and `validUntil` at or before the time. */
  readonly expired: number;
  /** Not revoked or withdrawn, and `validFrom` after the time. */
  readonly notYetValid: number;
  readonly byType: Readonly<Record<string, number>>;
  readonly bySource: Readonly<Record<string, number>>;
}

/** What the store remembers of a configured feed between pulls. */
export interface FeedState {
  readonly name: string;
  /** Epoch ms of the last attempt, successful or not. */
  readonly lastAttempt?: number;
  /** Epoch ms of the last successful pull (a 304 counts). */
  readonly lastSuccess?: number;
  /** Message of the last failure; cleared by a success. */
  readonly lastError?: string;
  /** `ETag` and `Last-Modified` of the last 200 response, for conditional requests. */
  readonly etag?: string;
  readonly lastModified?: string;
  /** TAXII: `added_after` for the next pull (the last `X-TAXII-Date-Added-Last` seen). */
  readonly cursor?: string;
  /** Indicators read by the last pull that changed something. */
  readonly lastCount?: number;
}

/**
 * Where indicators live, keyed by (type, canonical value, source): storing the same indicator again
 * (re-importing a feed) merges into the stored one, never duplicates it. Revoked and expired
 * indicators stay stored (for the record and for export) but are not active. So do withdrawn ones:
 * indicators that every feed listing them has stopped listing (a feed drops its false positives);
 * storing one again brings it back. Implementations must pass `indicator-store.conformance.ts`.
 */
export interface IndicatorStore {
  /** Stores a batch in one transaction: all of it or, on failure, none. */
  putIndicators(indicators: readonly Indicator[]): Promise<IndicatorPutResult>;
  /**
   * Records which stored indicators `feed` lists now (after `putIndicators` stored them). When the
   * listing is `complete` (a whole snapshot read without bad records), the indicators the feed listed
   * before and lists no more leave its listing, and those no other feed lists are withdrawn at `at`.
   * An incomplete listing (an incremental TAXII pull, a snapshot with unreadable records) only adds.
   */
  recordFeedListing(feed: string, indicators: readonly Indicator[], at: number, complete: boolean): Promise<FeedListingResult>;
  /** Indicators active at `at` (epoch ms), in insertion order. */
  activeIndicators(at: number): Promise<Indicator[]>;
  /** Number of indicators active at `at`. */
  countActive(at: number): Promise<number>;
  /** Stored indicators with exactly this type and canonical value (every source, active or not). */
  findByValue(type: IndicatorType, value: string): Promise<Indicator[]>;
  listIndicators(query?: IndicatorQuery): Promise<Indicator[]>;
  stats(at: number): Promise<IndicatorStats>;
  getFeedState(name: string): Promise<FeedState | undefined>;
  /** Replaces the state of a feed. */
  putFeedState(state: FeedState): Promise<void>;
  listFeedStates(): Promise<FeedState[]>;
  close(): Promise<void>;
}
