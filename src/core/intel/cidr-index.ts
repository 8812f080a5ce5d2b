import type { Cidr, Ipv6Words } from '../../lib/ip.js';

/** One block to index and the number it stands for (an indicator or list index). */
export interface CidrEntry {
  readonly cidr: Cidr;
  readonly id: number;
}

/**
 * Every block containing an address, in O(log n + depth). CIDR blocks never partially overlap: two
 * blocks are disjoint or one contains the other. So, with the blocks sorted by first address (larger
 * block first on a tie), the blocks containing an address are the last block starting at or before it
 * and that block's enclosing blocks, when they reach the address. The index keeps the sorted starts
 * and ends in typed arrays, an enclosing-block pointer per block and the ids of each block (several
 * entries may share one block). Single addresses are blocks of /32 or /128.
 */
export class CidrIndex {
  private readonly v4: Family;
  private readonly v6: Family;

  private constructor(v4: Family, v6: Family) {
    this.v4 = v4;
    this.v6 = v6;
  }

  /** Builds the index (the entries are not kept). */
  static build(entries: Iterable<CidrEntry>): CidrIndex {
    const v4: CidrEntry[] = [];
    const v6: CidrEntry[] = [];
    for (const e of entries) (e.cidr.family === 4 ? v4 : v6).push(e);
    return new CidrIndex(buildFamily(v4, 1), buildFamily(v6, 4));
  }

  /** Number of distinct blocks. */
  get blockCount(): number {
    return this.v4.prefix.length + this.v6.prefix.length;
  }

  /**
   * Pushes the ids of every IPv4 block containing `ip` to `out`, innermost block first, and the prefix
   * length of each id's block to `prefixes` when given. Returns how many ids were pushed.
   */
  collectV4(ip: number, out: number[], prefixes?: number[]): number {
    return pushChain(this.v4, this.innermostV4(ip), out, prefixes);
  }

  /** Like `collectV4`, for an IPv6 address. */
  collectV6(ip: Ipv6Words, out: number[], prefixes?: number[]): number {
    return pushChain(this.v6, this.innermostV6(ip), out, prefixes);
  }

  /**
   * Allocation-free walk for hot paths: the innermost IPv4 block containing `ip` (-1 when none). Its
   * enclosing blocks follow with `parentV4`; the ids of block b are `idV4(x)` for x in
   * [`idStartV4(b)`, `idStartV4(b + 1)`).
   */
  innermostV4(ip: number): number {
    const f = this.v4;
    const meta = f.meta!;
    let j = lastStartAtOrBeforeV4(f, ip);
    while (j !== -1 && meta[j * 4]! < ip) j = meta[j * 4 + 1]! - 1;
    return j;
  }

  /** Enclosing IPv4 block of block `b`, or -1. */
  parentV4(b: number): number {
    return this.v4.meta![b * 4 + 1]! - 1;
  }

  /** First id slot of IPv4 block `b`. */
  idStartV4(b: number): number {
    return this.v4.meta![b * 4 + 2]!;
  }

  /** End (exclusive) of the id slots of IPv4 block `b`. */
  idEndV4(b: number): number {
    return this.v4.meta![b * 4 + 3]!;
  }

  /** The id in IPv4 slot `x`. */
  idV4(x: number): number {
    return this.v4.ids[x]!;
  }

  /** Like `innermostV4`, for IPv6 (then `parentV6`, `idStartV6`, `idV6`). */
  innermostV6(ip: Ipv6Words): number {
    const f = this.v6;
    let j = lastStartAtOrBeforeV6(f, ip);
    while (j !== -1 && cmpWords(f.ends, j, ip) < 0) j = f.parent[j]!;
    return j;
  }

  /** Enclosing IPv6 block of block `b`, or -1. */
  parentV6(b: number): number {
    return this.v6.parent[b]!;
  }

  /** First id slot of IPv6 block `b`. */
  idStartV6(b: number): number {
    return this.v6.idStart[b]!;
  }

  /** The id in IPv6 slot `x`. */
  idV6(x: number): number {
    return this.v6.ids[x]!;
  }

  /**
   * Pushes the ids of every block containing the whole of `cidr` (its first address, with a prefix
   * no longer than `cidr`'s), innermost first.
   */
  collectContaining(cidr: Cidr, out: number[]): number {
    const ids: number[] = [];
    const prefixes: number[] = [];
    if (cidr.family === 4) this.collectV4(cidr.network, ids, prefixes);
    else this.collectV6(cidr.network, ids, prefixes);
    let count = 0;
    for (let i = 0; i < ids.length; i++) {
      if (prefixes[i]! <= cidr.prefix) {
        out.push(ids[i]!);
        count++;
      }
    }
    return count;
  }
}

interface Family {
  /** First address of each block: one word per block (IPv4) or four (IPv6). */
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  readonly prefix: Uint8Array;
  /** Index of the smallest enclosing block, or -1. */
  readonly parent: Int32Array;
  /** Ids of block i are ids[idStart[i] .. idStart[i+1]). */
  readonly idStart: Int32Array;
  readonly ids: Int32Array;
  /** IPv4 only: index of the first block starting in each /16 (65,537 entries, the last = block count). */
  readonly bucketStart?: Int32Array;
  /**
   * IPv4 only: per block [end, parent + 1, first id slot, end id slot] side by side, so the hot path
   * reads one cache line per block instead of one per array.
   */
  readonly meta?: Uint32Array;
}

