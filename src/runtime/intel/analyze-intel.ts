import { existsSync } from 'node:fs';
import {
  IndicatorIndex,
  SuppressionLog,
  dropKnownGoodIndicators,
  knownGoodFromWarninglists,
  type Indicator,
  type IntelConfig,
} from '../../core/intel/index.js';
import { readFeedFiles } from './load-feed-files.js';
import { loadWarninglists, type LoadedWarninglists } from './load-warninglists.js';
import { openSqliteIndicatorStore } from './sqlite-indicator-store.js';

/** The indicators an analysis matches, with the known-good suppression applied to them. */
export interface AnalyzeIntel {
  /** Undefined when there is nothing to match (no feed files, no active stored indicators). */
  readonly index: IndicatorIndex | undefined;
  readonly fromStore: number;
  readonly fromFiles: number;
  /** Number of `--intel` files. */
  readonly files: number;
  /** Feed-file lines that could not be read. */
  readonly badLines: number;
  readonly warninglists: LoadedWarninglists | undefined;
  /** Indicators dropped at load and observables not alerted on; filled while the analysis runs. */
  readonly suppression: SuppressionLog;
}

/** Options of `prepareAnalyzeIntel`. */
export interface AnalyzeIntelOptions {
  /** `--intel` files. */
  readonly feedFiles: readonly string[];
  /** The store to take active indicators from (not created when missing); undefined: none. */
  readonly dbPath: string | undefined;
  readonly config: IntelConfig;
  /** The time indicators must be active at (epoch ms). */
  readonly now: number;
}

/**
 * Gathers what `vigil analyze` matches: the `--intel` files plus the store's indicators active at
 * `now` (when the store exists and holds some), without the indicators the configured warninglists
 * cover, in an index that also drops hits on known-good observed values. Warninglists are loaded
 * only when there is something to match.
 */
export async function prepareAnalyzeIntel(options: AnalyzeIntelOptions): Promise<AnalyzeIntel> {
  const suppression = new SuppressionLog();
  const files = options.feedFiles.length > 0 ? await readFeedFiles(options.feedFiles) : { indicators: [], errors: [] };
  let stored: Indicator[] = [];
  if (options.dbPath !== undefined && (options.dbPath === ':memory:' || existsSync(options.dbPath))) {
    const store = openSqliteIndicatorStore(options.dbPath);
    try {
      if ((await store.countActive(options.now)) > 0) stored = await store.activeIndicators(options.now);
    } finally {
      await store.close();
    }
  }
  const all = stored.length === 0 ? files.indicators : [...files.indicators, ...stored];
  if (all.length === 0) return { index: undefined, fromStore: 0, fromFiles: 0, files: options.feedFiles.length, badLines: files.errors.length, warninglists: undefined, suppression };
  const lists = await loadWarninglists(options.config.warninglists);
  if (lists.index === undefined) {
    return { index: IndicatorIndex.build(all), fromStore: stored.length, fromFiles: files.indicators.length, files: options.feedFiles.length, badLines: files.errors.length, warninglists: lists, suppression };
  }
  const kept = dropKnownGoodIndicators(all, lists.index, suppression);
  const index = IndicatorIndex.build(kept, { knownGood: knownGoodFromWarninglists(lists.index, suppression) });
  return { index, fromStore: stored.length, fromFiles: files.indicators.length, files: options.feedFiles.length, badLines: files.errors.length, warninglists: lists, suppression };
}

/** One line on what was loaded, for standard error. */
export function describeAnalyzeIntel(intel: AnalyzeIntel): string {
  const parts = [`Intel: ${intel.fromFiles + intel.fromStore} indicators from ${intel.files} feed file(s) and ${intel.fromStore} active in the store`];
  if (intel.badLines > 0) parts.push(`${intel.badLines} feed lines not read`);
  const w = intel.warninglists;
  if (w !== undefined) parts.push(w.index === undefined ? `known-good suppression off: ${w.off ?? 'no lists'}` : `${w.names.length} warninglists`);
  return `${parts.join(', ')}.\n`;
}

/** What suppression left out, for standard error after the run (empty when nothing was suppressed). */
export function describeSuppression(log: SuppressionLog): string {
  if (log.total === 0) return '';
  const lists = [...log.byList.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([l, n]) => `${l} ${n}`).join(', ');
  const examples = log.examples.slice(0, 5).map((e) => `${e.value} (${e.what}, ${e.list}: ${e.entry})`).join('; ');
  return `Intel: known-good suppressed ${log.indicators} indicator(s) and ${log.observables} observation(s) of known-good values [${lists}]; e.g. ${examples}.\n`;
}

