import type { Contribution, CorrelationType } from './types.js';

/** One base match inside a group's window. */
export interface WindowEntry {
  readonly time: number;
  /** Positions in the correlation's `rules` list this match stands for. */
  readonly refs: readonly number[];
  /** value_count: the value's text; value_sum/avg/percentile/median: the number; otherwise undefined. */
  readonly value: string | number | undefined;
  readonly contribution: Contribution;
}

interface Chain {
  readonly start: number;
  readonly contributions: readonly Contribution[];
}

/**
 * The window of one group of one correlation: its entries in time order plus running aggregates
 * (distinct values, rules seen, sums, in-order chains) so the measured value is cheap per event.
 */
export class GroupWindow {
  private entries: (WindowEntry | undefined)[] = [];
  private head = 0;
  private readonly distinct = new Map<string, number>();
  private readonly refCounts: Int32Array;
  private sum = 0;
  private numeric = 0;
  private chains: (Chain | undefined)[];
  lastTime = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly type: CorrelationType,
    private readonly refCount: number,
    readonly group: Readonly<Record<string, string | null>>,
  ) {
    this.refCounts = new Int32Array(refCount);
    this.chains = new Array<Chain | undefined>(refCount).fill(undefined);
  }

  get size(): number {
    return this.entries.length - this.head;
  }

  get firstTime(): number {
    return this.entries[this.head]?.time ?? Number.NaN;
  }

  add(entry: WindowEntry, span: number): void {
    this.entries.push(entry);
    this.lastTime = Math.max(this.lastTime, entry.time);
    for (const r of entry.refs) this.refCounts[r] = (this.refCounts[r] ?? 0) + 1;
    if (typeof entry.value === 'string') this.distinct.set(entry.value, (this.distinct.get(entry.value) ?? 0) + 1);
    if (typeof entry.value === 'number') {
      this.sum += entry.value;
      this.numeric += 1;
    }
    if (this.type === 'temporal_ordered') this.extendChains(entry, span);
  }

  /** Later positions first, so one event never fills two consecutive positions of the same chain. */
  private extendChains(entry: WindowEntry, span: number): void {
    for (const k of [...entry.refs].sort((a, b) => b - a)) {
      if (k === 0) {
        this.chains[0] = { start: entry.time, contributions: [entry.contribution] };
        continue;
      }
      const prev = this.chains[k - 1];
      if (prev === undefined || entry.time - prev.start > span) continue;
      const have = this.chains[k];
      if (have === undefined || entry.time - have.start > span || prev.start >= have.start) {
        this.chains[k] = { start: prev.start, contributions: [...prev.contributions, entry.contribution] };
      }
    }
  }

  /** Drops the oldest entry (window expiry or the per-group entry limit). */
  shift(): void {
    const e = this.entries[this.head];
    if (e === undefined) return;
    this.entries[this.head] = undefined;
    this.head += 1;
    for (const r of e.refs) this.refCounts[r] = (this.refCounts[r] ?? 1) - 1;
    if (typeof e.value === 'string') {
      const n = (this.distinct.get(e.value) ?? 1) - 1;
      if (n === 0) this.distinct.delete(e.value);
      else this.distinct.set(e.value, n);
    }
    if (typeof e.value === 'number') {
      this.sum -= e.value;
      this.numeric -= 1;
    }
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  /** Drops entries older than `cutoff` (a sliding window ending at the newest event). */
  expireBefore(cutoff: number): void {
    while (this.size > 0 && this.firstTime < cutoff) this.shift();
  }

  clear(): void {
    this.entries = [];
    this.head = 0;
    this.distinct.clear();
    this.refCounts.fill(0);
    this.sum = 0;
    this.numeric = 0;
    this.chains = new Array<Chain | undefined>(this.refCount).fill(undefined);
  }

  /** The value the correlation's condition compares, for the window as it stands at `now`. */
  measure(percentile: number, now: number, span: number): number {
    switch (this.type) {
      case 'event_count':
        return this.size;
      case 'value_count':
        return this.distinct.size;
      case 'temporal': {
        let seen = 0;
        for (const c of this.refCounts) if (c > 0) seen += 1;
        return seen;
      }
      case 'temporal_ordered': {
        for (let k = this.refCount - 1; k >= 0; k--) {
          const c = this.chains[k];
          if (c !== undefined && now - c.start <= span) return k + 1;
        }
        return 0;
      }
      case 'value_sum':
        return this.sum;
      case 'value_avg':
        return this.numeric === 0 ? Number.NaN : this.sum / this.numeric;
      case 'value_percentile':
      case 'value_median': {
        const values = this.numbers().sort((a, b) => a - b);
        if (values.length === 0) return Number.NaN;
        if (this.type === 'value_percentile') return values[Math.min(Math.floor((values.length * percentile) / 100), values.length - 1)] ?? Number.NaN;
        const mid = values.length >> 1;
        return values.length % 2 === 1 ? (values[mid] ?? Number.NaN) : ((values[mid - 1] ?? 0) + (values[mid] ?? 0)) / 2;
      }
      default: {
        const never: never = this.type;
        throw new Error(`unknown correlation type ${String(never)}`);
      }
    }
  }

  private numbers(): number[] {
    const out: number[] = [];
    for (let i = this.head; i < this.entries.length; i++) {
      const v = this.entries[i]?.value;
      if (typeof v === 'number') out.push(v);
    }
    return out;
  }

  /** The contributions behind the current value: the completing chain for temporal_ordered, else the window's entries. */
  contributions(max: number): Contribution[] {
    const chain = this.type === 'temporal_ordered' ? this.chains[this.refCount - 1] : undefined;
    const all = chain?.contributions ?? this.entries.slice(this.head).flatMap((e) => (e === undefined ? [] : [e.contribution]));
    if (all.length <= max) return [...all];
    const half = Math.ceil(max / 2);
    return [...all.slice(0, half), ...all.slice(all.length - (max - half))];
  }
}
