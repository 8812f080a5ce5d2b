import type { DetectionConfig } from '../../schema/config.js';
import { rawFeature, RISK_FEATURES, type EntityWindow, type FeatureMatrix } from '../anomaly/auth-window-features.js';
import { percentileOfSorted } from '../anomaly/percentile.js';

/**
 * Which isolated windows deserve an alert. The forest finds windows unlike the others; these gates
 * keep only those unlike the others *in a risky way*: isolated mostly by risk features above their
 * typical value, far out in the population's tail, and unusual for the entity's own history.
 */

type AnomalyConfig = DetectionConfig['anomaly'];

/** Features whose values are counts (the others are shares, flags or the hour). */
const COUNT_FEATURES: ReadonlySet<string> = new Set(['failures', 'successes', 'distinct_users', 'distinct_sources', 'distinct_hosts', 'new_sources_for_user']);

/** One feature's part in isolating a window. */
export interface Driver {
  readonly name: string;
  /** Share of the isolation this feature caused (0..1). */
  readonly share: number;
  readonly value: number;
  /** The median of the feature over all windows. */
  readonly typical: number;
}

/** Per feature, the population's median and its high quantile (`populationQuantile`). */
export interface PopulationStats {
  readonly typical: readonly number[];
  readonly high: readonly number[];
}

/** Computes the population statistics of a feature matrix. */
export function populationStats(m: FeatureMatrix, config: AnomalyConfig): PopulationStats {
  const columns = m.names.map((name) => {
    // A plain loop: Float64Array.from with a mapping function goes through the slow iterator path.
    const column = new Float64Array(m.windows.length);
    for (let i = 0; i < column.length; i++) column[i] = rawFeature(m.windows[i]!, name);
    return column.sort();
  });
  return {
    typical: columns.map((c) => (c.length ? percentileOfSorted(c, 50) : Number.NaN)),
    high: columns.map((c) => (c.length ? percentileOfSorted(c, 100 * config.populationQuantile) : Number.NaN)),
  };
}

/**
 * Far out in the tail: a count must exceed `historyGain` times the population quantile (at least 1), so
 * one new address or a handful of failures never qualifies however rare it is; a share or a flag must
 * exceed the quantile.
 */
export function isExtreme(name: string, value: number, quantileValue: number, config: AnomalyConfig): boolean {
  return COUNT_FEATURES.has(name) ? value > config.historyGain * Math.max(quantileValue, 1) : value > quantileValue;
}

/** Cheap pre-check, before any explanation: does the window have an extreme risk feature at all? */
export function hasExtremeRiskFeature(window: EntityWindow, names: readonly string[], stats: PopulationStats, config: AnomalyConfig): boolean {
  return names.some((name, c) => RISK_FEATURES.has(name) && isExtreme(name, rawFeature(window, name), stats.high[c]!, config));
}

/** The risk feature above its typical value that did most of the isolating. */
export function mainRiskDriver(drivers: readonly Driver[]): Driver | undefined {
  return drivers.find((d) => RISK_FEATURES.has(d.name) && d.value > d.typical);
}

/** The share of the isolation owed to risk features that are above their typical value. */
export function riskShare(drivers: readonly Driver[]): number {
  let share = 0;
  for (const d of drivers) if (RISK_FEATURES.has(d.name) && d.value > d.typical) share += d.share;
  return share;
}

/**
 * True when the entity's own history explains the window: its main risk driver, a count, is no higher
 * than `historyGain` times the entity's earlier maximum (at least 1), or, a share or a flag, no higher
 * than before. An account that scanners try a few times every day is not anomalous when they do so
 * again, even if it stands out from accounts nobody attacks; nor is a user's second address.
 */
export function usualForEntity(window: EntityWindow, main: Driver, names: readonly string[], config: AnomalyConfig): boolean {
  if (window.prior.windows < config.minHistoryWindows) return false;
  const before = window.prior.max[names.indexOf(main.name)] ?? 0;
  return COUNT_FEATURES.has(main.name) ? main.value <= config.historyGain * Math.max(before, 1) : main.value <= before;
}

/** All gates after the explanation: risky, extreme in the population, unusual for the entity. */
export function deservesAlert(window: EntityWindow, drivers: readonly Driver[], names: readonly string[], stats: PopulationStats, config: AnomalyConfig): boolean {
  if (riskShare(drivers) < config.minRiskShare) return false;
  const main = mainRiskDriver(drivers);
  if (main === undefined) return false;
  if (!isExtreme(main.name, main.value, stats.high[names.indexOf(main.name)]!, config)) return false;
  return !usualForEntity(window, main, names, config);
}
