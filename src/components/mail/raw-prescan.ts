/**
 * Byte-level checks on a raw message before the MIME parser sees it: where the top-level header
 * ends, how many part delimiters it has, and whether base64 bodies hold characters base64 cannot.
 * All are single linear passes, so they bound the parser's work without parsing.
 */

const LF = 0x0a;
const CR = 0x0d;
const DASH = 0x2d;

/** Where the top-level header block ends: `headerEnd` is the first byte after it, `bodyStart` the first body byte. */
export interface HeaderSplit {
  readonly headerEnd: number;
  readonly bodyStart: number;
}

/** Finds the blank line that ends the top-level header, or undefined when there is none. */
export function findHeaderEnd(raw: Uint8Array): HeaderSplit | undefined {
  const buffer = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  // A message may also start with the blank line (no headers at all).
  if (raw[0] === LF) return { headerEnd: 0, bodyStart: 1 };
  if (raw[0] === CR && raw[1] === LF) return { headerEnd: 0, bodyStart: 2 };
  const lflf = buffer.indexOf('\n\n');
  const crlf = buffer.indexOf('\n\r\n');
  if (lflf < 0 && crlf < 0) return undefined;
  if (crlf >= 0 && (lflf < 0 || crlf < lflf)) return { headerEnd: crlf + 1, bodyStart: crlf + 3 };
  return { headerEnd: lflf + 1, bodyStart: lflf + 2 };
}

/** The offset of the last line end at or before `limit` (so a cut keeps whole lines), or 0. */
export function lastLineEndBefore(raw: Uint8Array, limit: number): number {
  const end = Math.min(limit, raw.length);
  if (end <= 0) return 0;
  const at = Buffer.from(raw.buffer, raw.byteOffset, end).lastIndexOf(LF);
  return at + 1;
}

/** Counts lines that start with `--` (MIME delimiter candidates); stops counting past `stopAt`. */
export function countDelimiterLines(raw: Uint8Array, stopAt: number): number {
  const buffer = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  let count = raw[0] === DASH && raw[1] === DASH ? 1 : 0;
  let at = buffer.indexOf('\n--');
  while (at >= 0 && count <= stopAt) {
    count++;
    at = buffer.indexOf('\n--', at + 3);
  }
  return count;
}

/** A base64 alphabet byte, padding or whitespace. */
function isBase64Byte(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) ||
    byte === 0x2b || byte === 0x2f || byte === 0x3d || byte === 0x20 || byte === 0x09 || byte === CR || byte === LF
  );
}

const CTE_BASE64 = /^content-transfer-encoding:[ \t]*"?base64"?[ \t]*$/i;

/**
 * Counts base64-encoded bodies that contain bytes outside the base64 alphabet (a malformed part:
 * decoders silently skip such bytes, which hides content from filters). Parts are recognised by
 * their headers and end at the next `--` line.
 */
export function countMalformedBase64Parts(raw: Uint8Array): number {
  const buffer = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (buffer.indexOf('ase64') < 0 && buffer.indexOf('ASE64') < 0) return 0;
  let malformed = 0;
  let inHeader = true;
  let base64 = false;
  let partBad = false;
  let start = 0;
  while (start < raw.length) {
    let end = buffer.indexOf(LF, start);
    if (end < 0) end = raw.length;
    let lineEnd = end;
    if (lineEnd > start && raw[lineEnd - 1] === CR) lineEnd--;
    if (inHeader) {
      if (lineEnd === start) {
        inHeader = false;
        partBad = false;
      } else if (!base64 && (raw[start] === 0x43 || raw[start] === 0x63) && lineEnd - start < 200) {
        base64 = CTE_BASE64.test(buffer.toString('latin1', start, lineEnd));
      }
    } else if (raw[start] === DASH && raw[start + 1] === DASH) {
      if (base64 && partBad) malformed++;
      inHeader = true;
      base64 = false;
    } else if (base64 && !partBad) {
      for (let i = start; i < lineEnd; i++) {
        if (!isBase64Byte(raw[i]!)) {
          partBad = true;
          break;
        }
      }
    }
    start = end + 1;
  }
  if (!inHeader && base64 && partBad) malformed++;
  return malformed;
}
