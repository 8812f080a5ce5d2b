import type { MatchExplanation, RuleMeta } from '../contract.js';

/** Correlation types: the four of Sigma 2.0 and the value aggregations Sigma 2.1 and pySigma add. */
export const CORRELATION_TYPES = ['event_count', 'value_count', 'temporal', 'temporal_ordered', 'value_sum', 'value_avg', 'value_percentile', 'value_median'] as const;
/** One correlation type. */
export type CorrelationType = (typeof CORRELATION_TYPES)[number];

/** Bounds on the measured value; all present bounds must hold (`{ gt: 100, lte: 200 }` is a range). */
export interface CorrelationCondition {
  readonly gt?: number;
  readonly gte?: number;
  readonly lt?: number;
  readonly lte?: number;
  readonly eq?: number;
  readonly neq?: number;
}

/**
 * What a correlation says about itself: a rule's metadata without a logsource. `id` is the `id`,
 * else the `name`, else `file#document`.
 */
export type CorrelationMeta = Omit<RuleMeta, 'logsource'>;

/** A validated correlation rule (spec "Sigma Correlation Rules"). */
export interface CorrelationRule {
  readonly meta: CorrelationMeta;
  readonly type: CorrelationType;
  /** Referenced rules or correlations, by id or name, in the order given (it matters for temporal_ordered). */
  readonly rules: readonly string[];
  readonly groupBy: readonly string[];
  readonly timespanMs: number;
  readonly condition: CorrelationCondition;
  /** value_* types: the field(s) whose values are counted or aggregated. */
  readonly valueFields: readonly string[];
  /** value_percentile: which percentile (pySigma's `percentile`, default 95). */
  readonly percentile: number;
  /** alias → (rule id or name → field in that rule's events). */
  readonly aliases: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Whether the referenced rules also report their own matches. */
  readonly generate: boolean;
}

/** A base match (or a chained correlation match) that counted toward a correlation match. */
export interface Contribution {
  /** Id of the rule (or correlation) that matched. */
  readonly rule: string;
  readonly title: string;
  readonly time: number;
  readonly explanation?: MatchExplanation;
}

/** A correlation that held. */
export interface CorrelationMatch {
  readonly correlation: CorrelationRule;
  /** The group-by values (null when the event lacked the field). */
  readonly group: Readonly<Record<string, string | null>>;
  readonly firstTime: number;
  readonly lastTime: number;
  /** Events in the window that produced the match. */
  readonly count: number;
  /** What the condition compared: events, distinct values, distinct rules, or the sum/average/percentile. */
  readonly value: number;
  /** The contributing matches, at most `maxContributions` (the earliest and the latest when there were more). */
  readonly contributions: readonly Contribution[];
}

/** Who matched: a compiled rule's metadata is enough. */
export interface MatchSource {
  readonly meta: { readonly id: string; readonly title: string; readonly name?: string };
}
