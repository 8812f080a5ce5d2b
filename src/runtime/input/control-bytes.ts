/**
 * Finding control bytes fast. Every byte of every line has to be looked at, so this reads four bytes
 * at a time and only looks closer at words that may hold one (see firstControlByte).
 */

const LF = 0x0a;
const CR = 0x0d;
const TAB = 0x09;
const DEL = 0x7f;

/** Below this many bytes a plain loop is cheaper than setting up a word view. */
const WORD_SCAN_MIN = 32;

/**
 * True for a byte that does not belong in a text log line: C0 controls except tab, and DEL.
 * A CR directly before LF is the CRLF line ending, which the splitter strips, so it does not count.
 */
function isControlAt(buf: Uint8Array, index: number): boolean {
  const byte = buf[index]!;
  if (byte >= 0x20) return byte === DEL;
  if (byte === TAB || byte === LF) return false;
  return byte !== CR || buf[index + 1] !== LF;
}

/** High bit set in each byte lane of `word` that is zero, with no carries between lanes. */
function zeroLanes(word: number): number {
  return ~(((word & 0x7f7f7f7f) + 0x7f7f7f7f) | word | 0x7f7f7f7f);
}

function scanBytes(buf: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) if (isControlAt(buf, i)) return i;
  return -1;
}

/**
 * Index of the first control byte in `buf[from, to)`, or -1. LF is not a control byte here
 * (the caller scans whole runs of lines at once), nor is a CR that precedes an LF, even when
 * that LF is `buf[to]` (the caller's range stops just before the last LF).
 */
export function firstControlByte(buf: Uint8Array, from: number, to: number): number {
  if (to - from < WORD_SCAN_MIN) return scanBytes(buf, from, to);
  // Int32Array views need 4-byte alignment in the underlying ArrayBuffer.
  const misalignment = (buf.byteOffset + from) & 3;
  let start = from;
  if (misalignment !== 0) {
    start = from + 4 - misalignment;
    const found = scanBytes(buf, from, start);
    if (found !== -1) return found;
  }
  const wordCount = (to - start) >> 2;
  const found = scanWords(buf, new Int32Array(buf.buffer, buf.byteOffset + start, wordCount), start);
  return found !== -1 ? found : scanBytes(buf, start + wordCount * 4, to);
}

/**
 * The hot loop, kept in a function of its own: code after a loop that runs once per call would
 * gather no type feedback before the loop is optimized, and the optimized code would be thrown
 * away at the end of every call.
 */
function scanWords(buf: Uint8Array, words: Int32Array, start: number): number {
  for (let w = 0; w < words.length; w++) {
    const x = words[w]!;
    const y = x ^ 0x7f7f7f7f;
    // SWAR: some byte lane is < 0x20 (first term) or 0x7f (second). Cheap, and clean words stop here.
    if ((((x - 0x20202020) & ~x) | ((y - 0x01010101) & ~y)) & 0x80808080) {
      // Exact per-lane masks, so the LF ending every line and tabs do not send us byte by byte.
      const below20 = ~(((x & 0x7f7f7f7f) + 0x60606060) | x);
      const suspects = (below20 & ~zeroLanes(x ^ 0x0a0a0a0a) & ~zeroLanes(x ^ 0x09090909)) | zeroLanes(y);
      if ((suspects & 0x80808080) !== 0) {
        const found = scanBytes(buf, start + w * 4, start + w * 4 + 4);
        if (found !== -1) return found;
      }
    }
  }
  return -1;
}
