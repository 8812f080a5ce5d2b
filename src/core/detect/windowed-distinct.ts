/** One observation kept in a sliding window, with whatever the caller needs later (e.g. evidence). */
export interface WindowEntry<T> {
  readonly ts: number;
  readonly value: string;
  readonly payload: T;
}

/**
 * A sliding time window of observations that knows how many it holds and how many distinct values.
 * Amortised O(1) per observation: entries leave from the head as time moves on.
 * Observations must arrive in (roughly) ascending time; a late one simply stays until it is old.
 */
export class WindowedDistinct<T> {
  private readonly entries: WindowEntry<T>[] = [];
  private head = 0;
  private readonly counts = new Map<string, number>();

  constructor(private readonly windowMs: number) {}

  /** Adds an observation at `ts` and drops those older than the window. */
  add(ts: number, value: string, payload: T): void {
    this.entries.push({ ts, value, payload });
    this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
    this.evict(ts);
  }

  /** Drops observations older than `now - window`. */
  evict(now: number): void {
    const cutoff = now - this.windowMs;
    const entries = this.entries;
    while (this.head < entries.length && entries[this.head]!.ts < cutoff) {
      const old = entries[this.head++]!;
      const n = this.counts.get(old.value) ?? 0;
      if (n <= 1) this.counts.delete(old.value);
      else this.counts.set(old.value, n - 1);
    }
    // Compact now and then so the array does not grow without bound.
    if (this.head > 1024 && this.head * 2 > entries.length) {
      entries.splice(0, this.head);
      this.head = 0;
    }
  }

  /** Observations in the window. */
  get count(): number {
    return this.entries.length - this.head;
  }

  /** Distinct values in the window. */
  get distinct(): number {
    return this.counts.size;
  }

  /** The distinct values in the window. */
  values(): IterableIterator<string> {
    return this.counts.keys();
  }

  /** The observations in the window, oldest first. */
  *window(): Generator<WindowEntry<T>> {
    for (let i = this.head; i < this.entries.length; i++) yield this.entries[i]!;
  }

  /** Time of the newest observation, or -Infinity when empty. */
  get lastTs(): number {
    return this.count === 0 ? -Infinity : this.entries[this.entries.length - 1]!.ts;
  }
}
