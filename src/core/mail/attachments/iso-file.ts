import { memberOf, type FileLocation } from './collector.js';
import type { AnalysisContext } from './context.js';
import type { FileToAnalyze } from './analyze-file.js';
import { reportArchiveContents } from './archive-reasons.js';
import { listIso } from './iso-reader.js';

/** Lists a disk image's files and analyses each like an archive member (they are slices, not copies). */
export function analyzeIso(
  bytes: Uint8Array,
  depth: number,
  context: AnalysisContext,
  location: FileLocation,
  analyzeMember: (member: FileToAnalyze, location: FileLocation) => void,
): void {
  const { collector, budget } = context;
  if (depth >= context.limits.maxArchiveDepth) {
    collector.reason('attachment.archive_nesting', 20, 'The disk image is nested too deep in other archives to be opened.', location);
    return;
  }
  const listing = listIso(bytes, Math.max(0, budget.archiveMembers), 4);
  if (listing.problem !== undefined) {
    collector.reason('attachment.malformed_archive', 15, `The disk image is malformed (${listing.problem}).`, location);
  }
  const names = listing.files.map((f) => f.path);
  if (names.length > 0) reportArchiveContents('disk image', names, context, location);
  for (const file of listing.files) {
    if (budget.archiveMembers <= 0) break;
    if (budget.inflatedBytes <= 0) {
      // Files are slices of the image, but many entries can point at the same bytes: charge what is read.
      collector.reason('attachment.analysis_limit', 5, 'The per-message analysis budget is spent; the remaining files of the disk image were not inspected.', location);
      break;
    }
    budget.archiveMembers -= 1;
    const size = Math.min(file.size, context.limits.maxMemberBytes, budget.inflatedBytes);
    const inside = file.offset + file.size <= bytes.length ? bytes.subarray(file.offset, file.offset + size) : undefined;
    budget.inflatedBytes -= inside?.length ?? 0;
    analyzeMember({ name: file.path, contentType: 'application/octet-stream', bytes: inside }, memberOf(location, file.path));
  }
}
