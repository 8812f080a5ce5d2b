import { memberOf, type FileLocation } from './collector.js';
import type { AnalysisContext } from './context.js';
import type { FileToAnalyze } from './analyze-file.js';
import { reportArchiveContents, reportEncryptedArchive } from './archive-reasons.js';
import { analyzeOoxml } from './ooxml-file.js';
import { extractZipEntry, listZip, type ZipEntry } from './zip-reader.js';

/** Output/input ratio above which a member that hits the byte budget is called a bomb. */
const BOMB_RATIO = 100;

export type MemberReader = (entry: ZipEntry) => Uint8Array | undefined;

/**
 * A reader that charges every inflated byte to the message budget and reports bombs, lying sizes
 * and unreadable members as reasons.
 */
function memberReader(bytes: Uint8Array, context: AnalysisContext, location: FileLocation): MemberReader {
  const { collector, budget, limits } = context;
  return (entry) => {
    const memberLocation = memberOf(location, entry.name);
    if (budget.inflatedBytes <= 0) {
      collector.reason('attachment.analysis_limit', 5, 'The per-message decompression budget is spent; the remaining archive members were not inspected.', location);
      return undefined;
    }
    const limit = Math.min(limits.maxMemberBytes, budget.inflatedBytes);
    const extracted = extractZipEntry(bytes, entry, limit);
    if (!extracted.ok) {
      collector.reason('attachment.malformed_archive', 15, `An archive member could not be read (${extracted.problem}).`, memberLocation);
      return undefined;
    }
    budget.inflatedBytes -= extracted.bytes.length;
    const ratio = extracted.bytes.length / Math.max(1, extracted.compressedRead);
    if (extracted.bomb || (extracted.truncated && ratio >= BOMB_RATIO)) {
      collector.reason('attachment.archive_bomb', 60, `The member inflates more than ${Math.floor(ratio)}:1 (past ${extracted.bytes.length} bytes); decompression was stopped (zip bomb).`, memberLocation);
    } else if (extracted.truncated) {
      collector.reason('attachment.analysis_limit', 5, `The member is larger than ${extracted.bytes.length} bytes; only its beginning was inspected.`, memberLocation);
    }
    if (extracted.bytes.length > entry.declaredSize) {
      collector.reason('attachment.archive_size_mismatch', 30, `The member inflates to more than the ${entry.declaredSize} bytes its header declares.`, memberLocation);
    }
    return extracted.bytes;
  };
}

function isOoxml(entries: readonly ZipEntry[]): boolean {
  return entries.some((e) => e.name === '[Content_Types].xml');
}

/** Lists a ZIP archive, flags what archives hide, and analyses every member like an attachment. */
export function analyzeZip(
  bytes: Uint8Array,
  depth: number,
  context: AnalysisContext,
  location: FileLocation,
  analyzeMember: (member: FileToAnalyze, location: FileLocation) => void,
): void {
  const { collector, budget } = context;
  const listing = listZip(bytes, Math.max(1, budget.archiveMembers));
  if (!listing.ok) {
    collector.reason('attachment.malformed_archive', 15, `The ZIP archive could not be listed (${listing.problem}).`, location);
    return;
  }
  const read = memberReader(bytes, context, location);
  if (isOoxml(listing.entries)) {
    analyzeOoxml(listing.entries, read, depth, context, location, analyzeMember);
    return;
  }
  if (depth >= context.limits.maxArchiveDepth) {
    collector.reason('attachment.archive_nesting', 20, `The archive is nested ${depth} levels deep; deeper archives were not opened.`, location);
    return;
  }
  if (listing.truncated) {
    collector.reason('attachment.analysis_limit', 5, 'The archive has more members than the per-message limit; the rest were not inspected.', location);
  }
  const offsets = new Set<number>();
  let overlapping = false;
  const files = listing.entries.filter((e) => !e.isDirectory);
  const names = files.map((e) => e.name);
  reportArchiveContents('archive', names, context, location);
  const encrypted = files.filter((e) => e.encrypted);
  if (encrypted.length > 0) reportEncryptedArchive(`${encrypted.length} encrypted member(s)`, context, location);
  for (const entry of files) {
    if (budget.archiveMembers <= 0) {
      collector.reason('attachment.analysis_limit', 5, 'The per-message limit on archive members is reached; the rest were not inspected.', location);
      break;
    }
    budget.archiveMembers -= 1;
    if (offsets.has(entry.localOffset)) overlapping = true;
    offsets.add(entry.localOffset);
    const content = entry.encrypted ? undefined : read(entry);
    analyzeMember({ name: entry.name, contentType: 'application/octet-stream', bytes: content }, memberOf(location, entry.name));
  }
  if (overlapping) {
    collector.reason('attachment.archive_bomb', 60, 'Several archive members share the same data (overlapping entries, a zip bomb technique).', location);
  }
}
