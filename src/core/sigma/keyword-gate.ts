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
 * case folding is not (KELVIN SIGN → `k`, CAPITAL I WITH DOT → `i̇`): a text holding either passes
 * the gate.
 */
export class KeywordGate {
  private constructor(private readonly pattern: RegExp) {}

  /** The gate for these literals (lower-cased), or undefined when it would not be sound or cheap. */
  static of(literals: readonly string[]): KeywordGate | undefined {
    if (literals.length === 0) return undefined;
    const factors = new Set<string>();
    for (const literal of literals) {
      if (literal === '' || !isPrintableAscii(literal)) return undefined;
      factors.add(rarestWindow(jsonEscaped(literal)));
      if (factors.size > MAX_FACTORS) return undefined;
    }
    const alternatives = [...factors].map((f) => f.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'));
    return new KeywordGate(new RegExp(alternatives.join('|'), 'i'));
  }

  /** False when no string of the event can contain one of the literals (known only when `ctx` has the event's JSON text). */
  mayMatch(ctx: MatchContext): boolean {
    const json = ctx.source;
    if (json === undefined || json.length > MAX_GATED_TEXT) return true;
    return this.pattern.test(json) || LOWER_CASE_TO_ASCII.test(json) || !ctx.sourceIsVerbatim();
  }
}

/** The characters whose lower case is ASCII while the `i` flag does not fold them to it (apart, this keeps the factors' pattern fast). */
const LOWER_CASE_TO_ASCII = /[\u0130\u212a]/;
/** Factors per gate: the regex tries each at every position of the text (at most 4 characters each). */
const MAX_FACTORS = 32;
/** Longer texts skip the gate, which bounds its worst case (MAX_FACTORS × 4 comparisons per character). */
const MAX_GATED_TEXT = 64 * 1024;
const FACTOR_LENGTH = 4;

/** True when `json` contains no `\u` or `\/` escape (a `\\` pair is an escaped backslash, not one). */
export function isVerbatimJson(json: string): boolean {
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
 * The window of `FACTOR_LENGTH` characters (the whole text when shorter) least likely to occur in
 * an event's text: punctuation weighs most, then digits, then letters, space and backslash (JSON text
 * is full of them).
 */
function rarestWindow(s: string): string {
  if (s.length <= FACTOR_LENGTH) return s;
  let best = 0;
  let bestScore = -1;
  for (let start = 0; start + FACTOR_LENGTH <= s.length; start++) {
    let score = 0;
    for (let i = start; i < start + FACTOR_LENGTH; i++) score += rarity(s.charCodeAt(i));
    if (score > bestScore) {
      bestScore = score;
      best = start;
    }
  }
  return s.slice(best, best + FACTOR_LENGTH);
}

function rarity(c: number): number {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x20 || c === 0x5c) return 1;
  if (c >= 0x30 && c <= 0x39) return 2;
  return 4;
}
