/**
 * How many characters of keys all the memos sharing a budget may hold together. When they would
 * hold more, every memo of the budget forgets everything (each at its next use), so memory stays
 * bounded whatever the input: a hostile stream of distinct values only makes the memos useless.
 */
export class MemoBudget {
  /** Bumped each time the memos must forget: a memo that saw an older generation clears itself. */
  generation = 0;
  private chars = 0;

  constructor(readonly maxChars: number) {}

  /** Counts `n` more characters of keys; false when they do not fit (and a new generation has begun). */
  take(n: number): boolean {
    if (this.chars + n <= this.maxChars) {
      this.chars += n;
      return true;
    }
    this.chars = 0;
    this.generation++;
    return false;
  }
}

/** Four million characters: about 8 to 16 MB of keys, shared by the memos of a process by default. */
const SHARED_BUDGET = new MemoBudget(4_000_000);

/**
 * Remembers the result of a pure function of a string for strings of `minLength` to `maxLength`
 * characters (outside that range, `get` always misses and `set` keeps nothing). Logs repeat their
 * values: about three quarters of the string characters of EVTX-ATTACK-SAMPLES repeat an earlier
 * value, and looking a string up costs a hash, far less than scanning it again.
 */
export class StringMemo<V> {
  private readonly map = new Map<string, V>();
  private generation: number;

  constructor(
    private readonly minLength: number,
    private readonly maxLength: number,
    private readonly budget: MemoBudget = SHARED_BUDGET,
  ) {
    this.generation = budget.generation;
  }

  get(key: string): V | undefined {
    if (key.length < this.minLength || key.length > this.maxLength) return undefined;
    if (this.generation !== this.budget.generation) {
      this.map.clear();
      this.generation = this.budget.generation;
      return undefined;
    }
    return this.map.get(key);
  }

  set(key: string, value: V): void {
    if (key.length < this.minLength || key.length > this.maxLength) return;
    if (!this.budget.take(key.length)) return;
    if (this.generation !== this.budget.generation) {
      this.map.clear();
      this.generation = this.budget.generation;
    }
    this.map.set(key, value);
  }

  /** How many results are remembered now. */
  get size(): number {
    return this.generation === this.budget.generation ? this.map.size : 0;
  }
}
