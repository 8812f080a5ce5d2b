/** One file inside an ISO 9660 image: its path and where its bytes sit in the image. */
export interface IsoFile {
  readonly path: string;
  readonly offset: number;
  readonly size: number;
}

const SECTOR = 2048;
const LATIN1 = new TextDecoder('latin1');

/**
 * Lists the files of an ISO 9660 image (the primary volume descriptor's directory tree), at most
 * `maxFiles` files and `maxDepth` directory levels. Files are slices of the image: nothing is copied.
 */
export function listIso(bytes: Uint8Array, maxFiles: number, maxDepth: number): { readonly files: readonly IsoFile[]; readonly problem: string | undefined } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pvd = 16 * SECTOR;
  if (bytes.length < pvd + 190 || bytes[pvd] !== 1) return { files: [], problem: 'no primary volume descriptor' };
  const files: IsoFile[] = [];
  const visited = new Set<number>();
  const walk = (extent: number, length: number, prefix: string, depth: number): string | undefined => {
    if (visited.has(extent)) return 'directory loop';
    visited.add(extent);
    const start = extent * SECTOR;
    const end = Math.min(bytes.length, start + length);
    let position = start;
    while (position < end && files.length < maxFiles) {
      const recordLength = bytes[position]!;
      if (recordLength === 0) {
        // Records never cross a sector boundary: skip to the next sector.
        position = (Math.floor(position / SECTOR) + 1) * SECTOR;
        continue;
      }
      if (recordLength < 34 || position + recordLength > end) return 'corrupt directory record';
      const childExtent = view.getUint32(position + 2, true);
      const childLength = view.getUint32(position + 10, true);
      const flags = bytes[position + 25]!;
      const nameLength = bytes[position + 32]!;
      const rawName = bytes.subarray(position + 33, position + 33 + nameLength);
      position += recordLength;
      if (nameLength === 1 && (rawName[0] === 0 || rawName[0] === 1)) continue;
      const name = LATIN1.decode(rawName).replace(/;\d+$/u, '').replace(/\.$/u, '');
      if ((flags & 0x02) !== 0) {
        if (depth + 1 < maxDepth) {
          const problem = walk(childExtent, childLength, `${prefix}${name}/`, depth + 1);
          if (problem !== undefined) return problem;
        }
        continue;
      }
      files.push({ path: `${prefix}${name}`, offset: childExtent * SECTOR, size: childLength });
    }
    return undefined;
  };
  const root = pvd + 156;
  const problem = walk(view.getUint32(root + 2, true), view.getUint32(root + 10, true), '', 0);
  return { files, problem };
}
