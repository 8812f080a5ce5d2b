import { isAscii, isUtf8 } from 'node:buffer';
import { BatchBuilder } from './batch-builder.js';
import { firstControlByte } from './control-bytes.js';
import { LineFlag, type LineBatch, type MutableReadStats } from './types.js';

const LF = 0x0a;
const CR = 0x0d;
const REPLACEMENT_CHAR = '\uFFFD';

/**
 * Splits a byte stream into lines, chunk by chunk, without I/O (so it is tested on its own).
 * Keeps no reference to a pushed chunk, so the reader may refill its buffer afterwards.
 *
 * Lines wholly inside a chunk are decoded straight from it; only a line that crosses a chunk
 * boundary is copied. A line that grows past the limit switches to skipping: its bytes are
 * dropped as they arrive until the next LF, so a hostile 10 GB line costs no memory.
 */
export class LineSplitter {
  private readonly builder = new BatchBuilder();
  /** Pieces of the line that crossed the last chunk boundary (at most maxLineBytes + 1 bytes). */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** True while dropping the rest of an over-long line. */
  private skipping = false;
  /** Stream offset where the unfinished line starts. */
  private lineStart = 0;
  /** Number of the next line to finish. */
  private lineNumber = 1;

  constructor(
    private readonly maxLineBytes: number,
    private readonly stats: MutableReadStats,
  ) {}

  /** Number of lines finished so far, delivered or skipped. */
  get linesSeen(): number {
    return this.lineNumber - 1;
  }

  /** Bytes held in memory for the unfinished line; never more than maxLineBytes + 1. */
  get bufferedBytes(): number {
    return this.pendingBytes;
  }

  /** Bytes of the unfinished last line held or skipped so far. */
  get unfinishedBytes(): number {
    return this.stats.bytes - this.lineStart;
  }

  /** Consumes one chunk; returns the lines it completed. */
  push(chunk: Buffer): LineBatch | undefined {
    const base = this.stats.bytes;
    this.stats.bytes += chunk.length;
    let pos = 0;
    if (this.skipping || this.pendingBytes > 0) {
      const newline = chunk.indexOf(LF);
      if (newline === -1) {
        this.extendUnfinished(chunk);
        return undefined;
      }
      this.finishUnfinished(chunk.subarray(0, newline));
      pos = newline + 1;
      this.lineStart = base + pos;
    }
    const lastNewline = chunk.lastIndexOf(LF);
    if (lastNewline >= pos) this.splitWholeLines(chunk, pos, lastNewline, base);
    const tailStart = Math.max(pos, lastNewline + 1);
    this.lineStart = base + tailStart;
    if (tailStart < chunk.length) this.extendUnfinished(chunk.subarray(tailStart));
    return this.builder.take();
  }

  /** Ends the input: delivers an unterminated last line. */
  finish(): LineBatch | undefined {
    if (this.skipping || this.pendingBytes > 0) {
      this.stats.missingFinalNewline = true;
      this.finishUnfinished(undefined);
    }
    return this.builder.take();
  }

  /** Lines in `chunk[from, lastNewline]`, each ending in LF. The hot loop. */
  private splitWholeLines(chunk: Buffer, from: number, lastNewline: number, base: number): void {
    // Whole runs of lines start and end on character boundaries, so one native check clears most
    // chunks; only a chunk that fails it pays for the per-line check. Pure ASCII (the usual log)
    // is decoded in one call and cut into lines as slices of that string: one native call per
    // chunk instead of one per line, and byte offsets equal string indices.
    const run = chunk.subarray(from, lastNewline);
    if (isAscii(run)) this.splitAsciiLines(chunk, from, lastNewline, base);
    else this.splitUtf8Lines(chunk, from, lastNewline, base, isUtf8(run));
  }

