import type { FileLocation } from './collector.js';
import type { AnalysisContext } from './context.js';
import { scanPdf } from './pdf-scan.js';

/** Object streams are small; 2 MB of them is far more than any real document needs. */
const PDF_INFLATE_LIMIT = 2 * 1024 * 1024;

/** Reports what a PDF does when opened and hands its links to the URL analyser. */
export function analyzePdf(bytes: Uint8Array, context: AnalysisContext, location: FileLocation): void {
  const { collector, budget } = context;
  const signals = scanPdf(bytes, context.limits.maxScanBytes, Math.max(0, Math.min(budget.inflatedBytes, PDF_INFLATE_LIMIT)));
  budget.inflatedBytes -= signals.inflatedBytes;
  if (signals.launch) collector.reason('attachment.pdf_launch', 50, 'The PDF has a Launch action, which can start a program.', location);
  if (signals.javaScript) {
    const weight = signals.openAction ? 45 : 30;
    collector.reason('attachment.pdf_javascript', weight, `The PDF contains JavaScript${signals.openAction ? ' that runs when it is opened' : ''}.`, location);
  }
  if (signals.embeddedFile) collector.reason('attachment.pdf_embedded_file', 25, 'The PDF carries an embedded file.', location);
  if (signals.submitForm) collector.reason('attachment.pdf_submit_form', 20, 'The PDF has a form that submits its fields to a server.', location);
  const links = signals.uris.filter((u) => /^(?:https?:|www\.)/iu.test(u));
  if (links.length > 0) {
    collector.reason('attachment.pdf_links', 10, `The PDF links to ${links.length} address(es), such as ${links[0]!.slice(0, 120)}.`, location);
  }
  for (const link of links) collector.url(link);
}
