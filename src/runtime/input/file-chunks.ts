import { closeSync, readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

type ReadOutcome = { readonly bytesRead: number } | { readonly error: unknown };

/**
 * Reads a regular file front to back into two buffers used in turn, keeping one read ahead.
 * Each yielded chunk is valid only until the generator is resumed: the caller copies what it keeps.
 *
 * Why not fs.createReadStream: it allocates a fresh buffer per chunk, and on this VM the page
 * faults of fresh memory cost ~2 ms per MiB, ten times the read itself. Reused buffers stay mapped.
 * Closes the handle when done, failed or stopped early.
 */
export async function* fileChunks(handle: FileHandle, chunkSize: number): AsyncGenerator<Buffer, void, undefined> {
  const buffers = [takeBuffer(chunkSize), takeBuffer(chunkSize)] as const;
  let index: 0 | 1 = 0;
  let pending: Promise<ReadOutcome> | undefined = readInto(handle, buffers[0]);
  try {
    for (;;) {
      const outcome: ReadOutcome = await pending;
      pending = undefined;
      if ('error' in outcome) throw outcome.error;
      if (outcome.bytesRead === 0) return;
      const chunk = buffers[index].subarray(0, outcome.bytesRead);
      index = index === 0 ? 1 : 0;
      // The other buffer held the previous chunk, which the caller has finished with by now.
      pending = readInto(handle, buffers[index]);
      yield chunk;
    }
  } finally {
    // Let a read ahead land before closing; its result no longer matters.
    if (pending !== undefined) await pending;
    await handle.close();
    releaseBuffer(buffers[0]);
    releaseBuffer(buffers[1]);
  }
}

/**
 * Reads a regular file front to back with synchronous reads into one reused buffer (see
 * `openRegularFile`). Each yielded chunk is valid only until the generator is resumed. Closes the
 * descriptor when done, failed or stopped early.
 */
// eslint-disable-next-line @typescript-eslint/require-await -- async only to share the AsyncGenerator contract of the other inputs
export async function* regularFileChunks(fd: number, chunkSize: number): AsyncGenerator<Buffer, void, undefined> {
  const buffer = takeBuffer(chunkSize);
  try {
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    closeSync(fd);
    releaseBuffer(buffer);
  }
}

/**
 * Read buffers of finished files, by size, for the next file: reading hundreds of small files (EVTX
 * exports, rotated logs) would otherwise fault in fresh memory for every one. Sizes are powers of
 * two (see `takeBuffer`), so few distinct sizes exist; a handful of each is kept.
 */
const spareBuffers = new Map<number, Buffer[]>();
const SPARES_PER_SIZE = 4;

function takeBuffer(minimum: number): Buffer {
  let size = 1;
  while (size < minimum) size *= 2;
  return spareBuffers.get(size)?.pop() ?? Buffer.allocUnsafeSlow(size);
}

function releaseBuffer(buffer: Buffer): void {
  const spares = spareBuffers.get(buffer.length);
  if (spares === undefined) spareBuffers.set(buffer.length, [buffer]);
  else if (spares.length < SPARES_PER_SIZE) spares.push(buffer);
}

/** One read at the current position, as a value: a rejection nobody awaits yet would crash the process. */
function readInto(handle: FileHandle, buffer: Buffer): Promise<ReadOutcome> {
  return handle.read(buffer, 0, buffer.length, null).then(
    ({ bytesRead }) => ({ bytesRead }),
    (error: unknown) => ({ error }),
  );
}