  private splitAsciiLines(chunk: Buffer, from: number, lastNewline: number, base: number): void {
    const max = this.maxLineBytes;
    const text = chunk.toString('latin1', from, lastNewline + 1);
    const source = this.builder.addSource(text);
    let nextControl = firstControlByte(chunk, from, lastNewline);
    let lineNumber = this.lineNumber;
    let pos = 0;
    const last = lastNewline - from;
    while (pos <= last) {
      const newline = text.indexOf('\n', pos);
      const end = newline > pos && text.charCodeAt(newline - 1) === CR ? newline - 1 : newline;
      if (end - pos > max) {
        this.stats.longLines++;
      } else {
        const control = nextControl !== -1 && nextControl < from + newline;
        this.count(control ? LineFlag.CONTROL_BYTES : 0);
        this.builder.addSpan(source, pos, end, lineNumber, base + from + pos, control ? LineFlag.CONTROL_BYTES : 0);
      }
      if (nextControl !== -1 && nextControl < from + newline) nextControl = firstControlByte(chunk, from + newline + 1, lastNewline);
      lineNumber++;
      pos = newline + 1;
    }
    this.lineNumber = lineNumber;
  }

  private splitUtf8Lines(chunk: Buffer, from: number, lastNewline: number, base: number, allValidUtf8: boolean): void {
    const max = this.maxLineBytes;
    let nextControl = firstControlByte(chunk, from, lastNewline);
    let lineNumber = this.lineNumber;
    let pos = from;
    while (pos <= lastNewline) {
      const newline = chunk.indexOf(LF, pos);
      const end = newline > pos && chunk[newline - 1] === CR ? newline - 1 : newline;
      if (end - pos > max) {
        this.stats.longLines++;
      } else {
        const text = chunk.toString('utf8', pos, end);
        let flags = 0;
        if (nextControl !== -1 && nextControl < newline) flags = LineFlag.CONTROL_BYTES;
        if (!allValidUtf8 && text.includes(REPLACEMENT_CHAR) && !isUtf8(chunk.subarray(pos, end))) {
          flags |= LineFlag.INVALID_UTF8;
        }
        this.deliver(text, lineNumber, base + pos, flags);
      }
      if (nextControl !== -1 && nextControl < newline) nextControl = firstControlByte(chunk, newline + 1, lastNewline);
      lineNumber++;
      pos = newline + 1;
    }
    this.lineNumber = lineNumber;
  }

  /**
   * Adds bytes of a line whose end has not arrived yet, switching to skipping past the limit.
   * Returns false once the line is being skipped.
   */
  private extendUnfinished(bytes: Buffer): boolean {
    if (this.skipping) return false;
    // One byte of slack: the line may still turn out to end in CR LF, and the CR does not count.
    if (this.pendingBytes + bytes.length > this.maxLineBytes + 1) {
      this.skipping = true;
      this.pending = [];
      this.pendingBytes = 0;
      return false;
    }
    // Copy: chunks may be views of a buffer the reader is about to refill.
    this.pending.push(Buffer.from(bytes));
    this.pendingBytes += bytes.length;
    return true;
  }

  /** Completes the unfinished line with `last` (its bytes up to the LF), or at end of input with `undefined`. */
  private finishUnfinished(last: Buffer | undefined): void {
    const lineNumber = this.lineNumber++;
    const kept = last === undefined ? !this.skipping : this.extendUnfinished(last);
    const pieces = this.pending;
    const size = this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    if (!kept) {
      this.skipping = false;
      this.stats.longLines++;
      return;
    }
    const line = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, size);
    const end = size > 0 && line[size - 1] === CR ? size - 1 : size;
    if (end > this.maxLineBytes) {
      this.stats.longLines++;
      return;
    }
    const text = line.toString('utf8', 0, end);
    let flags = firstControlByte(line, 0, end) === -1 ? 0 : LineFlag.CONTROL_BYTES;
    if (text.includes(REPLACEMENT_CHAR) && !isUtf8(line.subarray(0, end))) flags |= LineFlag.INVALID_UTF8;
    this.deliver(text, lineNumber, this.lineStart, flags);
  }

  private deliver(text: string, lineNumber: number, offset: number, flags: number): void {
    this.count(flags);
    this.builder.add(text, lineNumber, offset, flags);
  }

  /** Counts a delivered line in the statistics. */
  private count(flags: number): void {
    this.stats.lines++;
    if ((flags & LineFlag.CONTROL_BYTES) !== 0) this.stats.controlByteLines++;
    if ((flags & LineFlag.INVALID_UTF8) !== 0) this.stats.invalidUtf8Lines++;
  }
}
