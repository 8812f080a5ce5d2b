import type { EcsEvent } from '../../schema/event.js';
import { buildAlert, type RuleDefinition } from './alert-factory.js';
import type { AlertSink, Detector } from './detector.js';
import type { Episode } from './episode.js';
import { EpisodeBook } from './episode-book.js';
import { KeyedWindows } from './keyed-windows.js';

/** A "too many (distinct) things per key within a window" detection, declared as data. */
export interface ThresholdSpec {
  readonly rule: RuleDefinition;
  readonly windowMinutes: number;
  readonly threshold: number;
  /** The `event.action` values that can count (see Detector.actions). */
  readonly actions: readonly string[];
  /** `count`: events per key; `distinct`: distinct values per key. */
  readonly measure: 'count' | 'distinct';
  /** The grouping key of a relevant event, or undefined when the event does not count. */
  keyOf(e: EcsEvent): string | undefined;
  /** The value whose distinct count is measured (ignored for `count`). */
  valueOf(e: EcsEvent): string;
  /** The explanation of a finished episode. */
  describe(key: string, episode: Episode): { message: string; explanation: Record<string, unknown> };
}

/**
 * Runs a ThresholdSpec: once a key's window reaches the threshold an episode opens holding the
 * window's events; later events of the key join it until the key is quiet for a whole window.
 * One attack therefore gives one alert, however long it lasts.
 */
export function createThresholdDetector(spec: ThresholdSpec, emit: AlertSink): Detector {
  const windowMs = spec.windowMinutes * 60_000;
  const windows = new KeyedWindows<EcsEvent>(windowMs);
  const episodes = new EpisodeBook(windowMs, (key, episode) => {
    emit(buildAlert({ rule: spec.rule, key, episode, ...spec.describe(key, episode) }));
  });
  return {
    id: spec.rule.id,
    actions: spec.actions,
    observe(ts, e) {
      episodes.sweep(ts);
      const key = spec.keyOf(e);
      if (key === undefined) return;
      const open = episodes.get(key, ts);
      if (open !== undefined) {
        open.add(ts, e);
        return;
      }
      const window = windows.add(key, ts, spec.measure === 'count' ? '' : spec.valueOf(e), e);
      const measured = spec.measure === 'count' ? window.count : window.distinct;
      if (measured < spec.threshold) return;
      let episode: Episode | undefined;
      for (const entry of window.window()) {
        episode ??= episodes.start(key, entry.ts, ts);
        episode.add(entry.ts, entry.payload);
      }
    },
    flush: () => {
      episodes.closeAll();
    },
  };
}
