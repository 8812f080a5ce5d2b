export { alertFingerprint, alertObservables, caseIdFor, caseTitle, summarizeAlert } from './alert-summary.js';
export {
  CASE_STATUSES,
  OBSERVABLE_TYPES,
  RESOLUTIONS,
  alertSummarySchema,
  caseEventSchema,
  observableSchema,
  type AlertSummary,
  type CaseEvent,
  type CaseEventType,
  type CaseObservable,
  type CaseStatus,
  type ObservableType,
  type Resolution,
} from './case-event.js';
export { caseToJson, type CaseJson } from './case-json.js';
export { CaseBuilder, foldCaseEvents, isOpen, type CaseAlert, type CaseState } from './case-state.js';
export { LINK_KINDS, casesConfigSchema, defaultCasesConfig, type CasesConfig, type LinkKind } from './cases-config.js';
export type { CaseDomainEvent, CaseDomainEventType } from './domain-event.js';
export { durationStats, type DurationStats } from './duration-stats.js';
export { groupAlerts, type CaseChange, type CaseHistory, type GroupingInput, type GroupingResult } from './grouping.js';
export { computeCaseMetrics, type CaseMetrics, type MetricSet } from './metrics.js';
export { newServiceLevelBreaches, serviceLevelStatus, type ServiceLevelStatus, type SlaBreachEvent } from './service-levels.js';
export { planCaseUpdate, type CaseUpdate, type CaseUpdateRefusal } from './case-update.js';
