/**
 * Bounds for parsing one message. Every input is hostile: a 50 MB header or a MIME tree a thousand
 * levels deep must be cut off quickly, with the cut reported as a reason rather than a crash.
 */
export interface ParseLimits {
  /** Bytes of the whole message; the rest is dropped (reported). */
  readonly maxTotalBytes: number;
  /** Bytes of the top-level header block; longer headers are cut at a line end (reported). */
  readonly maxHeaderBytes: number;
  /** Bytes of all headers of all parts together (postal-mime's own limit). */
  readonly maxAllHeadersBytes: number;
  /** MIME nesting depth; deeper trees are not parsed (reported). */
  readonly maxMimeDepth: number;
  /** Number of MIME parts; more are not parsed (reported). */
  readonly maxParts: number;
  /** Bytes of one decoded attachment; longer ones are cut (reported). */
  readonly maxAttachmentBytes: number;
}

/** Limits that hold real mail (the largest phishing kits, big PDF invoices) with room to spare. */
export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxTotalBytes: 40 * 1024 * 1024,
  maxHeaderBytes: 512 * 1024,
  maxAllHeadersBytes: 2 * 1024 * 1024,
  maxMimeDepth: 32,
  maxParts: 1000,
  maxAttachmentBytes: 25 * 1024 * 1024,
};

/** The defaults with any given limits applied. */
export function resolveParseLimits(options: Partial<ParseLimits> | undefined): ParseLimits {
  return { ...DEFAULT_PARSE_LIMITS, ...options };
}
