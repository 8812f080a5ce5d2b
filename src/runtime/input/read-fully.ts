import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

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

/**
 * The first `maxBytes` bytes of a file (all of it when shorter) and its size, read synchronously
 * through one descriptor, so the size is that of the file actually read. For files read one at a
 * time where a promise-based handle costs more than the read: rule files, messages. Throws the
 * `fs` error when the file cannot be opened or read.
 */
export function readFileStart(path: string, maxBytes: number): { bytes: Buffer; size: number } {
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    return { bytes: readFully(fd, Math.min(size, maxBytes)), size };
  } finally {
    closeSync(fd);
  }
}
