/**
 * Helpers for this folder's tests: temporary files and collecting a source into plain rows.
 * Not used by the reader itself.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LineBatch, LineSource } from './types.js';

/** One delivered line, unpacked from its batch. */
export interface CollectedLine {
  readonly text: string;
  readonly lineNumber: number;
  readonly offset: number;
  readonly flags: number;
}

/** Unpacks one batch into rows. */
export function unpackBatch(batch: LineBatch): CollectedLine[] {
  const rows: CollectedLine[] = [];
  for (let i = 0; i < batch.count; i++) {
    rows.push({ text: batch.line(i), lineNumber: batch.lineNumber[i]!, offset: batch.offset[i]!, flags: batch.flags[i]! });
  }
  return rows;
}

/** Reads a whole source into rows, keeping the batch count. */
export async function collectLines(source: LineSource): Promise<{ rows: CollectedLine[]; batches: number }> {
  const rows: CollectedLine[] = [];
  let batches = 0;
  for await (const batch of source) {
    batches++;
    rows.push(...unpackBatch(batch));
  }
  return { rows, batches };
}

/** Runs `body` with a fresh temporary folder, removed afterwards whatever happens. */
export async function withTempDir<T>(body: (dir: string, file: (name: string, content: Uint8Array | string) => Promise<string>) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-input-'));
  const file = async (name: string, content: Uint8Array | string): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, content);
    return path;
  };
  try {
    return await body(dir, file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The lines of `text` as the reader should deliver them: split on LF, trailing CR removed, no empty tail. */
export function expectedLines(bytes: Buffer): { text: string; offset: number }[] {
  const lines: { text: string; offset: number }[] = [];
  let start = 0;
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const stop = newline === -1 ? bytes.length : newline;
    const end = stop > start && bytes[stop - 1] === 0x0d ? stop - 1 : stop;
    lines.push({ text: bytes.toString('utf8', start, end), offset: start });
    start = stop + 1;
  }
  return lines;
}

/** Open file descriptors of this process (Linux), to prove that every path closes its input. */
export async function openFdCount(): Promise<number> {
  return (await readdir('/proc/self/fd')).length;
}
