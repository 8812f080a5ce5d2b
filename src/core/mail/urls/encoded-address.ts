/**
 * An e-mail address hidden in a link in hex or base64 ("…/lnk.php?id=726F64…6F6D"): the link is made
 * for one recipient so the sender learns who clicked, and encoding keeps filters from seeing it.
 */

/** Characters of a URL's path and query that are searched; the rest is ignored (bounded time). */
const MAX_SCAN = 2_048;
/** Encoded runs decoded per URL. */
const MAX_RUNS = 16;
const HEX_RUN = /[0-9a-fA-F]{16,512}/g;
/** Base64 runs; `/` is left out because it separates a URL's path segments (URL-safe base64 uses `_`). */
const BASE64_RUN = /[A-Za-z0-9+_-]{16,512}={0,2}/g;
const ADDRESS = /[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})*\.[a-z]{2,24}/i;
/** Shortest decoded text that can hold an address (a@b.cd). */
const MIN_DECODED = 6;
const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** True for a byte an e-mail address can be written with (printable ASCII). */
function printable(byte: number): boolean {
  return byte >= 0x20 && byte <= 0x7e;
}

/** Decodes hex to Latin-1 text, stopping at the first unprintable byte (ids and hashes stop at once). */
function decodeHex(run: string): string {
  let out = '';
  for (let i = 0; i + 1 < run.length; i += 2) {
    const byte = parseInt(run.slice(i, i + 2), 16);
    if (!printable(byte)) break;
    out += String.fromCharCode(byte);
  }
  return out;
}

/** Decodes standard or URL-safe base64 (padding optional) to Latin-1 text; stops at the first foreign character or unprintable byte. */
function decodeBase64(run: string): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const ch of run) {
    if (ch === '=') break;
    const index = BASE64_ALPHABET.indexOf(ch === '-' ? '+' : ch === '_' ? '/' : ch);
    if (index === -1) break;
    value = (value << 6) | index;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      const byte = (value >> bits) & 0xff;
      if (!printable(byte)) break;
      out += String.fromCharCode(byte);
    }
  }
  return out;
}

/** The e-mail address hidden in hex or base64 in a URL's path or query, with its encoding; undefined when none. */
export function encodedAddressIn(pathAndQuery: string): { readonly encoding: 'hex' | 'base64'; readonly address: string } | undefined {
  const s = pathAndQuery.length > MAX_SCAN ? pathAndQuery.slice(0, MAX_SCAN) : pathAndQuery;
  let runs = 0;
  for (const m of s.matchAll(HEX_RUN)) {
    if (++runs > MAX_RUNS) return undefined;
    const decoded = decodeHex(m[0]);
    const found = decoded.length < MIN_DECODED ? null : ADDRESS.exec(decoded);
    if (found !== null) return { encoding: 'hex', address: found[0] };
  }
  for (const m of s.matchAll(BASE64_RUN)) {
    if (++runs > MAX_RUNS) return undefined;
    const decoded = decodeBase64(m[0]);
    const found = decoded.length < MIN_DECODED ? null : ADDRESS.exec(decoded);
    if (found !== null) return { encoding: 'base64', address: found[0] };
  }
  return undefined;
}
