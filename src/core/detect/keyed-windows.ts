import { WindowedDistinct } from './windowed-distinct.js';

/**
 * Sliding windows by key (source IP, user …), forgetting keys that have gone quiet so that
 * memory follows the number of active entities, not the size of the input.
 */
export class KeyedWindows<T> {
  private readonly windows = new Map<string, WindowedDistinct<T>>();
  private lastSweep = -Infinity;

  constructor(private readonly windowMs: number) {}

  /** Adds an observation for `key` and returns that key's window. */
  add(key: string, ts: number, value: string, payload: T): WindowedDistinct<T> {
    let window = this.windows.get(key);
    if (window === undefined) {
      window = new WindowedDistinct<T>(this.windowMs);
      this.windows.set(key, window);
    }
    window.add(ts, value, payload);
    this.sweep(ts);
    return window;
  }

  /** The window of `key`, brought up to `now`, if the key is known. */
  get(key: string, now: number): WindowedDistinct<T> | undefined {
    const window = this.windows.get(key);
    window?.evict(now);
    return window;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, window] of this.windows) {
      if (now - window.lastTs > this.windowMs) this.windows.delete(key);
    }
  }

  /** Keys currently held (for tests and memory accounting). */
  get size(): number {
    return this.windows.size;
  }
}
