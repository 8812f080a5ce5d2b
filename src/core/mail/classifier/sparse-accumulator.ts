/**
 * Sums values into dimensions without a Map: a dense scratch array plus the list of touched
 * dimensions, reset after each use. One per dimension count, reused (calls are synchronous, so
 * no two extractions ever share it at the same time).
 */
export class SparseAccumulator {
  private readonly sums: Float64Array;
  private readonly marked: Uint8Array;
  private touched: number[] = [];

  constructor(dimensions: number) {
    this.sums = new Float64Array(dimensions);
    this.marked = new Uint8Array(dimensions);
  }

  add(dimension: number, value: number): void {
    if (this.marked[dimension] === 0) {
      this.marked[dimension] = 1;
      this.touched.push(dimension);
    }
    this.sums[dimension] = this.sums[dimension]! + value;
  }

  /** The accumulated vector (ascending dimensions), leaving the accumulator empty. */
  take(): { indices: Int32Array; values: Float64Array } {
    const indices = Int32Array.from(this.touched).sort();
    const values = new Float64Array(indices.length);
    for (let n = 0; n < indices.length; n++) {
      const d = indices[n]!;
      values[n] = this.sums[d]!;
      this.sums[d] = 0;
      this.marked[d] = 0;
    }
    this.touched = [];
    return { indices, values };
  }
}

const accumulators = new Map<number, SparseAccumulator>();

/** The shared accumulator for vectors of `dimensions` dimensions. */
export function accumulatorFor(dimensions: number): SparseAccumulator {
  let accumulator = accumulators.get(dimensions);
  if (accumulator === undefined) {
    accumulator = new SparseAccumulator(dimensions);
    accumulators.set(dimensions, accumulator);
  }
  return accumulator;
}
