/**
 * A small seeded pseudo-random generator for the pure core: xoshiro128** (Blackman & Vigna, 2018)
 * seeded through SplitMix64, as its authors recommend. Deterministic for a given seed on every
 * platform (32-bit integer arithmetic only), and never touches `Math.random`, so anything built from
 * it (an Isolation Forest, a sampled baseline) replays identically.
 */

/** The operations the core needs from a source of randomness. */
export interface RandomSource {
  /** A uniform integer in [0, 2^32). */
  nextUint32(): number;
  /** A uniform float in [0, 1) with 53 random bits. */
  nextFloat(): number;
  /** A uniform integer in [0, n), without modulo bias; `n` is an integer in [1, 2^32]. */
  nextInt(n: number): number;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;
const MASK_64 = (1n << 64n) - 1n;

/** One SplitMix64 step: returns the new state and its 64-bit output. BigInt is fine here: it only runs while seeding. */
function splitMix64(state: bigint): { readonly state: bigint; readonly output: bigint } {
  const next = (state + 0x9e3779b97f4a7c15n) & MASK_64;
  let z = next;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK_64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK_64;
  return { state: next, output: z ^ (z >> 31n) };
}

/** xoshiro128**: 128 bits of state, period 2^128 − 1, passes BigCrush; fast with `Math.imul`. */
class Xoshiro128StarStar implements RandomSource {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    let state = BigInt.asUintN(64, BigInt(seed));
    const first = splitMix64(state);
    state = first.state;
    const second = splitMix64(state);
    this.s0 = Number(first.output & 0xffffffffn) >>> 0;
    this.s1 = Number(first.output >> 32n) >>> 0;
    this.s2 = Number(second.output & 0xffffffffn) >>> 0;
    this.s3 = Number(second.output >> 32n) >>> 0;
    // The all-zero state is the generator's one fixed point; SplitMix64 cannot produce it for two
    // consecutive outputs in practice, but guarding costs nothing.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  nextUint32(): number {
    const s1 = this.s1;
    const product = Math.imul(s1, 5);
    const result = Math.imul((product << 7) | (product >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  nextFloat(): number {
    // 27 + 26 high bits of two outputs: every double k / 2^53 is equally likely.
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / TWO_POW_53;
  }

  nextInt(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) {
      throw new RangeError(`nextInt: n must be an integer in [1, 2^32], got ${n}`);
    }
    // Rejection keeps the result unbiased: accept only draws below the largest multiple of n.
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }
}

/**
 * Creates a deterministic generator from a seed (any safe integer; negative seeds are taken modulo 2^64).
 * Different seeds give unrelated streams.
 */
export function createRandom(seed: number): RandomSource {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`createRandom: seed must be a safe integer, got ${seed}`);
  return new Xoshiro128StarStar(seed);
}

/**
 * Draws `k` distinct integers from [0, n), each k-subset equally likely.
 * Dense draws (k ≥ n/4) use a partial Fisher–Yates shuffle, whose output order is also uniformly random;
 * sparse draws use Floyd's algorithm with an open-addressing hash set, O(k) time and memory whatever n is,
 * and their order is *not* a random permutation (sort or shuffle if order matters).
 * Writes into `out` when given (its length must be at least k) and returns the filled prefix.
 */
export function sampleDistinct(random: RandomSource, n: number, k: number, out?: Int32Array): Int32Array {
  if (!Number.isInteger(n) || !Number.isInteger(k) || k < 0 || k > n || n > 0x7fffffff) {
    throw new RangeError(`sampleDistinct: need integers 0 <= k <= n < 2^31, got n=${n}, k=${k}`);
  }
  const result = out === undefined ? new Int32Array(k) : out.subarray(0, k);
  if (result.length < k) throw new RangeError(`sampleDistinct: out has length ${out?.length ?? 0} < k=${k}`);
  if (k === 0) return result;
  if (k * 4 >= n) {
    const pool = new Int32Array(n);
    for (let i = 0; i < n; i++) pool[i] = i;
    for (let i = 0; i < k; i++) {
      const j = i + random.nextInt(n - i);
      const picked = pool[j]!;
      pool[j] = pool[i]!;
      result[i] = picked;
    }
    return result;
  }
  // Floyd: for j = n-k … n-1 draw t in [0, j]; take t unless already taken, else take j (never taken yet,
  // since every earlier value is < j).
  let bits = 4;
  while (1 << bits < 2 * k) bits++;
  const table = new Int32Array(1 << bits).fill(-1);
  const shift = 32 - bits;
  let count = 0;
  for (let j = n - k; j < n; j++) {
    const t = random.nextInt(j + 1);
    const value = insertIfAbsent(table, shift, t) ? t : j;
    if (value === j) insertIfAbsent(table, shift, j);
    result[count++] = value;
  }
  return result;
}

/**
 * Linear-probing set of non-negative int32 values (-1 = empty) of size 2^(32 − shift); returns false when
 * `value` was present. Fibonacci hashing takes the product's high bits, which depend on every input bit.
 */
function insertIfAbsent(table: Int32Array, shift: number, value: number): boolean {
  const mask = table.length - 1;
  let slot = Math.imul(value, 0x9e3779b1) >>> shift;
  for (;;) {
    const held = table[slot]!;
    if (held === value) return false;
    if (held === -1) {
      table[slot] = value;
      return true;
    }
    slot = (slot + 1) & mask;
  }
}
