/** Fixed-width digit readers for timestamps; each returns -1 when a character is not a digit. */

/** The two-digit number at `at`. */
export function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const ones = text.charCodeAt(at + 1) - 48;
  // charCodeAt past the end is NaN, and NaN fails both comparisons' negation below.
  if (!(tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9)) return -1;
  return tens * 10 + ones;
}

/** The four-digit number at `at`. */
export function fourDigits(text: string, at: number): number {
  const high = twoDigits(text, at);
  const low = twoDigits(text, at + 2);
  return high < 0 || low < 0 ? -1 : high * 100 + low;
}

/** Days in `month` (0-based) of `year`, proleptic Gregorian. */
export function daysInMonth(year: number, month: number): number {
  if (month === 1) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 3 || month === 5 || month === 8 || month === 10 ? 30 : 31;
}

/**
 * Reads the digits of a fraction of a second starting at `at` (just after the '.'); any number of
 * digits is accepted and the first three give the milliseconds (truncated, as `Date` does).
 * Returns the index after the last digit in `end` and the milliseconds in `millis` of `out`.
 */
export function readFraction(text: string, at: number, out: { end: number; millis: number }): void {
  let i = at;
  let millis = 0;
  for (;;) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) break;
    if (i - at < 3) millis = millis * 10 + digit;
    i++;
  }
  const read = i - at;
  out.millis = read >= 3 ? millis : read === 2 ? millis * 10 : millis * 100;
  out.end = i;
}

/** Earliest and latest instants a frame may carry: four-digit years, so ISO output keeps its fixed width. */
export const MIN_TIME = Date.UTC(1000, 0, 1);
export const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
