import type { Alert } from '../../schema/alert.js';
import type { CaseEvent } from './case-event.js';
import type { CaseState } from './case-state.js';

/**
 * What happened to cases, for playbooks to trigger on. `case` is the case's state after the whole
 * operation (a batch of alerts, an update, an SLA evaluation) that produced the event.
 *
 * - `case.created`: a new case, opened by `alert`.
 * - `case.updated`: `change` says what: an alert added (`alert_added`), the same alert seen again
 *   (`alert_repeated`, occurrence count grown), or an analyst's or playbook's change (the event's type).
 * - `sla.breached`: a service level was missed; recorded once per case and target.
 */
export type CaseDomainEvent =
  | { readonly type: 'case.created'; readonly caseId: string; readonly case: CaseState; readonly alert: Alert }
  | { readonly type: 'case.updated'; readonly caseId: string; readonly case: CaseState; readonly change: 'alert_added' | 'alert_repeated'; readonly alert: Alert }
  | {
      readonly type: 'case.updated';
      readonly caseId: string;
      readonly case: CaseState;
      readonly change: Exclude<CaseEvent['type'], 'created' | 'alert_added' | 'sla_breached'>;
      readonly event: CaseEvent;
    }
  | {
      readonly type: 'sla.breached';
      readonly caseId: string;
      readonly case: CaseState;
      readonly breach: Extract<CaseEvent, { type: 'sla_breached' }>;
    };

export type CaseDomainEventType = CaseDomainEvent['type'];
