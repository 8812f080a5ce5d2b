/** FNV-1a's 32-bit offset basis: the hash of the empty string. */
export const FNV_OFFSET = 0x811c9dc5;

/**
 * FNV-1a (32-bit) over UTF-16 code units: a fixed, seedless hash, so the same feature lands in the
 * same bucket on every machine and in every version of Node. The feature hashing trick needs exactly
 * this and nothing stronger. Passing the hash of a prefix as `from` continues it, so
 * `fnv1a32(b, fnv1a32(a)) === fnv1a32(a + b)` without building the joined string.
 */
export function fnv1a32(text: string, from: number = FNV_OFFSET, start = 0, end = text.length): number {
  let hash = from;
  for (let i = start; i < end; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
