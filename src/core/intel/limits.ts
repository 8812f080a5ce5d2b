/**
 * Documented limits of the intel core. Untrusted feeds are bounded by these before any work that
 * grows with them; each limit turns into an `INTEL_TOO_LARGE` or `INTEL_TOO_DEEP` error, never a hang.
 */
export const INTEL_LIMITS = {
  /** Nesting of a JSON document (STIX bundle, MISP event) before it is read. */
  maxJsonDepth: 64,
  /** JSON values (objects, arrays, scalars) walked in one document. */
  maxJsonNodes: 20_000_000,
  /** Characters of one STIX pattern. */
  maxPatternLength: 64 * 1024,
  /** Nesting of brackets and parentheses inside one STIX pattern. */
  maxPatternDepth: 32,
  /** Characters of one regular expression (STIX MATCHES, warninglist regex). */
  maxRegexLength: 4096,
  /** Characters of one feed line; longer lines are reported and skipped. */
  maxLineLength: 64 * 1024,
  /** Errors kept per read; the rest are counted. */
  maxErrors: 1000,
  /** Characters of an indicator value. */
  maxValueLength: 8192,
  /** Characters of free text given to IOC extraction. */
  maxExtractText: 16 * 1024 * 1024,
} as const;
