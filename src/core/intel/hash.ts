/** The hash algorithms Vigil matches, by hex length. */
export const HASH_TYPES = ['md5', 'sha1', 'sha256', 'sha512'] as const;
/** One of the hash indicator types. */
export type HashType = (typeof HASH_TYPES)[number];

/** Hex digits of each algorithm. */
export const HASH_HEX_LENGTH: Readonly<Record<HashType, number>> = { md5: 32, sha1: 40, sha256: 64, sha512: 128 };

/** The hash type a hex string of this length would be, if any. */
export function hashTypeOfLength(length: number): HashType | undefined {
  switch (length) {
    case 32:
      return 'md5';
    case 40:
      return 'sha1';
    case 64:
      return 'sha256';
    case 128:
      return 'sha512';
    default:
      return undefined;
  }
}

/** True when every character is a hex digit (either case). */
export function isHex(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false;
  }
  return s.length > 0;
}

/** Lower-cased hash after checking its length and digits. */
export function normalizeHash(type: HashType, raw: string): { ok: true; value: string } | { ok: false; reason: string } {
  const s = raw.trim();
  if (s.length !== HASH_HEX_LENGTH[type]) return { ok: false, reason: `a ${type} has ${HASH_HEX_LENGTH[type]} hex digits, this value has ${s.length} characters` };
  if (!isHex(s)) return { ok: false, reason: `a ${type} is hexadecimal; "${s.length > 40 ? `${s.slice(0, 37)}...` : s}" is not` };
  return { ok: true, value: s.toLowerCase() };
}

/**
 * Maps the hash names found in STIX (`MD5`, `SHA-1`, `SHA-256`, `SHA-512`, any case, with or without
 * the hyphen) and MISP (`md5`, `sha1`, …) to a hash type.
 */
export function hashTypeFromName(name: string): HashType | undefined {
  switch (name.toLowerCase().replace(/-/g, '')) {
    case 'md5':
      return 'md5';
    case 'sha1':
      return 'sha1';
    case 'sha256':
      return 'sha256';
    case 'sha512':
      return 'sha512';
    default:
      return undefined;
  }
}
