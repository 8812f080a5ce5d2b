import type { DetectionConfig } from '../../schema/config.js';
import { COUNT_FEATURES, historyBefore, RISK_FEATURES, type EntityHistory, type EntityWindow, type FeatureMatrix } from '../anomaly/auth-window-features.js';
import { percentileOfSorted } from '../anomaly/percentile.js';

/**
 * Which isolated windows deserve an alert. The forest finds windows unlike the others; these gates
 * keep only those unlike the others *in a risky way*: isolated mostly by risk features above their
 * typical value, far out in the population's tail, and unusual for the entity's own history.
 */

type AnomalyConfig = DetectionConfig['anomaly'];

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
  const typical: number[] = [];
  const high: number[] = [];
  const column = new Float64Array(m.rows);
  for (let c = 0; c < m.cols; c++) {
    for (let r = 0; r < m.rows; r++) column[r] = m.raw[r * m.cols + c]!;
    // Sorting beats selection here: this runs once, before the JIT has warmed up, and the sort is native.
    column.sort();
    typical.push(m.rows > 0 ? percentileOfSorted(column, 50) : Number.NaN);
    high.push(m.rows > 0 ? percentileOfSorted(column, 100 * config.populationQuantile) : Number.NaN);
  }
  return { typical, high };
}

/**
 * Far out in the tail: a count must exceed `historyGain` times the population quantile (at least 1), so
 * one new address or a handful of failures never qualifies however rare it is; a share or a flag must
 * exceed the quantile.
 */
export function isExtreme(name: string, value: number, quantileValue: number, config: AnomalyConfig): boolean {
  return COUNT_FEATURES.has(name) ? value > config.historyGain * Math.max(quantileValue, 1) : value > quantileValue;
}

/** Cheap pre-check, before any explanation: does the matrix's `row` have an extreme risk feature at all? */
export function hasExtremeRiskFeature(m: FeatureMatrix, row: number, stats: PopulationStats, config: AnomalyConfig): boolean {
  return m.names.some((name, c) => RISK_FEATURES.has(name) && isExtreme(name, m.raw[row * m.cols + c]!, stats.high[c]!, config));
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
export function usualForEntity(history: EntityHistory, main: Driver, names: readonly string[], config: AnomalyConfig): boolean {
  if (history.windows < config.minHistoryWindows) return false;
  const before = history.max[names.indexOf(main.name)] ?? 0;
  return COUNT_FEATURES.has(main.name) ? main.value <= config.historyGain * Math.max(before, 1) : main.value <= before;
}

/** All gates after the explanation: risky, extreme in the population, unusual for the entity. */
export function deservesAlert(window: EntityWindow, drivers: readonly Driver[], names: readonly string[], stats: PopulationStats, config: AnomalyConfig): boolean {
  if (riskShare(drivers) < config.minRiskShare) return false;
  const main = mainRiskDriver(drivers);
  if (main === undefined) return false;
  if (!isExtreme(main.name, main.value, stats.high[names.indexOf(main.name)]!, config)) return false;
  return !usualForEntity(historyBefore(window), main, names, config);
}
