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

/** 1 for a base64 alphabet byte, padding or whitespace (space, tab, CR, LF); 0 for any other byte. */
const BASE64_BYTES: Uint8Array = (() => {
  const table = new Uint8Array(256);
  const allowed = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= \t\r\n';
  for (let i = 0; i < allowed.length; i++) table[allowed.charCodeAt(i)] = 1;
  return table;
})();

/** Whether every byte in [from, to) is a base64 alphabet byte, padding or whitespace. */
function allBase64(raw: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (BASE64_BYTES[raw[i]!] === 0) return false;
  }
  return true;
}

const CTE_BASE64 = /^content-transfer-encoding:[ \t]*"?base64"?[ \t]*$/i;

/**
 * Counts base64-encoded bodies that contain bytes outside the base64 alphabet (a malformed part:
 * decoders silently skip such bytes, which hides content from filters). Parts are recognised by
 * their headers and end at the next `--` line. Headers are read line by line; a body is skipped in
 * one search for the next `--` line and, when it is base64, checked in one pass.
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
    if (!inHeader) {
      if (raw[start] === DASH && raw[start + 1] === DASH) {
        if (base64 && partBad) malformed++;
        inHeader = true;
        base64 = false;
        const lineEnd = buffer.indexOf(LF, start);
        start = lineEnd < 0 ? raw.length : lineEnd + 1;
        continue;
      }
      // The body runs to the next line that starts with `--` (or to the end of the message).
      const next = buffer.indexOf('\n--', start);
      const bodyEnd = next < 0 ? raw.length : next + 1;
      if (base64 && !partBad && !allBase64(raw, start, bodyEnd)) partBad = true;
      start = bodyEnd;
      continue;
    }
    let end = buffer.indexOf(LF, start);
    if (end < 0) end = raw.length;
    let lineEnd = end;
    if (lineEnd > start && raw[lineEnd - 1] === CR) lineEnd--;
    if (lineEnd === start) {
      inHeader = false;
      partBad = false;
    } else if (!base64 && (raw[start] === 0x43 || raw[start] === 0x63) && lineEnd - start < 200) {
      base64 = CTE_BASE64.test(buffer.toString('latin1', start, lineEnd));
    }
    start = end + 1;
  }
  if (!inHeader && base64 && partBad) malformed++;
  return malformed;
}
