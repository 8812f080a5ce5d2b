/**
 * Aho-Corasick: finds which of many literals occur in a text in one pass, whatever their number
 * (Sigma's literal prefilter, MISP `substring` warninglists with thousands of entries).
 * The trie is flattened into typed arrays (edges sorted per state), so a scan allocates nothing
 * and costs a few array reads per character.
 */
export class LiteralScanner {
  private readonly edgeStart: Int32Array;
  private readonly edgeChar: Uint16Array;
  private readonly edgeTarget: Int32Array;
  private readonly fail: Int32Array;
  /** The literal ending at a state, or -1. */
  private readonly output: Int32Array;
  /** The nearest state on the failure chain that has an output, or -1. */
  private readonly dictLink: Int32Array;

  /** Builds the scanner; `literals[i]` is reported as id i. Empty literals are ignored. */
  constructor(literals: readonly string[]) {
    const children: Map<number, number>[] = [new Map<number, number>()];
    const output: number[] = [-1];
    literals.forEach((lit, id) => {
      if (lit === '') return;
      let s = 0;
      for (let i = 0; i < lit.length; i++) {
        const c = lit.charCodeAt(i);
        let next = children[s]!.get(c);
        if (next === undefined) {
          next = children.length;
          children.push(new Map<number, number>());
          output.push(-1);
          children[s]!.set(c, next);
        }
        s = next;
      }
      if (output[s] === -1) output[s] = id;
    });
    const n = children.length;
    this.edgeStart = new Int32Array(n + 1);
    let edges = 0;
    for (let s = 0; s < n; s++) {
      this.edgeStart[s] = edges;
      edges += children[s]!.size;
    }
    this.edgeStart[n] = edges;
    this.edgeChar = new Uint16Array(edges);
    this.edgeTarget = new Int32Array(edges);
    for (let s = 0; s < n; s++) {
      let e = this.edgeStart[s]!;
      for (const [c, t] of [...children[s]!].sort((a, b) => a[0] - b[0])) {
        this.edgeChar[e] = c;
        this.edgeTarget[e] = t;
        e++;
      }
    }
    this.output = Int32Array.from(output);
    this.fail = new Int32Array(n);
    this.dictLink = new Int32Array(n).fill(-1);
    // Breadth-first: a state's failure link is the longest proper suffix that is also in the trie.
    const queue: number[] = [];
    for (const t of children[0]!.values()) queue.push(t);
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q]!;
      for (const [c, t] of children[s]!) {
        let f = this.fail[s]!;
        let to = this.step(f, c);
        while (to < 0 && f !== 0) {
          f = this.fail[f]!;
          to = this.step(f, c);
        }
        this.fail[t] = to < 0 || to === t ? 0 : to;
        const ft = this.fail[t];
        this.dictLink[t] = this.output[ft]! >= 0 ? ft : this.dictLink[ft]!;
        queue.push(t);
      }
    }
  }

  /** The state reached from `s` on character `c`, or -1 when there is no edge. */
  private step(s: number, c: number): number {
    let lo = this.edgeStart[s]!;
    let hi = this.edgeStart[s + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = this.edgeChar[mid]!;
      if (m === c) return this.edgeTarget[mid]!;
      if (m < c) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The state after reading `c` in state `s`, following failure links. */
  private advance(s: number, c: number): number {
    let state = s;
    let to = this.step(state, c);
    while (to < 0 && state !== 0) {
      state = this.fail[state]!;
      to = this.step(state, c);
    }
    return to < 0 ? 0 : to;
  }

  /** Calls `found(id)` for every literal occurring in `text` (possibly more than once per literal). */
  scan(text: string, found: (id: number) => void): void {
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      s = this.advance(s, text.charCodeAt(i));
      let o = this.output[s]! >= 0 ? s : this.dictLink[s]!;
      while (o >= 0) {
        found(this.output[o]!);
        o = this.dictLink[o]!;
      }
    }
  }

  /** The id of the literal found first scanning `text` left to right (the one ending earliest), or -1. */
  firstMatch(text: string): number {
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      s = this.advance(s, text.charCodeAt(i));
      const o = this.output[s]! >= 0 ? s : this.dictLink[s]!;
      if (o >= 0) return this.output[o]!;
    }
    return -1;
  }

  /** The ids of every literal occurring in `text`, each once, in the order first found. */
  allMatches(text: string): number[] {
    const found = new Set<number>();
    this.scan(text, (id) => found.add(id));
    return [...found];
  }
}
