/** Entries (4 bytes each) of a scanner's ASCII transition table: enough for the shallow states. */
const MAX_TABLE_ENTRIES = 1 << 16;

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
  /** The root's transitions on ASCII characters (0: none), so the usual character costs one read. */
  private readonly rootAscii = new Int32Array(128);
  /** ASCII character → its column in `table` (0: no literal has it, which always leads to the root). */
  private readonly asciiClass = new Uint8Array(128);
  /** `asciiClass` of the character's lower case: scanning as if the text were lower-cased. */
  private readonly foldedClass = new Uint8Array(128);
  /** Columns of `table`: one per ASCII character some literal has, after column 0. */
  private readonly width: number;
  /**
   * The transition function on ASCII for the shallowest states (row × column → state, failure links
   * resolved), so that an ASCII character read there costs one array read. Scans spend nearly all
   * their time near the root; deep states, mostly on one literal's path, take the sparse path.
   */
  private readonly table: Int32Array;
  /** A state's row in `table`, or -1. */
  private readonly rowOf: Int32Array;

  /**
   * Builds the scanner; `literals[i]` is reported as id i (the first id, for a literal given twice).
   * Empty literals are ignored. The trie is built from the literals in sorted order, so each one
   * only extends the previous one's path past their common prefix: no per-state maps, and the
   * edges of every state come out grouped and sorted with one counting sort.
   */
  constructor(literals: readonly string[]) {
    const firstId = new Map<string, number>();
    literals.forEach((lit, id) => {
      if (lit !== '' && !firstId.has(lit)) firstId.set(lit, id);
    });
    // The default sort compares UTF-16 code units, natively: the order the trie needs.
    const sorted = [...firstId.keys()].sort();
    let capacity = 1;
    for (const lit of sorted) capacity += lit.length;
    const parent = new Int32Array(capacity);
    const char = new Uint16Array(capacity);
    const output = new Int32Array(capacity).fill(-1);
    /** States along the previous literal's path: path[d] is the state after d characters. */
    const path = [0];
    let n = 1;
    let previous = '';
    for (const lit of sorted) {
      let common = 0;
      const limit = Math.min(lit.length, previous.length);
      while (common < limit && lit.charCodeAt(common) === previous.charCodeAt(common)) common++;
      path.length = common + 1;
      let s = path[common]!;
      for (let d = common; d < lit.length; d++) {
        parent[n] = s;
        char[n] = lit.charCodeAt(d);
        s = n++;
        path.push(s);
      }
      output[s] = firstId.get(lit)!;
      previous = lit;
    }
    // Group edges by parent state (stable: each state's children stay in ascending character order).
    this.edgeStart = new Int32Array(n + 1);
    for (let t = 1; t < n; t++) this.edgeStart[parent[t]! + 1]!++;
    for (let s = 0; s < n; s++) this.edgeStart[s + 1]! += this.edgeStart[s]!;
    const edges = n - 1;
    this.edgeChar = new Uint16Array(edges);
    this.edgeTarget = new Int32Array(edges);
    const fill = this.edgeStart.slice(0, n);
    for (let t = 1; t < n; t++) {
      const e = fill[parent[t]!]!++;
      this.edgeChar[e] = char[t]!;
      this.edgeTarget[e] = t;
    }
    for (let e = this.edgeStart[0]!; e < this.edgeStart[1]!; e++) if (this.edgeChar[e]! < 128) this.rootAscii[this.edgeChar[e]!] = this.edgeTarget[e]!;
    this.output = output.slice(0, n);
    this.fail = new Int32Array(n);
    this.dictLink = new Int32Array(n).fill(-1);
    // Breadth-first: a state's failure link is the longest proper suffix that is also in the trie.
    const queue = new Int32Array(n);
    let tail = 0;
    for (let e = this.edgeStart[0]!; e < this.edgeStart[1]!; e++) queue[tail++] = this.edgeTarget[e]!;
    for (let q = 0; q < tail; q++) {
      const s = queue[q]!;
      for (let e = this.edgeStart[s]!; e < this.edgeStart[s + 1]!; e++) {
        const c = this.edgeChar[e]!;
        const t = this.edgeTarget[e]!;
        let f = this.fail[s]!;
        let to = this.step(f, c);
        while (to < 0 && f !== 0) {
          f = this.fail[f]!;
          to = this.step(f, c);
        }
        this.fail[t] = to < 0 || to === t ? 0 : to;
        const ft = this.fail[t];
        this.dictLink[t] = this.output[ft]! >= 0 ? ft : this.dictLink[ft]!;
        queue[tail++] = t;
      }
    }
    let classes = 0;
    for (let e = 0; e < edges; e++) {
      const c = this.edgeChar[e]!;
      if (c < 128 && this.asciiClass[c] === 0) this.asciiClass[c] = ++classes;
    }
    this.width = classes + 1;
    for (let c = 0; c < 128; c++) this.foldedClass[c] = this.asciiClass[c >= 65 && c <= 90 ? c + 32 : c]!;
    const rows = Math.min(n, Math.max(1, Math.floor(MAX_TABLE_ENTRIES / this.width)));
    this.rowOf = new Int32Array(n).fill(-1);
    this.table = this.transitionTable(rows, queue);
  }

  /**
   * Fills the ASCII transition table for the root and the next `rows - 1` states in breadth-first
   * order. A state's failure state is shallower, so its row is already there to start from.
   */
  private transitionTable(rows: number, queue: Int32Array): Int32Array {
    const w = this.width;
    const table = new Int32Array(rows * w);
    const fillEdges = (s: number, row: number): void => {
      for (let e = this.edgeStart[s]!; e < this.edgeStart[s + 1]!; e++) {
        const c = this.edgeChar[e]!;
        if (c < 128) table[row * w + this.asciiClass[c]!] = this.edgeTarget[e]!;
      }
    };
    this.rowOf[0] = 0;
    fillEdges(0, 0);
    for (let row = 1; row < rows; row++) {
      const s = queue[row - 1]!;
      const from = this.rowOf[this.fail[s]!]!;
      this.rowOf[s] = row;
      table.copyWithin(row * w, from * w, from * w + w);
      fillEdges(s, row);
    }
    return table;
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

  /** The state after reading `c` in state `s`: one table read when `s` has a row, else the trie walk. */
  private next(s: number, c: number): number {
    if (c < 128) {
      const row = this.rowOf[s]!;
      if (row >= 0) return this.table[row * this.width + this.asciiClass[c]!]!;
    }
    return this.advance(s, c);
  }

  /** `next` for the lower case of the ASCII character `c`. */
  private nextFolded(s: number, c: number): number {
    const row = this.rowOf[s]!;
    return row >= 0 ? this.table[row * this.width + this.foldedClass[c]!]! : this.advance(s, c >= 65 && c <= 90 ? c + 32 : c);
  }

  /** The first state from `s` along the dictionary links whose literal ends here, or -1. */
  private reporting(s: number): number {
    return this.output[s]! >= 0 ? s : this.dictLink[s]!;
  }

  /** The state after reading `c` in state `s`, following failure links. */
  private advance(s: number, c: number): number {
    let state = s;
    while (state !== 0) {
      const to = this.step(state, c);
      if (to >= 0) return to;
      state = this.fail[state]!;
      // The failure chain soon reaches a shallow state, whose row has the rest of the walk resolved.
      if (c < 128) {
        const row = this.rowOf[state]!;
        if (row >= 0) return this.table[row * this.width + this.asciiClass[c]!]!;
      }
    }
    if (c < 128) return this.rootAscii[c]!;
    const to = this.step(0, c);
    return to < 0 ? 0 : to;
  }

  /** Calls `found(id)` for every literal occurring in `text` (possibly more than once per literal). */
  scan(text: string, found: (id: number) => void): void {
    const rootAscii = this.rootAscii;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // Most characters start no literal: at the root they leave it unchanged (and it has no output).
      if (s === 0 && c < 128 && rootAscii[c] === 0) continue;
      s = this.next(s, c);
      for (let o = this.reporting(s); o >= 0; o = this.dictLink[o]!) found(this.output[o]!);
    }
  }

  /** The id of the literal found first scanning `text` left to right (the one ending earliest), or -1. */
  firstMatch(text: string): number {
    const rootAscii = this.rootAscii;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (s === 0 && c < 128 && rootAscii[c] === 0) continue;
      s = this.next(s, c);
      const o = this.reporting(s);
      if (o >= 0) return this.output[o]!;
    }
    return -1;
  }

  /**
   * `firstMatch(text.toLowerCase())` without building the lower-cased copy when `text` is ASCII
   * (keyword search reads every string of every event); other texts take the exact path.
   */
  firstMatchLowerCased(text: string): number {
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) return this.firstMatch(text.toLowerCase());
      if (s === 0 && this.foldedClass[c] === 0) continue;
      s = this.nextFolded(s, c);
      const o = this.reporting(s);
      if (o >= 0) return this.output[o]!;
    }
    return -1;
  }

  /**
   * `scan(text.toLowerCase(), found)` without building the lower-cased copy when `text` is ASCII; a
   * literal may be reported more than once (as by `scan`), also when a non-ASCII character sends
   * the scan back to the start on the exact path.
   */
  scanLowerCased(text: string, found: (id: number) => void): void {
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) {
        this.scan(text.toLowerCase(), found);
        return;
      }
      if (s === 0 && this.foldedClass[c] === 0) continue;
      s = this.nextFolded(s, c);
      for (let o = this.reporting(s); o >= 0; o = this.dictLink[o]!) found(this.output[o]!);
    }
  }

  /** The ids of every literal occurring in `text`, each once, in the order first found. */
  allMatches(text: string): number[] {
    const found = new Set<number>();
    this.scan(text, (id) => found.add(id));
    return [...found];
  }
}
