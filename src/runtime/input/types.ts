/**
 * The shapes the line reader hands out. Batches are parallel arrays rather than one object per
 * line so that a 700k-line log costs a few hundred allocations, not 700k.
 */

/** Bits of `LineBatch.flags`. A flagged line is still delivered; the flag says what was odd about it. */
export const LineFlag = {
  /** The bytes were not valid UTF-8; each invalid sequence became U+FFFD in `text`. */
  INVALID_UTF8: 1,
  /**
   * The line holds a control byte other than tab (NUL, ESC, a bare CR, DEL, ...): binary data,
   * or an attempt to smuggle terminal escapes or fake line breaks into an analyst's view.
   */
  CONTROL_BYTES: 2,
} as const;

/** One bit of `LineBatch.flags`. */
export type LineFlagBit = (typeof LineFlag)[keyof typeof LineFlag];

/**
 * Consecutive lines of one input. Index `i < count` of every array describes the same line.
 * Line numbers are not always consecutive: a line longer than the limit is skipped but keeps its number,
 * so numbers and offsets always match the file as `sed -n Np` or `tail -c +N` would see it.
 */
export interface LineBatch {
  /** How many lines this batch holds (the length of every array below). */
  readonly count: number;
  /**
   * The text of line `i`, decoded as UTF-8, without the `\n` and without a `\r` just before it.
   * Made on each call from the decoded chunk (cheap: a slice), so that a line's string lives only
   * as long as its consumer needs it: a 700k-line log then leaves no 700k strings for the garbage
   * collector to copy and promote.
   */
  line(i: number): string;
  /**
   * The string that holds line `i` as `holder(i).slice(start[i], end[i])`: the decoded text of its
   * whole chunk, or the line's own string. Hot loops read a line in place this way, without slicing it.
   */
  holder(i: number): string;
  /** Where line `i` starts in {@link holder}. */
  readonly start: Int32Array;
  /** Where line `i` ends in {@link holder} (exclusive; before its line ending). */
  readonly end: Int32Array;
  /** 1-based line number in the (decompressed) input. */
  readonly lineNumber: Float64Array;
  /** Byte offset of the line's first byte in the (decompressed) input. */
  readonly offset: Float64Array;
  /** `LineFlag` bits per line; 0 for an ordinary line. */
  readonly flags: Uint8Array;
}

/** What was read, updated while reading and final once iteration has ended. */
export interface ReadStats {
  /** Lines delivered in batches. */
  readonly lines: number;
  /** Bytes of the (decompressed) input consumed. */
  readonly bytes: number;
  /** Bytes read from the file or stdin (compressed bytes for gzip input). */
  readonly rawBytes: number;
  /** True when the input started with the gzip magic bytes and was decompressed. */
  readonly gzip: boolean;
  /** Lines longer than `maxLineBytes`: skipped without being buffered, not delivered. */
  readonly longLines: number;
  /** Delivered lines flagged `LineFlag.INVALID_UTF8`. */
  readonly invalidUtf8Lines: number;
  /** Delivered lines flagged `LineFlag.CONTROL_BYTES`. */
  readonly controlByteLines: number;
  /** True when the input did not end with `\n`; the unterminated last line was still delivered (or counted as long). */
  readonly missingFinalNewline: boolean;
}

/** Options of `readLines`. */
export interface ReadLinesOptions {
  /** Stops reading; iteration then rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
  /** Longest line delivered, in bytes without the line ending (default 1 MiB). */
  readonly maxLineBytes?: number | undefined;
  /** Size of the chunks read from the input (default 1 MiB); tests use tiny values to split lines across chunks. */
  readonly highWaterMark?: number | undefined;
  /** Called after each batch with the raw bytes read so far and the file size (undefined for stdin and pipes). */
  readonly onProgress?: ((bytesRead: number, totalBytes: number | undefined) => void) | undefined;
}

/** The lines of one input, in batches; iterate it once. `stats` is final when iteration ends. */
export interface LineSource extends AsyncIterable<LineBatch> {
  readonly stats: ReadStats;
}

/** `ReadStats` as the reader updates it. */
export type MutableReadStats = { -readonly [K in keyof ReadStats]: ReadStats[K] };

/** Fresh, zeroed statistics. */
export function emptyReadStats(): MutableReadStats {
  return {
    lines: 0,
    bytes: 0,
    rawBytes: 0,
    gzip: false,
    longLines: 0,
    invalidUtf8Lines: 0,
    controlByteLines: 0,
    missingFinalNewline: false,
  };
}
