/**
 * Bounds for attachment analysis. They apply per message, not per attachment: a message with a
 * thousand small archives gets the same total budget as one with a single large one.
 */
export interface AttachmentLimits {
  /** Bytes that may be inflated from archives (ZIP members, PDF streams) in the whole message. */
  readonly maxInflatedBytes: number;
  /** Bytes one archive member may inflate to before it is cut off. */
  readonly maxMemberBytes: number;
  /** Archive members (over all archives and nesting levels) that are listed and checked. */
  readonly maxArchiveMembers: number;
  /** How deep archives nested in archives are opened (1 = members of a top-level archive). */
  readonly maxArchiveDepth: number;
  /** Pixels of one image decoded for QR codes; larger images are reported, not decoded. */
  readonly maxImagePixels: number;
  /** Pixels of one image searched for a QR code; larger images are subsampled down to this. */
  readonly maxScanPixels: number;
  /** Pixels searched for QR codes in the whole message. */
  readonly maxTotalPixels: number;
  /** Bytes of one HTML, PDF or XML file scanned as text. */
  readonly maxScanBytes: number;
  /** Bytes of decompressed VBA source kept per document. */
  readonly maxVbaBytes: number;
  /** Reasons returned for the message; the rest are summed up in one reason. */
  readonly maxReasons: number;
  /** URLs returned for the message. */
  readonly maxUrls: number;
}

/** Defaults sized so a hostile message costs at most tens of megabytes and well under a second. */
export const defaultAttachmentLimits: AttachmentLimits = {
  maxInflatedBytes: 32 * 1024 * 1024,
  maxMemberBytes: 8 * 1024 * 1024,
  maxArchiveMembers: 500,
  maxArchiveDepth: 3,
  maxImagePixels: 4_000_000,
  maxScanPixels: 1_000_000,
  maxTotalPixels: 3_000_000,
  maxScanBytes: 4 * 1024 * 1024,
  maxVbaBytes: 2 * 1024 * 1024,
  maxReasons: 200,
  maxUrls: 200,
};

/** What is left of the per-message limits; analysers take from it as they go. */
export interface Budget {
  inflatedBytes: number;
  archiveMembers: number;
  pixels: number;
}

/** A fresh budget for one message. */
export function budgetFor(limits: AttachmentLimits): Budget {
  return { inflatedBytes: limits.maxInflatedBytes, archiveMembers: limits.maxArchiveMembers, pixels: limits.maxTotalPixels };
}
