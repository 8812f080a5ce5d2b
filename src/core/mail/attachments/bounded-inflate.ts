import { Inflate } from 'fflate';

export interface InflateOutcome {
  readonly bytes: Uint8Array;
  /** Output stopped at `limit`: the real content is larger. */
  readonly truncated: boolean;
  /** Compressed bytes consumed when output stopped (all of them unless truncated). */
  readonly consumed: number;
  readonly error: string | undefined;
  /** Output stopped early because the expansion ratio gave the data away as a bomb. */
  readonly bomb: boolean;
}

/** Stop early when, past `after` bytes of output, output exceeds input by more than `ratio`. */
export interface BombGuard {
  readonly ratio: number;
  readonly after: number;
}

/** Input is fed in slices this small so that one slice can inflate to at most about 1 MB. */
const INPUT_SLICE = 1024;

/**
 * Inflates raw DEFLATE data, keeping at most `limit` bytes of output: the budget is enforced on
 * what actually comes out, never on sizes the file declares.
 */
export function inflateBounded(compressed: Uint8Array, limit: number, guard?: BombGuard): InflateOutcome {
  const chunks: Uint8Array[] = [];
  // State lives in an object because the inflater's callback updates it between pushes.
  const state = { produced: 0, truncated: false };
  const inflater = new Inflate((chunk) => {
    if (state.truncated) return;
    const room = limit - state.produced;
    if (chunk.length > room) {
      chunks.push(chunk.slice(0, room));
      state.produced = limit;
      state.truncated = true;
      return;
    }
    chunks.push(chunk.slice());
    state.produced += chunk.length;
  });
  let consumed = 0;
  let error: string | undefined;
  let bomb = false;
  try {
    while (consumed < compressed.length && !state.truncated) {
      const end = Math.min(compressed.length, consumed + INPUT_SLICE);
      inflater.push(compressed.subarray(consumed, end), end === compressed.length);
      consumed = end;
      if (guard !== undefined && state.produced > guard.after && state.produced > consumed * guard.ratio) {
        bomb = true;
        state.truncated = true;
      }
    }
    if (compressed.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (cause) {
    error = cause instanceof Error ? cause.message : 'invalid deflate data';
  }
  const bytes = new Uint8Array(state.produced);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { bytes, truncated: state.truncated, consumed, error, bomb };
}
