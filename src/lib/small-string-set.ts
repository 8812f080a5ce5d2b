/**
 * A set of strings that usually holds one: the first value lives inline and a real Set is created
 * only for a second distinct value. Per-window statistics keep millions of these, almost all of size 1,
 * and a Set per window would dominate memory and garbage collection.
 */
export class SmallStringSet implements Iterable<string> {
  private first: string | undefined;
  private more: Set<string> | undefined;

  /** Adds a value (no effect if present). */
  add(value: string): void {
    if (this.first === undefined) {
      this.first = value;
    } else if (this.more !== undefined) {
      this.more.add(value);
    } else if (value !== this.first) {
      this.more = new Set([this.first, value]);
    }
  }

  /** Number of distinct values. */
  get size(): number {
    return this.more?.size ?? (this.first === undefined ? 0 : 1);
  }

  *[Symbol.iterator](): Iterator<string> {
    if (this.more !== undefined) yield* this.more;
    else if (this.first !== undefined) yield this.first;
  }
}
