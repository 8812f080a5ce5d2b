/**
 * How many characters of keys the memos sharing a budget may hold together. When one more key would
 * not fit, every memo of the budget forgets everything, so memory stays bounded whatever the input:
 * a hostile stream of distinct values only makes the memos useless, never large.
 */
export class MemoBudget {
  private chars = 0;
  private readonly memos: { clear(): void }[] = [];

  constructor(readonly maxChars: number) {}

  /** Puts a memo under this budget (for as long as the budget lives). */
  register(memo: { clear(): void }): void {
    this.memos.push(memo);
  }

  /** Counts `n` more characters of keys; when they do not fit, clears every memo and returns false. */
  take(n: number): boolean {
    if (this.chars + n <= this.maxChars) {
      this.chars += n;
      return true;
    }
    for (const memo of this.memos) memo.clear();
    this.chars = 0;
    return false;
  }
}

/**
 * Remembers the result of a pure function of a string for strings of `minLength` to `maxLength`
 * characters (outside that range, `get` always misses and `set` keeps nothing). Logs repeat their
 * values: about three quarters of the string characters of EVTX-ATTACK-SAMPLES repeat an earlier
 * value, and looking a string up costs a hash, less than scanning it again.
 */
export class StringMemo<V> {
  private readonly map = new Map<string, V>();

  constructor(
    private readonly minLength: number,
    private readonly maxLength: number,
    private readonly budget: MemoBudget,
  ) {
    budget.register(this);
  }

  get(key: string): V | undefined {
    return key.length < this.minLength || key.length > this.maxLength ? undefined : this.map.get(key);
  }

  set(key: string, value: V): void {
    if (key.length < this.minLength || key.length > this.maxLength) return;
    if (this.budget.take(key.length)) this.map.set(key, value);
  }

  clear(): void {
    this.map.clear();
  }

  /** How many results are remembered now. */
  get size(): number {
    return this.map.size;
  }
}
