import { memberOf, type FileLocation } from './collector.js';
import type { AnalysisContext } from './context.js';
import type { FileToAnalyze } from './analyze-file.js';
import { embeddedOneNoteFiles } from './onenote-reader.js';

/** Reports the files a OneNote section embeds (the lure's "double-click to view" payloads) and analyses each. */
export function analyzeOneNote(
  bytes: Uint8Array,
  depth: number,
  context: AnalysisContext,
  location: FileLocation,
  analyzeMember: (member: FileToAnalyze, location: FileLocation) => void,
): void {
  const { collector, budget, limits } = context;
  const blobs = embeddedOneNoteFiles(bytes, Math.max(0, Math.min(50, budget.archiveMembers)), limits.maxMemberBytes);
  if (blobs.length === 0) return;
  collector.reason('attachment.onenote_embedded_file', 30, `The OneNote section embeds ${blobs.length} file(s), which a click on the page opens.`, location);
  if (depth >= limits.maxArchiveDepth) return;
  blobs.forEach((blob, i) => {
    if (budget.inflatedBytes <= 0) return;
    budget.archiveMembers -= 1;
    budget.inflatedBytes -= blob.bytes.length;
    analyzeMember({ name: '', contentType: 'application/octet-stream', bytes: blob.bytes }, memberOf(location, `(embedded file ${i + 1})`));
  });
}
