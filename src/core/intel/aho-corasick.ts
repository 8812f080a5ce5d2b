/**
 * Aho–Corasick automaton: every pattern occurring in a text, in one pass over the text whatever the
 * number of patterns (MISP `substring` warninglists hold thousands of entries).
 */
export class AhoCorasick {
  private readonly next: Map<number, number>[] = [new Map<number, number>()];
  private readonly fail: number[] = [0];
  /** Pattern index ending at each node, or -1. */
  private readonly out: number[] = [-1];
  /** Nearest node on the fail chain with an output, or -1. */
  private readonly dict: number[] = [-1];

  constructor(patterns: readonly string[]) {
    patterns.forEach((p, index) => {
      if (p.length === 0) return;
      let node = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let child = this.next[node]!.get(c);
        if (child === undefined) {
          child = this.next.length;
          this.next.push(new Map<number, number>());
          this.fail.push(0);
          this.out.push(-1);
          this.dict.push(-1);
          this.next[node]!.set(c, child);
        }
        node = child;
      }
      if (this.out[node] === -1) this.out[node] = index;
    });
    const queue: number[] = [];
    for (const child of this.next[0]!.values()) queue.push(child);
    for (let q = 0; q < queue.length; q++) {
      const u = queue[q]!;
      for (const [c, v] of this.next[u]!) {
        let f = this.fail[u]!;
        while (f !== 0 && !this.next[f]!.has(c)) f = this.fail[f]!;
        const target = this.next[f]!.get(c);
        this.fail[v] = target !== undefined && target !== v ? target : 0;
        const fv = this.fail[v];
        this.dict[v] = this.out[fv] !== -1 ? fv : this.dict[fv]!;
        queue.push(v);
      }
    }
  }

  /** Index of a pattern occurring in `text` (the first found scanning left to right), or -1. */
  firstMatch(text: string): number {
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      while (state !== 0 && !this.next[state]!.has(c)) state = this.fail[state]!;
      state = this.next[state]!.get(c) ?? 0;
      if (this.out[state] !== -1) return this.out[state]!;
      const d = this.dict[state]!;
      if (d !== -1) return this.out[d]!;
    }
    return -1;
  }

  /** Indexes of every pattern occurring in `text`, each once. */
  allMatches(text: string): number[] {
    const found = new Set<number>();
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      while (state !== 0 && !this.next[state]!.has(c)) state = this.fail[state]!;
      state = this.next[state]!.get(c) ?? 0;
      for (let n = this.out[state] !== -1 ? state : this.dict[state]!; n !== -1; n = this.dict[n]!) found.add(this.out[n]!);
    }
    return [...found];
  }
}
