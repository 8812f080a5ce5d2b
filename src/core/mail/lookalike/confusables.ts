/**
 * Skeletons after UTS #39 (Unicode Security Mechanisms): two strings that look alike get the same
 * skeleton. The table is data (`content/mail/confusables.yaml`), compiled once into a code-point map.
 */

/** A compiled confusables table. */
export interface Confusables {
  /** Code point → the Latin letters it is read as. */
  readonly characters: ReadonlyMap<number, string>;
  /** Letter runs that read as one letter (`rn` → `m`), applied after the characters. */
  readonly sequences: readonly (readonly [string, string])[];
}

/** Compiles the table of `confusables.yaml` (already validated). */
export function compileConfusables(characters: Readonly<Record<string, string>>, sequences: Readonly<Record<string, string>>): Confusables {
  const map = new Map<number, string>();
  for (const [from, to] of Object.entries(characters)) {
    const cp = from.codePointAt(0);
    if (cp !== undefined) map.set(cp, to);
  }
  return { characters: map, sequences: Object.entries(sequences) };
}

/** An empty table: skeletons are then just lower-cased, mark-free text. */
export const NO_CONFUSABLES: Confusables = { characters: new Map(), sequences: [] };

/**
 * The skeleton of `s`: lower-cased, decomposed (NFKD) with combining marks dropped (`à` → `a`), each
 * character mapped through the table, then letter runs replaced (`rn` → `m`). Linear in `s`.
 */
export function skeleton(s: string, table: Confusables): string {
  let out = '';
  const decomposed = isPlainAscii(s) ? s.toLowerCase() : s.normalize('NFKD').toLowerCase();
  for (const ch of decomposed) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x300 && cp <= 0x36f) continue;
    out += table.characters.get(cp) ?? ch;
  }
  for (const [from, to] of table.sequences) if (out.includes(from)) out = out.replaceAll(from, to);
  return out;
}

/** The scripts a label mixes, among those lookalikes use. */
export type Script = 'latin' | 'cyrillic' | 'greek' | 'armenian' | 'other';

/** The letter scripts present in `s` (digits, `-`, `_` and `.` belong to none). */
export function scriptsOf(s: string): ReadonlySet<Script> {
  const scripts = new Set<Script>();
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const script = scriptOf(cp);
    if (script !== undefined) scripts.add(script);
  }
  return scripts;
}

function scriptOf(cp: number): Script | undefined {
  if ((cp >= 0x30 && cp <= 0x39) || cp === 0x2d || cp === 0x2e || cp === 0x5f) return undefined;
  if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a)) return 'latin';
  if (cp >= 0x300 && cp <= 0x36f) return undefined;
  if ((cp >= 0xc0 && cp <= 0x24f) || (cp >= 0x250 && cp <= 0x2af) || (cp >= 0x1d00 && cp <= 0x1dbf) || (cp >= 0x1e00 && cp <= 0x1eff) || (cp >= 0xa720 && cp <= 0xa7ff)) return 'latin';
  if ((cp >= 0x370 && cp <= 0x3ff) || (cp >= 0x1f00 && cp <= 0x1fff)) return 'greek';
  if ((cp >= 0x400 && cp <= 0x52f) || (cp >= 0x1c80 && cp <= 0x1c8f) || (cp >= 0x2de0 && cp <= 0x2dff) || (cp >= 0xa640 && cp <= 0xa69f)) return 'cyrillic';
  if (cp >= 0x530 && cp <= 0x58f) return 'armenian';
  return 'other';
}

/** True when every character is printable ASCII (the common case, skipped fast). */
export function isPlainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7e) return false;
  return true;
}