function pushChain(f: Family, first: number, out: number[], prefixes: number[] | undefined): number {
  let count = 0;
  for (let j = first; j !== -1; j = f.parent[j]!) {
    for (let x = f.idStart[j]!; x < f.idStart[j + 1]!; x++) {
      out.push(f.ids[x]!);
      if (prefixes !== undefined) prefixes.push(f.prefix[j]!);
      count++;
    }
  }
  return count;
}

function lastStartAtOrBeforeV4(f: Family, ip: number): number {
  // The /16 table narrows the search to the blocks starting in ip's /16: a few cache lines instead
  // of a binary search over megabytes. When none of them starts at or before ip, the answer is the
  // last block starting before this /16.
  const bucket = ip >>> 16;
  const table = f.bucketStart!;
  let lo = table[bucket]!;
  let hi = table[bucket + 1]! - 1;
  let found = lo - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (f.starts[mid]! <= ip) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function lastStartAtOrBeforeV6(f: Family, ip: Ipv6Words): number {
  let lo = 0;
  let hi = f.prefix.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (cmpWords(f.starts, mid, ip) <= 0) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function cmpWords(arr: Uint32Array, block: number, w: Ipv6Words): number {
  const b = block * 4;
  for (let i = 0; i < 4; i++) {
    const d = arr[b + i]! - w[i]!;
    if (d !== 0) return d;
  }
  return 0;
}

function buildFamily(entries: CidrEntry[], words: 1 | 4): Family {
  const n = entries.length;
  const start = new Uint32Array(n * words);
  const end = new Uint32Array(n * words);
  const pre = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = entries[i]!.cidr;
    pre[i] = c.prefix;
    if (c.family === 4) {
      start[i] = c.network;
      // `>>> 32` shifts by 0 in JavaScript: /0 and /32 are written out.
      end[i] = c.prefix === 0 ? 0xffffffff : c.prefix === 32 ? c.network : (c.network | (0xffffffff >>> c.prefix)) >>> 0;
    } else {
      for (let k = 0; k < 4; k++) {
        const bits = Math.max(0, Math.min(32, c.prefix - k * 32));
        start[i * 4 + k] = c.network[k]!;
        end[i * 4 + k] = bits === 32 ? c.network[k]! : (c.network[k]! | (0xffffffff >>> bits)) >>> 0;
      }
    }
  }
  const cmpStart = (a: number, b: number): number => {
    for (let k = 0; k < words; k++) {
      const d = start[a * words + k]! - start[b * words + k]!;
      if (d !== 0) return d;
    }
    return pre[a]! - pre[b]!;
  };
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort(cmpStart);

  // Group entries of the same block.
  const blockOf: number[] = [];
  let blocks = 0;
  for (let r = 0; r < n; r++) {
    if (r > 0 && cmpStart(order[r - 1]!, order[r]!) === 0) blockOf.push(blocks - 1);
    else blockOf.push(blocks++);
  }
  const starts = new Uint32Array(blocks * words);
  const ends = new Uint32Array(blocks * words);
  const prefix = new Uint8Array(blocks);
  const parent = new Int32Array(blocks);
  const idStart = new Int32Array(blocks + 1);
  const ids = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const i = order[r]!;
    const b = blockOf[r]!;
    for (let k = 0; k < words; k++) {
      starts[b * words + k] = start[i * words + k]!;
      ends[b * words + k] = end[i * words + k]!;
    }
    prefix[b] = pre[i]!;
    ids[r] = entries[i]!.id;
    idStart[b + 1] = r + 1;
  }
  // Enclosing block of each block: a stack of open blocks, sorted order guarantees nesting.
  const stack: number[] = [];
  const endsBefore = (a: number, b: number): boolean => {
    for (let k = 0; k < words; k++) {
      const x = ends[a * words + k]!;
      const y = starts[b * words + k]!;
      if (x !== y) return x < y;
    }
    return false;
  };
  for (let b = 0; b < blocks; b++) {
    while (stack.length > 0 && endsBefore(stack[stack.length - 1]!, b)) stack.pop();
    parent[b] = stack.length > 0 ? stack[stack.length - 1]! : -1;
    stack.push(b);
  }
  if (words === 4) return { starts, ends, prefix, parent, idStart, ids };
  const bucketStart = new Int32Array(65537);
  let b = 0;
  for (let bucket = 0; bucket <= 65536; bucket++) {
    while (b < blocks && starts[b]! >>> 16 < bucket) b++;
    bucketStart[bucket] = b;
  }
  const meta = new Uint32Array(blocks * 4);
  for (let k = 0; k < blocks; k++) {
    meta[k * 4] = ends[k]!;
    meta[k * 4 + 1] = parent[k]! + 1;
    meta[k * 4 + 2] = idStart[k]!;
    meta[k * 4 + 3] = idStart[k + 1]!;
  }
  return { starts, ends, prefix, parent, idStart, ids, bucketStart, meta };
}
