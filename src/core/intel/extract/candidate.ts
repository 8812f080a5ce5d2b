/** The kinds of things IOC extraction finds. */
export const EXTRACTED_TYPES = ['ipv4', 'ipv6', 'cidr', 'domain', 'url', 'email', 'md5', 'sha1', 'sha256', 'sha512', 'cve', 'attack', 'bitcoin', 'registry', 'filepath'] as const;
/** One extracted type. */
export type ExtractedType = (typeof EXTRACTED_TYPES)[number];

/** A value a scanner found: canonical value and its span in the text it scanned. */
export interface Candidate {
  readonly type: ExtractedType;
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/** Characters that end a value in prose and are not part of it. */
export function trimTrailingPunctuation(s: string, start: number, end: number): number {
  let e = end;
  while (e > start) {
    const ch = s[e - 1]!;
    if ('.,;:!?\'"'.includes(ch)) {
      e--;
      continue;
    }
    if (')]}>'.includes(ch)) {
      const open = ch === ')' ? '(' : ch === ']' ? '[' : ch === '}' ? '{' : '<';
      const body = s.slice(start, e - 1);
      if (count(body, open) > count(body, ch)) break;
      e--;
      continue;
    }
    break;
  }
  return e;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i !== -1; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/** True for ASCII letters, digits and `_`. */
export function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
