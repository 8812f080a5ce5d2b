import type { LineBatch } from './types.js';

/** Grows by doubling to fit a chunk; small to start, since many inputs are small files (fresh memory is costly here). */
const INITIAL_CAPACITY = 1024;

/**
 * Collects lines into growable scratch arrays and hands them out as one `LineBatch`.
 * A line is kept as a span of a source string (the decoded text of a whole ASCII chunk, or the
 * line's own string), so building a batch creates no string per line. Each batch gets its own
 * copies of the arrays, so a consumer may keep batches around. The scratch arrays are reused rather
 * than replaced: V8 optimizes on the assumption that a field keeps its value, and replacing one
 * after every batch threw away the hot loop's optimized code.
 */
export class BatchBuilder {
  private readonly sources: string[] = [];
  private source = new Int32Array(INITIAL_CAPACITY);
  private start = new Int32Array(INITIAL_CAPACITY);
  private end = new Int32Array(INITIAL_CAPACITY);
  private lineNumber = new Float64Array(INITIAL_CAPACITY);
  private offset = new Float64Array(INITIAL_CAPACITY);
  private flags = new Uint8Array(INITIAL_CAPACITY);
  private count = 0;

  /** Appends one line given as its own string. */
  add(text: string, lineNumber: number, offset: number, flags: number): void {
    this.sources.push(text);
    this.addSpan(this.sources.length - 1, 0, text.length, lineNumber, offset, flags);
  }

  /** Registers a string that `addSpan` lines are cut from; returns its index. */
  addSource(text: string): number {
    this.sources.push(text);
    return this.sources.length - 1;
  }

  /** Appends the line `sources[source].slice(start, end)`. */
  addSpan(source: number, start: number, end: number, lineNumber: number, offset: number, flags: number): void {
    if (this.count === this.flags.length) this.grow();
    const i = this.count++;
    this.source[i] = source;
    this.start[i] = start;
    this.end[i] = end;
    this.lineNumber[i] = lineNumber;
    this.offset[i] = offset;
    this.flags[i] = flags;
  }

  /** The lines added since the last call, or undefined when there were none. */
  take(): LineBatch | undefined {
    const count = this.count;
    if (count === 0) return undefined;
    const batch = new SpanBatch(
      count,
      this.sources.slice(),
      this.source.slice(0, count),
      this.start.slice(0, count),
      this.end.slice(0, count),
      this.lineNumber.slice(0, count),
      this.offset.slice(0, count),
      this.flags.slice(0, count),
    );
    this.sources.length = 0;
    this.count = 0;
    return batch;
  }

  private grow(): void {
    const capacity = this.flags.length * 2;
    this.source = grown(this.source, new Int32Array(capacity));
    this.start = grown(this.start, new Int32Array(capacity));
    this.end = grown(this.end, new Int32Array(capacity));
    this.lineNumber = grown(this.lineNumber, new Float64Array(capacity));
    this.offset = grown(this.offset, new Float64Array(capacity));
    this.flags = grown(this.flags, new Uint8Array(capacity));
  }
}

function grown<T extends Int32Array | Float64Array | Uint8Array>(old: T, fresh: T): T {
  fresh.set(old);
  return fresh;
}

class SpanBatch implements LineBatch {
  constructor(
    readonly count: number,
    private readonly sources: readonly string[],
    private readonly source: Int32Array,
    readonly start: Int32Array,
    readonly end: Int32Array,
    readonly lineNumber: Float64Array,
    readonly offset: Float64Array,
    readonly flags: Uint8Array,
  ) {}

  line(i: number): string {
    return this.holder(i).slice(this.start[i], this.end[i]);
  }

  holder(i: number): string {
    if (!(i >= 0 && i < this.count)) throw new RangeError(`line ${i} is not in this batch of ${this.count}`);
    return this.sources[this.source[i]!]!;
  }
}
