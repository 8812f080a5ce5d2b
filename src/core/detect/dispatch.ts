import type { EcsEvent } from '../../schema/event.js';
import type { Detector } from './detector.js';

/** Detectors run as one, which also says whether an event of some action would reach any of them. */
export interface Dispatcher extends Detector {
  /**
   * False when no detector looks at events of `action` (or, for an event naming no observable, when
   * only observable-only detectors would), so the caller need not even build them.
   */
  wants(action: string, hasObservables: boolean): boolean;
}

/**
 * Runs many detectors as one, offering each event only to the detectors that declared its
 * `event.action` (plus those that want every event). Most lines of a log (cron, sessions) then
 * cost one map lookup. Detectors see events in the order given here.
 */
export function createDispatcher(detectors: readonly Detector[]): Dispatcher {
  const everything = detectors.filter((d) => d.actions === undefined);
  const byAction = new Map<string, Detector[]>();
  for (const d of detectors) {
    for (const action of d.actions ?? []) {
      if (!byAction.has(action)) byAction.set(action, detectors.filter((x) => x.actions === undefined || x.actions.includes(action)));
    }
  }
  const targets = (e: EcsEvent): readonly Detector[] => {
    const action = e.event.action;
    return (action === undefined ? undefined : byAction.get(action)) ?? everything;
  };
  const wantsAll = everything.some((d) => d.observablesOnly !== true);
  const wantsObservables = everything.length > 0;
  return {
    id: 'vigil.dispatch',
    wants: (action, hasObservables) => wantsAll || byAction.has(action) || (hasObservables && wantsObservables),
    observe(ts, e) {
      const list = targets(e);
      for (let i = 0; i < list.length; i++) list[i]!.observe(ts, e);
    },
    flush() {
      for (const d of detectors) d.flush();
    },
  };
}
