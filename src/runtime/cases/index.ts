export { createCaseService, type CaseOperationOptions, type CaseService, type IngestOutcome, type UpdateRefusal } from './case-service.js';
export type { CandidateQuery, CaseCommit, CaseConflict, CaseHistoryRecord, CaseQuery, CaseStore } from './case-store.js';
export { openCaseStores, type CaseStores } from './open-case-stores.js';
export { caseStoreOn, openSqliteCaseStore } from './sqlite-case-store.js';
