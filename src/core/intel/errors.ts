/**
 * Errors of the threat-intelligence core as data: a stable code from one small catalogue, a message
 * for people, and where the problem is (line, column, STIX object, JSON path). Readers collect them
 * per record and go on; nothing here throws for bad feed content.
 */

/** The intel core's error codes. Code branches on `code`, never on a message. */
export const INTEL_ERROR_CODES = {
  INTEL_INVALID_VALUE: 'a value is not valid for its indicator type (bad IP, CIDR with host bits, bad domain …)',
  INTEL_UNSUPPORTED_TYPE: 'a record names an indicator type Vigil does not match',
  INTEL_BAD_PATTERN: 'a STIX pattern does not follow the STIX 2.1 patterning grammar',
  INTEL_UNSAFE_REGEX: 'a regular expression is refused by RE2 (lookaround, backreferences, too large) or does not parse',
  INTEL_BAD_OBJECT: 'a STIX object or feed record lacks a required property or has one of the wrong type',
  INTEL_BAD_FORMAT: 'the text is not in the expected format (JSON does not parse, a CSV quote is not closed …)',
  INTEL_TOO_DEEP: 'a document or pattern nests deeper than the documented limit',
  INTEL_TOO_LARGE: 'a line, pattern, document or list passes a documented size limit',
  INTEL_BAD_ENCODING: 'bytes are not valid UTF-8',
} as const;

/** One code of the catalogue. */
export type IntelErrorCode = keyof typeof INTEL_ERROR_CODES;

/** Where a problem is. Every field is optional: a feed line has `line`, a STIX object has `objectId`. */
export interface IntelLocation {
  /** 1-based line in the feed text. */
  readonly line?: number;
  /** 1-based column (or 0-based offset inside a pattern, see `offset`). */
  readonly column?: number;
  /** 0-based character or byte offset. */
  readonly offset?: number;
  /** STIX id or MISP uuid of the object the problem is in. */
  readonly objectId?: string;
  /** 0-based index of the object or record in its array. */
  readonly index?: number;
  /** JSON path or property name. */
  readonly path?: string;
}

/** A located, coded problem. */
export interface IntelError {
  readonly code: IntelErrorCode;
  readonly message: string;
  readonly location?: IntelLocation;
}

/** Builds an error value (never thrown). */
export function intelError(code: IntelErrorCode, message: string, location?: IntelLocation): IntelError {
  return location === undefined ? { code, message } : { code, message, location };
}

/** The same error with more location fields (existing fields win only when the new ones are absent). */
export function locate(error: IntelError, location: IntelLocation): IntelError {
  return { code: error.code, message: error.message, location: { ...location, ...error.location } };
}

/** One line for people: `line 3: INTEL_INVALID_VALUE: …`. */
export function formatIntelError(error: IntelError): string {
  const at: string[] = [];
  const loc = error.location;
  if (loc?.objectId !== undefined) at.push(loc.objectId);
  if (loc?.index !== undefined) at.push(`#${loc.index}`);
  if (loc?.line !== undefined) at.push(`line ${loc.line}${loc.column === undefined ? '' : `:${loc.column}`}`);
  if (loc?.path !== undefined) at.push(loc.path);
  if (loc?.offset !== undefined) at.push(`offset ${loc.offset}`);
  return `${at.length > 0 ? `${at.join(' ')}: ` : ''}${error.code}: ${error.message}`;
}

/**
 * Collects errors up to a bound and counts the rest, so a hostile feed with a million bad lines
 * cannot make the error list itself the memory problem.
 */
export class ErrorSink {
  readonly errors: IntelError[] = [];
  dropped = 0;
  constructor(readonly max: number) {}

  add(error: IntelError): void {
    if (this.errors.length < this.max) this.errors.push(error);
    else this.dropped++;
  }
}
