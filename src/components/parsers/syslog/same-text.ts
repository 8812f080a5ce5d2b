/**
 * True when `line` holds the remembered timestamp text `cached` at `at`. Compared from the last
 * character (the seconds digit, which differs first) back, and never past `cached`'s length: `line`
 * may be a whole decoded chunk of many lines, where a search such as `indexOf` would run on through
 * the rest of the chunk after a near miss.
 */
export function sameText(line: string, at: number, cached: string): boolean {
  if (cached.length === 0) return false;
  for (let i = cached.length - 1; i >= 0; i--) if (line.charCodeAt(at + i) !== cached.charCodeAt(i)) return false;
  return true;
}
