/**
 * IP addresses, the one implementation every part of Vigil uses: validation of a span of text
 * without allocating (parsers call it before they put attacker-influenced text into `source.ip`),
 * and addresses as numbers: IPv4 as an unsigned 32-bit integer, IPv6 as four unsigned 32-bit words
 * (most significant first). Parsing is strict (no octal or leading zeros in IPv4, no zone ids);
 * formatting of IPv6 follows RFC 5952 (lower case, no leading zeros, the longest run of two or more
 * zero groups as `::`, the first one on a tie, IPv4-mapped addresses in mixed notation).
 */

/** An IPv6 address: four 32-bit words, most significant first. */
export type Ipv6Words = readonly [number, number, number, number];

/**
 * Parses the dotted-quad IPv4 address `s[start, end)`; undefined when it is not exactly one. Leading
 * zeros are refused: "010" is octal to some tools and decimal to others.
 */
export function parseIpv4(s: string, start = 0, end = s.length): number | undefined {
  const n = end - start;
  if (n < 7 || n > 15) return undefined;
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  let leadingZero = false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 0) leadingZero = c === 48;
      else if (leadingZero) return undefined;
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return undefined;
    } else if (c === 46) {
      if (digits === 0 || ++dots > 3) return undefined;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else return undefined;
  }
  if (digits === 0 || dots !== 3) return undefined;
  return value * 256 + part;
}

/** Formats an IPv4 number as a dotted quad. */
export function formatIpv4(v: number): string {
  return `${(v >>> 24) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** Parses an IPv6 address (with `::` and an optional trailing dotted quad) into eight 16-bit groups. */
export function parseIpv6Groups(s: string): number[] | undefined {
  if (s.length < 2 || s.length > 45) return undefined;
  const dbl = s.indexOf('::');
  if (dbl !== -1 && s.indexOf('::', dbl + 1) !== -1) return undefined;
  const head = dbl === -1 ? s : s.slice(0, dbl);
  const tail = dbl === -1 ? '' : s.slice(dbl + 2);
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups: number[] = [];
  const parseSide = (parts: string[], isLast: boolean): boolean => {
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (isLast && i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIpv4(p);
        if (v4 === undefined) return false;
        groups.push((v4 >>> 16) & 0xffff, v4 & 0xffff);
        continue;
      }
      if (p.length < 1 || p.length > 4) return false;
      let g = 0;
      for (let j = 0; j < p.length; j++) {
        const h = hexValue(p.charCodeAt(j));
        if (h < 0) return false;
        g = g * 16 + h;
      }
      groups.push(g);
    }
    return true;
  };
  if (dbl === -1) {
    if (!parseSide(left, true) || groups.length !== 8) return undefined;
    return groups;
  }
  if (!parseSide(left, false)) return undefined;
  const leftCount = groups.length;
  if (!parseSide(right, true)) return undefined;
  const rightGroups = groups.splice(leftCount);
  const zeros = 8 - leftCount - rightGroups.length;
  if (zeros < 1) return undefined;
  for (let i = 0; i < zeros; i++) groups.push(0);
  groups.push(...rightGroups);
  return groups;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Parses an IPv6 address into four 32-bit words. */
export function parseIpv6(s: string): Ipv6Words | undefined {
  const g = parseIpv6Groups(s);
  if (g === undefined) return undefined;
  return groupsToWords(g);
}

function groupsToWords(g: readonly number[]): Ipv6Words {
  return [
    ((g[0]! << 16) | g[1]!) >>> 0,
    ((g[2]! << 16) | g[3]!) >>> 0,
    ((g[4]! << 16) | g[5]!) >>> 0,
    ((g[6]! << 16) | g[7]!) >>> 0,
  ];
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`), if it is one. */
export function ipv4FromMapped(w: Ipv6Words): number | undefined {
  return w[0] === 0 && w[1] === 0 && w[2] === 0xffff ? w[3] : undefined;
}

