import { Buffer } from 'node:buffer';
import { mapLiterals, type Tok } from './sigma-string.js';

/**
 * The encoding modifiers. After `utf16le`/`utf16be`/`utf16`/`wide` a string holds bytes, one
 * character per byte (0–255); `base64` then encodes those bytes, while an unencoded string is
 * encoded as UTF-8 first, as pySigma does.
 */

/** UTF-16 little endian, wildcards kept in place. */
export function utf16le(tokens: readonly Tok[]): Tok[] {
  return mapLiterals(tokens, (s) => [{ t: 'lit', s: Buffer.from(s, 'utf16le').toString('latin1') }]);
}

/** UTF-16 big endian, wildcards kept in place. */
export function utf16be(tokens: readonly Tok[]): Tok[] {
  return mapLiterals(tokens, (s) => [{ t: 'lit', s: Buffer.from(s, 'utf16le').swap16().toString('latin1') }]);
}

/** UTF-16 little endian with the byte order mark FF FE in front. */
export function utf16bom(tokens: readonly Tok[]): Tok[] {
  const encoded = utf16le(tokens);
  const first = encoded[0];
  const bom = '\xff\xfe';
  return first?.t === 'lit' ? [{ t: 'lit', s: bom + first.s }, ...encoded.slice(1)] : [{ t: 'lit', s: bom }, ...encoded];
}

function bytesOf(text: string, isBytes: boolean): Buffer {
  return Buffer.from(text, isBytes ? 'latin1' : 'utf8');
}

/** Base64 of the value (no wildcards allowed; the caller checks). */
export function base64(text: string, isBytes: boolean): string {
  return bytesOf(text, isBytes).toString('base64');
}

/**
 * The three base64 forms a value takes at byte offsets 0, 1 and 2 of an encoded stream, trimmed to
 * the characters that do not depend on the neighbouring bytes (pySigma `SigmaBase64OffsetModifier`).
 */
export function base64Offsets(text: string, isBytes: boolean): string[] {
  const data = bytesOf(text, isBytes);
  const startOffsets = [0, 2, 3] as const;
  const endOffsets = [undefined, -3, -2] as const;
  const out: string[] = [];
  for (let i = 0; i < 3; i++) {
    const encoded = Buffer.concat([Buffer.alloc(i, 0x20), data]).toString('base64');
    const end = endOffsets[(data.length + i) % 3];
    out.push(encoded.slice(startOffsets[i], end));
  }
  return out;
}

/** The characters Windows accepts where a command-line flag starts (spec: -, /, en dash, em dash, horizontal bar). */
export const WINDASH_CHARS = '-/\u2013\u2014\u2015';

const WORD = /[\p{L}\p{N}_]/u;

/**
 * Marks every dash or slash that starts a flag (pySigma's `\B[-/]\b`: not preceded by a word
 * character, followed by one) as "any of the windash characters". Besides `-` and `/` (pySigma), a
 * rule's en dash, em dash or horizontal bar is expanded too, as the specification lists all five.
 */
export function windash(tokens: readonly Tok[]): Tok[] {
  return mapLiterals(tokens, (s) => {
    const out: Tok[] = [];
    let acc = '';
    for (let i = 0; i < s.length; i++) {
      const c = s.charAt(i);
      const prev = i > 0 ? s.charAt(i - 1) : '';
      const next = s.charAt(i + 1);
      if (WINDASH_CHARS.includes(c) && (prev === '' || !WORD.test(prev)) && next !== '' && WORD.test(next)) {
        if (acc !== '') out.push({ t: 'lit', s: acc });
        out.push({ t: 'set', chars: WINDASH_CHARS });
        acc = '';
      } else {
        acc += c;
      }
    }
    if (acc !== '') out.push({ t: 'lit', s: acc });
    return out;
  });
}
