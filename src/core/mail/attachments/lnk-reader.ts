/**
 * Reads what a Windows shortcut (.lnk, MS-SHLLINK) runs: its relative path and command-line
 * arguments, from the StringData section after the optional ID list and link info.
 */
export interface ShortcutTarget {
  readonly relativePath: string | undefined;
  readonly arguments: string | undefined;
  readonly iconLocation: string | undefined;
}

const HAS_ID_LIST = 0x01;
const HAS_LINK_INFO = 0x02;
const STRING_FLAGS = [0x04, 0x08, 0x10, 0x20, 0x40] as const;
const IS_UNICODE = 0x80;

/** Parses the target of a shortcut; undefined when the structure does not hold together. */
export function readShortcut(bytes: Uint8Array): ShortcutTarget | undefined {
  if (bytes.length < 0x4c) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const flags = view.getUint32(0x14, true);
  let position = 0x4c;
  if ((flags & HAS_ID_LIST) !== 0) {
    if (position + 2 > bytes.length) return undefined;
    position += 2 + view.getUint16(position, true);
  }
  if ((flags & HAS_LINK_INFO) !== 0) {
    if (position + 4 > bytes.length) return undefined;
    position += view.getUint32(position, true);
  }
  const unicode = (flags & IS_UNICODE) !== 0;
  const strings = new Map<number, string>();
  for (const flag of STRING_FLAGS) {
    if ((flags & flag) === 0) continue;
    if (position + 2 > bytes.length) return undefined;
    const count = view.getUint16(position, true);
    const length = unicode ? count * 2 : count;
    const start = position + 2;
    if (start + length > bytes.length) return undefined;
    strings.set(flag, new TextDecoder(unicode ? 'utf-16le' : 'latin1').decode(bytes.subarray(start, start + length)));
    position = start + length;
  }
  return { relativePath: strings.get(0x08), arguments: strings.get(0x20), iconLocation: strings.get(0x40) };
}