/** Formats an IPv6 address in the canonical text form of RFC 5952. */
export function formatIpv6(w: Ipv6Words): string {
  const g = [w[0] >>> 16, w[0] & 0xffff, w[1] >>> 16, w[1] & 0xffff, w[2] >>> 16, w[2] & 0xffff, w[3] >>> 16, w[3] & 0xffff];
  const mapped = ipv4FromMapped(w);
  if (mapped !== undefined) return `::ffff:${formatIpv4(mapped)}`;
  // RFC 5952 4.2: the longest run of at least two zero groups; the first such run on a tie.
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (x: number): string => x.toString(16);
  if (bestStart === -1) return g.map(hex).join(':');
  const before = g.slice(0, bestStart).map(hex).join(':');
  const after = g.slice(bestStart + bestLen).map(hex).join(':');
  return `${before}::${after}`;
}

/** Compares two IPv6 addresses (negative, zero, positive). */
export function compareIpv6(a: Ipv6Words, b: Ipv6Words): number {
  for (let i = 0; i < 4; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** The netmask of a prefix length applied to an IPv4 address (the network address). */
export function maskIpv4(v: number, prefix: number): number {
  if (prefix <= 0) return 0;
  if (prefix >= 32) return v >>> 0;
  return (v & (~0 << (32 - prefix))) >>> 0;
}

/** The network address of an IPv6 prefix. */
export function maskIpv6(w: Ipv6Words, prefix: number): Ipv6Words {
  const out = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) {
    const bits = Math.max(0, Math.min(32, prefix - i * 32));
    out[i] = bits === 0 ? 0 : bits === 32 ? w[i]! : (w[i]! & (~0 << (32 - bits))) >>> 0;
  }
  return [out[0]!, out[1]!, out[2]!, out[3]!];
}

/** The last address of an IPv6 prefix. */
export function lastIpv6(w: Ipv6Words, prefix: number): Ipv6Words {
  const out = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) {
    const bits = Math.max(0, Math.min(32, prefix - i * 32));
    out[i] = bits === 32 ? w[i]! : (w[i]! | (0xffffffff >>> bits)) >>> 0;
  }
  return [out[0]!, out[1]!, out[2]!, out[3]!];
}

/** A parsed CIDR block. */
export type Cidr =
  | { readonly family: 4; readonly network: number; readonly prefix: number }
  | { readonly family: 6; readonly network: Ipv6Words; readonly prefix: number };

/** Why a CIDR did not parse; `hostBits` carries the network it would have been. */
export type CidrProblem = { readonly kind: 'syntax' } | { readonly kind: 'host-bits'; readonly network: string };

/**
 * Parses `address/prefix` strictly: the address must be the network address (no host bits set).
 * Prefix digits: no sign, no leading zeros.
 */
export function parseCidr(s: string): { ok: true; value: Cidr } | { ok: false; problem: CidrProblem } {
  const slash = s.indexOf('/');
  if (slash <= 0) return { ok: false, problem: { kind: 'syntax' } };
  const addr = s.slice(0, slash);
  const len = s.slice(slash + 1);
  if (!/^(0|[1-9][0-9]{0,2})$/.test(len)) return { ok: false, problem: { kind: 'syntax' } };
  const prefix = Number(len);
  const v4 = parseIpv4(addr);
  if (v4 !== undefined) {
    if (prefix > 32) return { ok: false, problem: { kind: 'syntax' } };
    const net = maskIpv4(v4, prefix);
    if (net !== v4) return { ok: false, problem: { kind: 'host-bits', network: `${formatIpv4(net)}/${prefix}` } };
    return { ok: true, value: { family: 4, network: net, prefix } };
  }
  const v6 = parseIpv6(addr);
  if (v6 === undefined || prefix > 128) return { ok: false, problem: { kind: 'syntax' } };
  const net = maskIpv6(v6, prefix);
  if (compareIpv6(net, v6) !== 0) return { ok: false, problem: { kind: 'host-bits', network: `${formatIpv6(net)}/${prefix}` } };
  return { ok: true, value: { family: 6, network: net, prefix } };
}

/** Formats a CIDR block canonically. */
export function formatCidr(c: Cidr): string {
  return c.family === 4 ? `${formatIpv4(c.network)}/${c.prefix}` : `${formatIpv6(c.network)}/${c.prefix}`;
}

/** True when `text[start, end)` is a dotted-quad IPv4 address: a check that allocates nothing, for parsers' hot paths. */
export function isIpv4(text: string, start = 0, end = text.length): boolean {
  return parseIpv4(text, start, end) !== undefined;
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
