/**
 * Finds the files embedded in a OneNote section (.one): each sits in a FileDataStoreObject
 * (MS-ONESTORE 2.6.13) between a fixed header GUID and a footer GUID, with its length in front.
 */
const HEADER_GUID = [0xe7, 0x16, 0xe3, 0xbd, 0x65, 0x26, 0x11, 0x45, 0xa4, 0xc4, 0x8d, 0x4d, 0x0b, 0x7a, 0x9e, 0xac] as const;

export interface EmbeddedBlob {
  readonly offset: number;
  readonly bytes: Uint8Array;
  /** The declared length ran past the end of the file (only the available part is returned). */
  readonly truncated: boolean;
}

function headerAt(bytes: Uint8Array, position: number): boolean {
  for (let i = 0; i < HEADER_GUID.length; i += 1) {
    if (bytes[position + i] !== HEADER_GUID[i]) return false;
  }
  return true;
}

/** Lists at most `maxBlobs` embedded files, each cut to `maxBytes`. Slices, never copies. */
export function embeddedOneNoteFiles(bytes: Uint8Array, maxBlobs: number, maxBytes: number): readonly EmbeddedBlob[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const blobs: EmbeddedBlob[] = [];
  const first = HEADER_GUID[0];
  for (let position = bytes.indexOf(first); position >= 0 && position + 36 <= bytes.length && blobs.length < maxBlobs; position = bytes.indexOf(first, position + 1)) {
    if (!headerAt(bytes, position)) continue;
    // cbLength is a 64-bit count; anything past 2^53 is nonsense and is cut to the file anyway.
    const declared = view.getUint32(position + 16, true) + view.getUint32(position + 20, true) * 0x100000000;
    const start = position + 36;
    const available = bytes.length - start;
    const length = Math.min(declared, available, maxBytes);
    blobs.push({ offset: start, bytes: bytes.subarray(start, start + length), truncated: declared > available });
    position = start + length - 1;
  }
  return blobs;
}
