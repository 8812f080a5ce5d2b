import type { MatchContext } from './match-context.js';

/**
 * A necessary condition for a keyword search (`contains` values OR-ed, case-insensitive), tested
 * once on the JSON text an event was parsed from instead of on each of its strings. SigmaHQ's
 * Mimikatz keywords apply to every Windows event; most events are ruled out here with one native
 * regular-expression pass over their text.
 *
 * Soundness. Each literal is represented by a short window ("factor") of its JSON-escaped form. When
 * the text has no `\u` or `\/` escape (`isVerbatimJson`), every string of the record appears in the
 * text as its JSON escape with `\` → `\\`, `"` → `\"` and control characters → `\n`, `\t` …, so a
 * string that contains a literal puts the literal's JSON-escaped form, and so its factor, in the
 * text. Keyword search compares `toLowerCase` texts; the gate matches with JavaScript's `i` flag,
 * which agrees on ASCII factors except for the two characters whose lower case is ASCII while their
 * case folding is not (KELVIN SIGN → `k`, CAPITAL I WITH DOT → `i̇`): a text holding either is not
 * verbatim either, and passes the gate.
 *
 * The pattern is a native RegExp, not RE2: it is built here from escaped literal text (no syntax of
 * the rule's reaches it), an alternation of at most 32 fixed strings of at most 4 characters, so a
 * match costs at most 128 comparisons per character of a text of at most 64 KiB.
 */
export class KeywordGate {
  private constructor(private readonly pattern: RegExp) {}

  /** The gate for these literals (lower-cased), or undefined when it would not be sound or cheap. */
  static of(literals: readonly string[]): KeywordGate | undefined {
    if (literals.length === 0 || literals.length > MAX_LITERALS) return undefined;
    let chars = 0;
    for (const literal of literals) {
      if (literal === '' || !isPrintableAscii(literal)) return undefined;
      chars += literal.length;
    }
    if (chars > MAX_LITERAL_CHARS) return undefined;
    const factors = coveringFactors(literals.map(jsonEscaped));
    if (factors === undefined) return undefined;
    const alternatives = factors.map((f) => f.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'));
    return new KeywordGate(new RegExp(alternatives.join('|'), 'i'));
  }

  /** False when no string of the event can contain one of the literals (known only when `ctx` has the event's JSON text). */
  mayMatch(ctx: MatchContext): boolean {
    const json = ctx.source;
    if (json === undefined || json.length > MAX_GATED_TEXT) return true;
    return this.pattern.test(json) || !ctx.sourceIsVerbatim();
  }
}

/** Factors per gate: the regex tries each at every position of the text (at most 4 characters each). */
const MAX_FACTORS = 32;
/** Longer keyword lists are not gated (choosing factors costs literals × characters at compile time). */
const MAX_LITERALS = 1024;
const MAX_LITERAL_CHARS = 64 * 1024;
/** Longer texts skip the gate, which bounds its worst case (MAX_FACTORS × 4 comparisons per character). */
const MAX_GATED_TEXT = 64 * 1024;
const FACTOR_LENGTH = 4;

/**
 * True when `json` contains no `\u` or `\/` escape (a `\\` pair is an escaped backslash, not one), nor
 * either character whose lower case is ASCII while the `i` flag does not fold it there (KELVIN SIGN,
 * CAPITAL I WITH DOT; searching a one-byte string for them costs nothing).
 */
export function isVerbatimJson(json: string): boolean {
  if (json.includes('\u0130') || json.includes('\u212a')) return false;
  if (!json.includes('\\u') && !json.includes('\\/')) return true;
  for (let i = 0; i < json.length; i++) {
    if (json.charCodeAt(i) !== 0x5c) continue;
    const next = json.charCodeAt(i + 1);
    if (next === 0x75 || next === 0x2f) return false;
    i++;
  }
  return true;
}

function isPrintableAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/** A printable-ASCII string as it appears inside a JSON string literal. */
function jsonEscaped(s: string): string {
  return s.replace(/[\\"]/g, '\\$&');
}

/**
 * Few factors that between them occur in every literal, chosen greedily: the window held by the most
 * literals not yet covered, the rarer on a tie (SigmaHQ's Mimikatz keywords need three: `::`, `kiwi`,
 * `mimi`). Windows are `FACTOR_LENGTH` characters (a shorter literal is its own window), or two
 * punctuation characters. Undefined past `MAX_FACTORS`.
 */
function coveringFactors(literals: readonly string[]): string[] | undefined {
  const holders = new Map<string, number[]>();
  literals.forEach((literal, i) => {
    for (const w of windows(literal)) {
      const held = holders.get(w);
      if (held === undefined) holders.set(w, [i]);
      else if (held[held.length - 1] !== i) held.push(i);
    }
  });
  const covered = new Uint8Array(literals.length);
  let left = literals.length;
  const factors: string[] = [];
  while (left > 0) {
    if (factors.length === MAX_FACTORS) return undefined;
    let best = '';
    let bestCount = 0;
    let bestRarity = 0;
    for (const [w, held] of holders) {
      let count = 0;
      for (const i of held) count += 1 - covered[i]!;
      const r = count === 0 ? 0 : rarityOf(w);
      if (count > bestCount || (count === bestCount && r > bestRarity)) {
        best = w;
        bestCount = count;
        bestRarity = r;
      }
    }
    factors.push(best);
    for (const i of holders.get(best)!) {
      left -= 1 - covered[i]!;
      covered[i] = 1;
    }
    holders.delete(best);
  }
  return factors;
}

function* windows(literal: string): Generator<string> {
  if (literal.length <= FACTOR_LENGTH) {
    yield literal;
    return;
  }
  for (let i = 0; i + FACTOR_LENGTH <= literal.length; i++) yield literal.slice(i, i + FACTOR_LENGTH);
  for (let i = 0; i + 2 <= literal.length; i++) if (rarity(literal.charCodeAt(i)) === PUNCTUATION && rarity(literal.charCodeAt(i + 1)) === PUNCTUATION) yield literal.slice(i, i + 2);
}

/** Punctuation weighs most, then digits, then letters, space and backslash (JSON text is full of them). */
function rarityOf(w: string): number {
  let r = 0;
  for (let i = 0; i < w.length; i++) r += rarity(w.charCodeAt(i));
  return r;
}

const PUNCTUATION = 4;

function rarity(c: number): number {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x20 || c === 0x5c) return 1;
  if (c >= 0x30 && c <= 0x39) return 2;
  return PUNCTUATION;
}
