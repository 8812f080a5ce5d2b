import { closeSync, readSync } from 'node:fs';

/**
 * Reads a regular file front to back with synchronous reads into one reused buffer (see
 * `openRegularFile`). Each yielded chunk is valid only until the generator is resumed: the caller
 * copies what it keeps. Closes the descriptor when done, failed or stopped early.
 *
 * Why not fs.createReadStream: it allocates a fresh buffer per chunk, and on this VM the page
 * faults of fresh memory cost ~2 ms per MiB, ten times the read itself. Reused buffers stay mapped.
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
