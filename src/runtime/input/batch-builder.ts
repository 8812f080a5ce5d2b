import type { LineBatch } from './types.js';

/** Grows by doubling to fit a chunk; small to start, since many inputs are small files (fresh memory is costly here). */
const INITIAL_CAPACITY = 1024;

/**
 * Collects lines into growable scratch arrays and hands them out as one `LineBatch`.
 * Each batch gets its own copies, so a consumer may keep batches around. The scratch arrays are
 * reused rather than replaced: V8 optimizes on the assumption that a field keeps its value, and
 * replacing one after every batch threw away the hot loop's optimized code.
 */
export class BatchBuilder {
  private readonly text: string[] = [];
  private lineNumber = new Float64Array(INITIAL_CAPACITY);
  private offset = new Float64Array(INITIAL_CAPACITY);
  private flags = new Uint8Array(INITIAL_CAPACITY);
  private count = 0;

  /** Appends one line. */
  add(text: string, lineNumber: number, offset: number, flags: number): void {
    if (this.count === this.flags.length) this.grow();
    const i = this.count++;
    this.text.push(text);
    this.lineNumber[i] = lineNumber;
    this.offset[i] = offset;
    this.flags[i] = flags;
  }

  /** The lines added since the last call, or undefined when there were none. */
  take(): LineBatch | undefined {
    const count = this.count;
    if (count === 0) return undefined;
    const batch: LineBatch = {
      count,
      text: this.text.slice(0, count),
      lineNumber: this.lineNumber.slice(0, count),
      offset: this.offset.slice(0, count),
      flags: this.flags.slice(0, count),
    };
    this.text.length = 0;
    this.count = 0;
    return batch;
  }

  private grow(): void {
    const capacity = this.flags.length * 2;
    const lineNumber = new Float64Array(capacity);
    lineNumber.set(this.lineNumber);
    this.lineNumber = lineNumber;
    const offset = new Float64Array(capacity);
    offset.set(this.offset);
    this.offset = offset;
    const flags = new Uint8Array(capacity);
    flags.set(this.flags);
    this.flags = flags;
  }
}
