import { VigilError } from '../../lib/errors.js';
import { decodedChunks } from './decompress.js';
import { readError } from './input-errors.js';
import { LineSplitter } from './line-splitter.js';
import { openInput } from './open-input.js';
import { emptyReadStats, type LineBatch, type LineSource, type MutableReadStats, type ReadLinesOptions } from './types.js';

/** Default limit on one line: longer lines are skipped and counted. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
/** Default read size; large chunks keep the per-chunk cost (and batch count) low. */
export const DEFAULT_HIGH_WATER_MARK = 1024 * 1024;
/** A decoded line must fit in one V8 string (about 512 Mi characters); stay well below. */
const MAX_LINE_BYTES_LIMIT = 256 * 1024 * 1024;
/** Two read buffers of this size are allocated per input. */
const MAX_HIGH_WATER_MARK = 64 * 1024 * 1024;

/**
 * Streams the lines of a log file, or of stdin for `-`, plain or gzip (detected by content),
 * in batches. Nothing is read until iteration starts; the source can be iterated once.
 *
 * Iteration rejects with a VigilError: INPUT_NOT_FOUND, INPUT_UNREADABLE (a directory, no
 * permission, a failed read) or INPUT_CORRUPT (damaged gzip), after delivering every complete line
 * before the damage; the message and `location.line` say how far it got. When `signal` aborts,
 * it rejects with the signal's reason. Breaking out of the loop closes the input.
 */
export function readLines(path: string, options: ReadLinesOptions = {}): LineSource {
  const maxLineBytes = boundedInteger(options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, MAX_LINE_BYTES_LIMIT, 'maxLineBytes');
  const highWaterMark = boundedInteger(options.highWaterMark ?? DEFAULT_HIGH_WATER_MARK, MAX_HIGH_WATER_MARK, 'highWaterMark');
  const stats = emptyReadStats();
  let started = false;
  return {
    stats,
    [Symbol.asyncIterator]() {
      // A second pass would find stdin drained; refuse instead of yielding nothing.
      if (started) throw new Error(`readLines(${path}) can be iterated only once`);
      started = true;
      return batches(path, options, maxLineBytes, highWaterMark, stats);
    },
  };
}

async function* batches(
  path: string,
  options: ReadLinesOptions,
  maxLineBytes: number,
  highWaterMark: number,
  stats: MutableReadStats,
): AsyncGenerator<LineBatch, void, undefined> {
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  const input = await openInput(path, highWaterMark, signal);
  const splitter = new LineSplitter(maxLineBytes, stats);
  const chunks = decodedChunks(input.chunks, highWaterMark, stats);
  try {
    for (;;) {
      // Also after open and between batches: data already buffered must not outrun an abort.
      signal?.throwIfAborted();
      let step: IteratorResult<Buffer, void>;
      try {
        step = await chunks.next();
      } catch (error) {
        signal?.throwIfAborted();
        throw readError(error, input.name, {
          linesSeen: splitter.linesSeen,
          linesDelivered: stats.lines,
          unfinishedBytes: splitter.unfinishedBytes,
        });
      }
      const batch = step.done === true ? splitter.finish() : splitter.push(step.value);
      onProgress?.(stats.rawBytes, input.totalBytes);
      if (batch !== undefined) yield batch;
      if (step.done === true) return;
    }
  } finally {
    // Cancelling first ends a read still waiting on a pipe or stdin, so an early exit never hangs;
    // returning the chunk generator then closes the input and releases zlib.
    input.cancel();
    await chunks.return(undefined);
  }
}

function boundedInteger(value: number, max: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new VigilError('INVALID_ARGUMENT', `${name} must be an integer from 1 to ${max}, got ${value}`);
  }
  return value;
}
