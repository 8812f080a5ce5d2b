import { readSync } from 'node:fs';

/**
 * Up to `length` bytes from the start of an open file, read synchronously (a read may return fewer
 * bytes than asked, so it loops); fewer when the file is shorter. For the small files Vigil reads
 * whole after checking their size on the same descriptor: rules, secrets, the start of a message.
 */
export function readFully(fd: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const n = readSync(fd, buffer, filled, length - filled, filled);
    if (n === 0) break;
    filled += n;
  }
  return buffer.subarray(0, filled);
}
