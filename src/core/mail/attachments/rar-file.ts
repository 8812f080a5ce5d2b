import { memberOf, type FileLocation } from './collector.js';
import type { AnalysisContext } from './context.js';
import type { FileToAnalyze } from './analyze-file.js';
import { reportArchiveContents, reportEncryptedArchive } from './archive-reasons.js';
import { listRar } from './rar-reader.js';

/** Lists a RAR archive's members and checks their names (their bytes stay compressed: Vigil has no RAR decoder). */
export function analyzeRar(
  bytes: Uint8Array,
  context: AnalysisContext,
  location: FileLocation,
  analyzeMember: (member: FileToAnalyze, location: FileLocation) => void,
): void {
  const { collector, budget } = context;
  const listing = listRar(bytes, Math.max(0, budget.archiveMembers));
  if (listing.problem !== undefined) {
    collector.reason('attachment.malformed_archive', 15, `The RAR archive is malformed (${listing.problem}).`, location);
  }
  collector.reason('attachment.archive_unscanned', 10, 'The RAR archive was listed, but the contents of its files were not inspected.', location);
  if (listing.encrypted) reportEncryptedArchive(listing.names.length === 0 ? 'even its file list is encrypted' : 'encrypted members', context, location);
  if (listing.names.length > 0) reportArchiveContents('RAR archive', listing.names, context, location);
  for (const name of listing.names) {
    if (budget.archiveMembers <= 0) break;
    budget.archiveMembers -= 1;
    analyzeMember({ name, contentType: 'application/octet-stream', bytes: undefined }, memberOf(location, name));
  }
}
