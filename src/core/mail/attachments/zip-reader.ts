/**
 * A ZIP reader that trusts nothing: it reads the central directory (what unzip tools and Windows
 * Explorer show), checks every offset against the real file, and inflates through a byte budget.
 */
import { inflateBounded } from './bounded-inflate.js';

export interface ZipEntry {
  readonly name: string;
  readonly encrypted: boolean;
  readonly method: number;
  readonly compressedSize: number;
  /** The size the archive claims; never used to allocate. */
  readonly declaredSize: number;
  readonly isDirectory: boolean;
  /** Offset of the local header. */
  readonly localOffset: number;
}

export type ZipListing =
  | { readonly ok: true; readonly entries: readonly ZipEntry[]; readonly truncated: boolean }
  | { readonly ok: false; readonly problem: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const UTF8 = new TextDecoder('utf-8');
const LATIN1 = new TextDecoder('latin1');

function findEndOfCentralDirectory(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let i = view.byteLength - 22; i >= lowest; i -= 1) {
    if (view.getUint32(i, true) === EOCD) return i;
  }
  return -1;
}

/** Lists at most `maxEntries` entries from the central directory. */
export function listZip(bytes: Uint8Array, maxEntries: number): ZipListing {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 22) return { ok: false, problem: 'too short for a ZIP archive' };
  const eocd = findEndOfCentralDirectory(view);
  if (eocd < 0) return { ok: false, problem: 'no end-of-central-directory record' };
  const count = view.getUint16(eocd + 10, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  if (directoryOffset === 0xffffffff || count === 0xffff) return { ok: false, problem: 'ZIP64 archive (not inspected)' };
  if (directoryOffset > bytes.length) return { ok: false, problem: 'central directory offset beyond the file' };
  const entries: ZipEntry[] = [];
  let position = directoryOffset;
  for (let i = 0; i < count; i += 1) {
    if (entries.length >= maxEntries) return { ok: true, entries, truncated: true };
    if (position + 46 > bytes.length || view.getUint32(position, true) !== CENTRAL) {
      return entries.length > 0 ? { ok: true, entries, truncated: true } : { ok: false, problem: 'corrupt central directory' };
    }
    const flags = view.getUint16(position + 8, true);
    const method = view.getUint16(position + 10, true);
    const compressedSize = view.getUint32(position + 20, true);
    const declaredSize = view.getUint32(position + 24, true);
    const nameLength = view.getUint16(position + 28, true);
    const extraLength = view.getUint16(position + 30, true);
    const commentLength = view.getUint16(position + 32, true);
    const localOffset = view.getUint32(position + 42, true);
    const nameBytes = bytes.subarray(position + 46, Math.min(bytes.length, position + 46 + nameLength));
    const name = (flags & 0x0800) !== 0 ? UTF8.decode(nameBytes) : LATIN1.decode(nameBytes);
    entries.push({
      name,
      encrypted: (flags & 0x0001) !== 0,
      method,
      compressedSize,
      declaredSize,
      isDirectory: name.endsWith('/') || name.endsWith('\\'),
      localOffset,
    });
    position += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, entries, truncated: false };
}

/**
 * Past 1 MB of output, an expansion above 200:1 is a bomb: real documents and programs compress
 * far less, while a bomb's first megabytes already show its ratio. Stopping there keeps a bomb cheap.
 */
const BOMB_GUARD = { ratio: 200, after: 1024 * 1024 } as const;

export type ZipExtract =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly truncated: boolean; readonly compressedRead: number; readonly bomb: boolean }
  | { readonly ok: false; readonly problem: string };

/** Extracts one entry, producing at most `limit` bytes. */
export function extractZipEntry(bytes: Uint8Array, entry: ZipEntry, limit: number): ZipExtract {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = entry.localOffset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL) return { ok: false, problem: 'local header missing' };
  const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  if (dataStart > bytes.length) return { ok: false, problem: 'entry data beyond the file' };
  const data = bytes.subarray(dataStart, Math.min(bytes.length, dataStart + entry.compressedSize));
  if (entry.method === 0) {
    const truncated = data.length > limit;
    return { ok: true, bytes: data.subarray(0, Math.min(limit, data.length)), truncated, compressedRead: Math.min(limit, data.length), bomb: false };
  }
  if (entry.method !== 8) return { ok: false, problem: `compression method ${entry.method} not supported` };
  const inflated = inflateBounded(data, limit, BOMB_GUARD);
  if (inflated.error !== undefined && inflated.bytes.length === 0) return { ok: false, problem: `invalid deflate data (${inflated.error})` };
  return { ok: true, bytes: inflated.bytes, truncated: inflated.truncated, compressedRead: inflated.consumed, bomb: inflated.bomb };
}
