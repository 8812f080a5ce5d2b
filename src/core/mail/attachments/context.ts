import type { MailLookups } from '../contract.js';
import type { FindingsCollector } from './collector.js';
import type { AttachmentLimits, Budget } from './limits.js';

/** Everything an analyser of one file needs: where results go and what is left of the budget. */
export interface AnalysisContext {
  readonly collector: FindingsCollector;
  readonly limits: AttachmentLimits;
  readonly budget: Budget;
  readonly lookups: MailLookups | undefined;
  /** The message's text body, where a password for an encrypted archive often sits. */
  readonly mailText: string;
}
