/**
 * Small scanning helpers for hand-written parsers: they read a string in place with charCodeAt and
 * indexOf, so a line is never split into arrays and every scan is linear in the input.
 */

/** Longest value a parser copies out of a line; longer values are cut (the whole line stays in `event.original`). */
export const MAX_FIELD_LENGTH = 1024;

/** `text.slice(start, end)` cut to {@link MAX_FIELD_LENGTH} characters: attacker-sized fields must not bloat every event. */
export function sliceClipped(text: string, start: number, end: number): string {
  return text.slice(start, end - start > MAX_FIELD_LENGTH ? start + MAX_FIELD_LENGTH : end);
}

/**
 * The decimal number written in `text[start, end)`, or -1 when the range is empty, holds anything
 * but digits, or exceeds `max`. Digits only: no sign, no spaces.
 */
export function parseDecimal(text: string, start: number, end: number, max: number): number {
  if (end <= start || end - start > 15) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return -1;
    value = value * 10 + (code - 48);
  }
  return value > max ? -1 : value;
}

/** Index of the first character of the run of digits that ends at `end` (at most `maxDigits` long, never before `floor`). */
export function digitsStartBefore(text: string, end: number, floor: number, maxDigits: number): number {
  let i = end;
  while (i > floor && end - i < maxDigits) {
    const code = text.charCodeAt(i - 1);
    if (code < 48 || code > 57) break;
    i--;
  }
  return i;
}

/** Index just past the run of digits that starts at `start` (at most `maxDigits` long, never past `end`). */
export function digitsEndAfter(text: string, start: number, end: number, maxDigits: number): number {
  let i = start;
  while (i < end && i - start < maxDigits) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) break;
    i++;
  }
  return i;
}

/** Index just past the last character of `text[start, end)` that is not a space, tab, CR or LF. */
export function trimEndIndex(text: string, start: number, end: number): number {
  let i = end;
  while (i > start) {
    const code = text.charCodeAt(i - 1);
    if (code !== 32 && code !== 9 && code !== 13 && code !== 10) break;
    i--;
  }
  return i;
}

/** Index of the first character of `text[start, end)` that is not a space. */
export function skipSpaces(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && text.charCodeAt(i) === 32) i++;
  return i;
}

/**
 * Index of the last space in `text[floor, end)`, looking back at most `window` characters;
 * `floor - 1` when the window reaches `floor` without a space (the token starts at `floor`),
 * -2 when the window ends first (the token is too long to be what we look for).
 */
export function lastSpaceBefore(text: string, end: number, floor: number, window: number): number {
  const stop = Math.max(floor, end - window);
  // lastIndexOf (native) rather than a loop; it may look past the window, once, which stays linear.
  const space = end > 0 ? text.lastIndexOf(' ', end - 1) : -1;
  if (space >= stop) return space;
  return stop === floor ? floor - 1 : -2;
}

/**
 * True when `word` (not empty) occurs in `text` at index `at`: `text.startsWith(word, at)`, made fast.
 * Measured on Node 20 here, `startsWith` compares through the generic string accessor (~3 ns a
 * character on the sliced strings lines are), while `indexOf` runs an optimised search for ~15 ns a
 * call: words of up to six characters are compared in a loop, longer ones with `indexOf` (a near miss
 * then scans the rest of the text once, which keeps every caller linear). The first character is
 * compared first, so most mismatches cost one `charCodeAt`.
 */
export function matchesAt(text: string, at: number, word: string): boolean {
  const length = word.length;
  if (text.charCodeAt(at) !== word.charCodeAt(0)) return false;
  if (length > 6) return text.indexOf(word, at) === at;
  for (let i = 1; i < length; i++) if (text.charCodeAt(at + i) !== word.charCodeAt(i)) return false;
  return true;
}

/**
 * True when `word` (not empty) occurs in `text` at index `at`, comparing at most `word.length`
 * characters: for strings that hold many lines (a decoded chunk), where {@link matchesAt}'s `indexOf`
 * could search on through every later line after a near miss. Measured on Node 20 here, slicing the
 * span and comparing it with `===` (native) takes a third of a `charCodeAt` loop for a 49-character
 * word; short words are compared in the loop, and the first character always is, so most mismatches
 * allocate nothing.
 */
export function wordAt(text: string, at: number, word: string): boolean {
  const length = word.length;
  if (text.charCodeAt(at) !== word.charCodeAt(0)) return false;
  if (length > 8) return text.slice(at, at + length) === word;
  for (let i = 1; i < length; i++) if (text.charCodeAt(at + i) !== word.charCodeAt(i)) return false;
  return true;
}

/** True when `text` ends with `word` (not empty); see {@link matchesAt}. */
export function matchesEnd(text: string, word: string): boolean {
  const at = text.length - word.length;
  return at >= 0 && matchesAt(text, at, word);
}
