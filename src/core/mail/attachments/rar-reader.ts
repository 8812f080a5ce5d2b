/**
 * Lists the file names in a RAR archive (versions 4 and 5) from its block headers, without
 * decompressing anything. Names are what matter for triage: `Invoice.pdf.exe` inside a .rar.
 */
export interface RarListing {
  readonly names: readonly string[];
  /** Some member is encrypted, or the headers themselves are (then no names can be read). */
  readonly encrypted: boolean;
  readonly problem: string | undefined;
}

const RAR4 = [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x00];
const RAR5 = [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00];
const UTF8 = new TextDecoder('utf-8');
const LATIN1 = new TextDecoder('latin1');
const MAX_BLOCKS = 100_000;

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** Reads a RAR5 variable-length integer; undefined past the end or beyond 2^53. */
function vint(bytes: Uint8Array, at: number): { readonly value: number; readonly next: number } | undefined {
  let value = 0;
  let multiplier = 1;
  for (let i = 0; i < 8; i += 1) {
    const byte = bytes[at + i];
    if (byte === undefined) return undefined;
    value += (byte & 0x7f) * multiplier;
    multiplier *= 128;
    if ((byte & 0x80) === 0) return { value, next: at + i + 1 };
  }
  return undefined;
}

function listRar5(bytes: Uint8Array, maxNames: number): RarListing {
  const names: string[] = [];
  let encrypted = false;
  let position = RAR5.length;
  for (let blocks = 0; blocks < MAX_BLOCKS && position < bytes.length && names.length < maxNames; blocks += 1) {
    const size = vint(bytes, position + 4);
    if (size === undefined) return { names, encrypted, problem: 'truncated block header' };
    const headerEnd = size.next + size.value;
    const type = vint(bytes, size.next);
    const flags = type === undefined ? undefined : vint(bytes, type.next);
    if (type === undefined || flags === undefined || headerEnd > bytes.length) return { names, encrypted, problem: 'truncated block header' };
    let cursor = flags.next;
    let extraSize = 0;
    let dataSize = 0;
    if ((flags.value & 0x01) !== 0) {
      const extra = vint(bytes, cursor);
      if (extra === undefined) return { names, encrypted, problem: 'truncated block header' };
      extraSize = extra.value;
      cursor = extra.next;
    }
    if ((flags.value & 0x02) !== 0) {
      const data = vint(bytes, cursor);
      if (data === undefined) return { names, encrypted, problem: 'truncated block header' };
      dataSize = data.value;
      cursor = data.next;
    }
    if (type.value === 4) return { names, encrypted: true, problem: undefined };
    if (type.value === 2) {
      const fileFlags = vint(bytes, cursor);
      const unpacked = fileFlags === undefined ? undefined : vint(bytes, fileFlags.next);
      const attributes = unpacked === undefined ? undefined : vint(bytes, unpacked.next);
      if (fileFlags === undefined || attributes === undefined) return { names, encrypted, problem: 'truncated file header' };
      cursor = attributes.next + ((fileFlags.value & 0x02) !== 0 ? 4 : 0) + ((fileFlags.value & 0x04) !== 0 ? 4 : 0);
      const compression = vint(bytes, cursor);
      const host = compression === undefined ? undefined : vint(bytes, compression.next);
      const nameLength = host === undefined ? undefined : vint(bytes, host.next);
      if (nameLength === undefined || nameLength.next + nameLength.value > headerEnd) return { names, encrypted, problem: 'truncated file header' };
      const isDirectory = (fileFlags.value & 0x01) !== 0;
      if (!isDirectory) names.push(UTF8.decode(bytes.subarray(nameLength.next, nameLength.next + nameLength.value)));
      // Extra record type 1 is file encryption.
      const extraStart = headerEnd - extraSize;
      if (extraSize > 0) {
        const recordSize = vint(bytes, extraStart);
        const recordType = recordSize === undefined ? undefined : vint(bytes, recordSize.next);
        if (recordType?.value === 1) encrypted = true;
      }
    }
    if (type.value === 5) break;
    position = headerEnd + dataSize;
  }
  return { names, encrypted, problem: undefined };
}

function listRar4(bytes: Uint8Array, maxNames: number): RarListing {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const names: string[] = [];
  let encrypted = false;
  let position = RAR4.length;
  for (let blocks = 0; blocks < MAX_BLOCKS && position + 7 <= bytes.length && names.length < maxNames; blocks += 1) {
    const type = bytes[position + 2]!;
    const flags = view.getUint16(position + 3, true);
    const headerSize = view.getUint16(position + 5, true);
    if (headerSize < 7) return { names, encrypted, problem: 'corrupt block header' };
    let addSize = 0;
    if ((flags & 0x8000) !== 0 && position + 11 <= bytes.length) addSize = view.getUint32(position + 7, true);
    if (type === 0x73 && (flags & 0x0080) !== 0) return { names, encrypted: true, problem: undefined };
    if (type === 0x74) {
      if (position + 32 > bytes.length) return { names, encrypted, problem: 'truncated file header' };
      const nameSize = view.getUint16(position + 26, true);
      const nameStart = position + 32 + ((flags & 0x0100) !== 0 ? 8 : 0);
      if (nameStart + nameSize > bytes.length) return { names, encrypted, problem: 'truncated file header' };
      const raw = bytes.subarray(nameStart, nameStart + nameSize);
      // With the Unicode flag the name is "ascii\0encoded": the part before the NUL is readable.
      const zero = raw.indexOf(0);
      const name = (flags & 0x0200) !== 0 && zero >= 0 ? LATIN1.decode(raw.subarray(0, zero)) : (flags & 0x0200) !== 0 ? UTF8.decode(raw) : LATIN1.decode(raw);
      if ((flags & 0x00e0) !== 0x00e0) names.push(name);
      if ((flags & 0x0004) !== 0) encrypted = true;
    }
    if (type === 0x7b) break;
    position += headerSize + addSize;
  }
  return { names, encrypted, problem: undefined };
}

/** Lists up to `maxNames` member names of a RAR archive. */
export function listRar(bytes: Uint8Array, maxNames: number): RarListing {
  if (startsWith(bytes, RAR5)) return listRar5(bytes, maxNames);
  if (startsWith(bytes, RAR4)) return listRar4(bytes, maxNames);
  return { names: [], encrypted: false, problem: 'unknown RAR version' };
}
