import type { EcsEvent } from '../../schema/event.js';
import type { Detector } from './detector.js';

/** Detectors run as one, which also says whether an event of some action would reach any of them. */
export interface Dispatcher extends Detector {
  /**
   * False when no detector looks at events of `action` (or, for an event naming no observable, when
   * only observable-only detectors would), so the caller need not even build them.
   */
  readonly wants: (action: string, hasObservables: boolean) => boolean;
  /** What {@link wants} decides on, as plain data (for a worker thread that reads the lines). */
  readonly interest: EventInterest;
}

/** Which events some detector looks at. */
export interface EventInterest {
  /** Some detector looks at every event. */
  readonly all: boolean;
  /** Some detector looks at every event that names an observable (address, domain, e-mail). */
  readonly observables: boolean;
  /** The `event.action` values some detector declared. */
  readonly actions: readonly string[];
}

/** The `wants` predicate of an interest: see {@link Dispatcher.wants}. */
export function wantsOf(interest: EventInterest): (action: string, hasObservables: boolean) => boolean {
  const actions = new Set(interest.actions);
  return (action, hasObservables) => interest.all || actions.has(action) || (hasObservables && interest.observables);
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
  const interest: EventInterest = { all: everything.some((d) => d.observablesOnly !== true), observables: everything.length > 0, actions: [...byAction.keys()] };
  return {
    id: 'vigil.dispatch',
    interest,
    wants: wantsOf(interest),
    observe(ts, e) {
      const list = targets(e);
      for (let i = 0; i < list.length; i++) list[i]!.observe(ts, e);
    },
    flush() {
      for (const d of detectors) d.flush();
    },
  };
}
