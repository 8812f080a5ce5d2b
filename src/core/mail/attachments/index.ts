/**
 * Attachment analysis for phishing triage: hashes, real types versus names, risky types, Office
 * macros, HTML smuggling and credential pages, archives, QR codes and PDFs. Pure and bounded:
 * limits apply to the whole message, and malformed content becomes a reason, never an exception.
 */
import type { Findings, MailLookups, ParsedMail } from '../contract.js';
import { analyzeFile } from './analyze-file.js';
import { FindingsCollector } from './collector.js';
import type { AnalysisContext } from './context.js';
import { budgetFor, defaultAttachmentLimits, type AttachmentLimits } from './limits.js';

export { defaultAttachmentLimits, type AttachmentLimits } from './limits.js';

/** What attachment analysis returns: reasons, observables, and links found inside attachments. */
export type AttachmentFindings = Findings & { readonly urls: readonly string[] };

/**
 * Analyses every attachment of a message. `urls` are the links found inside attachments (HTML,
 * PDF, Office relationships, VBA source, QR codes) for the URL analyser to treat like any other.
 */
export function analyzeAttachments(mail: ParsedMail, lookups?: MailLookups, limits: Partial<AttachmentLimits> = {}): AttachmentFindings {
  const effective: AttachmentLimits = { ...defaultAttachmentLimits, ...limits };
  const collector = new FindingsCollector(effective.maxReasons, effective.maxUrls);
  const context: AnalysisContext = {
    collector,
    limits: effective,
    budget: budgetFor(effective),
    lookups,
    mailText: mail.text.length > 0 ? mail.text : mail.html,
  };
  for (const attachment of mail.attachments) {
    const location = { filename: attachment.filename, index: attachment.index, path: [] };
    analyzeFile({ name: attachment.filename, contentType: attachment.contentType, bytes: attachment.content }, location, 0, context);
  }
  const first = mail.attachments[0];
  if (collector.dropped > 0 && first !== undefined) {
    const reasons = [...collector.reasons];
    reasons.push({
      code: 'attachment.reason_limit',
      weight: 5,
      summary: `${collector.dropped} further attachment finding(s) were left out to keep the report bounded.`,
      source: { kind: 'attachment', filename: first.filename, index: first.index },
    });
    return { reasons, observables: collector.observables, urls: collector.urls };
  }
  return { reasons: collector.reasons, observables: collector.observables, urls: collector.urls };
}
