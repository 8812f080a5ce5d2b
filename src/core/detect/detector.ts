import type { Alert } from '../../schema/alert.js';
import type { EcsEvent } from '../../schema/event.js';

/** Receives alerts as detectors produce them. */
export type AlertSink = (alert: Alert) => void;

/**
 * A stateful detection over time-ordered events. State is explicit and bounded; time comes only
 * from the events, so replaying old logs gives the same alerts.
 */
export interface Detector {
  readonly id: string;
  /** The `event.action` values this detector looks at; undefined means every event. */
  readonly actions?: readonly string[];
  /**
   * True for a detector that looks only at events naming an observable (an address, domain, URL,
   * e-mail address or hash), such as threat-intel matching: events without one need not even be
   * built for it.
   */
  readonly observablesOnly?: boolean;
  observe(ts: number, event: EcsEvent): void;
  /** End of input: close what is still open and emit its alerts. */
  flush(): void;
}
