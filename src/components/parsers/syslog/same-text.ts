/**
 * True when `line` holds the remembered timestamp text `cached` at `at`. The last character (the
 * seconds digit, which differs first) is compared before the rest, and the rest with `indexOf`,
 * V8's fastest way to compare a span of two strings (see `matchesAt`).
 */
export function sameText(line: string, at: number, cached: string): boolean {
  const last = cached.length - 1;
  return last >= 0 && line.charCodeAt(at + last) === cached.charCodeAt(last) && line.indexOf(cached, at) === at;
}
