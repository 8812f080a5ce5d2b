/**
 * IP address validation by scanning char codes: no regex, no allocation, O(length). Parsers call it
 * before they put attacker-influenced text into `source.ip`, which detectors and intel matching trust.
 */

/** True when `text[start, end)` is a dotted-quad IPv4 address (no leading zeros, each part ≤ 255). */
export function isIpv4(text: string, start = 0, end = text.length): boolean {
  const length = end - start;
  if (length < 7 || length > 15) return false;
  let dots = 0;
  let digits = 0;
  let value = 0;
  let firstDigit = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 46) {
      if (digits === 0 || ++dots > 3) return false;
      digits = 0;
      value = 0;
    } else if (code >= 48 && code <= 57) {
      // "010" is octal to some tools and decimal to others: refuse the ambiguity.
      if (digits === 1 && firstDigit === 48) return false;
      if (digits === 0) firstDigit = code;
      value = value * 10 + (code - 48);
      if (++digits > 3 || value > 255) return false;
    } else {
      return false;
    }
  }
  return dots === 3 && digits > 0;
}

function isHexDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70);
}

/**
 * True when `text[start, end)` is a textual IPv6 address (RFC 4291 §2.2: eight groups, one `::`,
 * an optional dotted-quad tail). Zone ids (`%eth0`) are refused: they are not addresses a detector
 * can compare across hosts.
 */
export function isIpv6(text: string, start = 0, end = text.length): boolean {
  const length = end - start;
  if (length < 2 || length > 45) return false;
  let i = start;
  let groups = 0;
  let compressed = false;
  if (text.charCodeAt(i) === 58) {
    if (text.charCodeAt(i + 1) !== 58) return false;
    compressed = true;
    i += 2;
  }
  while (i < end) {
    let j = i;
    while (j < end && j - i < 5 && isHexDigit(text.charCodeAt(j))) j++;
    if (j < end && text.charCodeAt(j) === 46) {
      if (!isIpv4(text, i, end)) return false;
      groups += 2;
      break;
    }
    if (j === i || j - i > 4) return false;
    groups++;
    i = j;
    if (i === end) break;
    if (text.charCodeAt(i) !== 58) return false;
    i++;
    if (i === end) return false; // a single trailing ':'
    if (text.charCodeAt(i) === 58) {
      if (compressed) return false;
      compressed = true;
      i++;
    }
  }
  return compressed ? groups <= 7 : groups === 8;
}

/** True when `text[start, end)` is an IPv4 or IPv6 address. */
export function isIpAddress(text: string, start = 0, end = text.length): boolean {
  return isIpv4(text, start, end) || isIpv6(text, start, end);
}
