/**
 * A hash table of strings that is queried with a *span* of another string (`text[start, end)`),
 * so that the hot paths (every parent domain of a name, the host inside a URL) look values up
 * without slicing, joining or lower-casing a new string per lookup. The hash is FNV-1a over the
 * characters from the last to the first, so a caller walking a name from its end has the hash of
 * every suffix on the way for free (see `mixChar`). Entries keep an id; equal values may repeat
 * (one entry per id). Lookups compare the candidates' text, so a hash collision never matches.
 */
export class SpanTable {
  private readonly heads: Int32Array;
  private readonly next: Int32Array;
  private readonly hashes: Int32Array;
  private readonly ids: Int32Array;
  private readonly values: string[];
  private readonly mask: number;

  /** Builds the table from values and ids (same length). */
  constructor(values: readonly string[], ids: ArrayLike<number>) {
    const n = values.length;
    let size = 16;
    while (size < n * 2) size *= 2;
    this.mask = size - 1;
    this.heads = new Int32Array(size);
    this.next = new Int32Array(n);
    this.hashes = new Int32Array(n);
    this.ids = new Int32Array(n);
    this.values = [...values];
    for (let e = 0; e < n; e++) {
      const v = values[e]!;
      const h = hashSpan(v, 0, v.length);
      this.hashes[e] = h;
      this.ids[e] = ids[e]!;
      const b = h & this.mask;
      this.next[e] = this.heads[b]!;
      this.heads[b] = e + 1;
    }
  }

  /** Number of entries. */
  get size(): number {
    return this.values.length;
  }

  /** First entry whose hash is `hash` (-1 when none); continue with `nextWithHash`. */
  firstWithHash(hash: number): number {
    return this.scan(this.heads[hash & this.mask]! - 1, hash);
  }

  /** Next entry after `entry` with the same hash, or -1. */
  nextWithHash(entry: number, hash: number): number {
    return this.scan(this.next[entry]! - 1, hash);
  }

  /** True when entry `e`'s value equals `text[start, end)` exactly. */
  equalsSpan(e: number, text: string, start: number, end: number): boolean {
    const v = this.values[e]!;
    return v.length === end - start && text.startsWith(v, start);
  }

  /** True when entry `e`'s value equals `text[start, end)` with ASCII upper case read as lower case. */
  equalsSpanLower(e: number, text: string, start: number, end: number): boolean {
    const v = this.values[e]!;
    if (v.length !== end - start) return false;
    for (let i = 0; i < v.length; i++) if (v.charCodeAt(i) !== lowerAscii(text.charCodeAt(start + i))) return false;
    return true;
  }

  /** The id of entry `e`. */
  idOf(e: number): number {
    return this.ids[e]!;
  }

  /** The value of entry `e`. */
  valueOf(e: number): string {
    return this.values[e]!;
  }

  private scan(e: number, hash: number): number {
    while (e >= 0 && this.hashes[e] !== hash) e = this.next[e]! - 1;
    return e;
  }
}

/** The FNV-1a offset basis: the hash of the empty span. */
export const SPAN_HASH_START = 0x811c9dc5 | 0;

/** Mixes one more character into a span hash; characters are mixed from the last to the first. */
export function mixChar(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

/** The hash of `text[start, end)` (characters mixed from the last to the first). */
export function hashSpan(text: string, start: number, end: number): number {
  let h = SPAN_HASH_START;
  for (let i = end - 1; i >= start; i--) h = mixChar(h, text.charCodeAt(i));
  return h;
}

/** ASCII upper case to lower case; other characters unchanged. */
export function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}
