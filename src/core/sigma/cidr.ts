import { parseIpv4, parseIpv6Groups } from '../../lib/ip.js';

/**
 * IPv4 and IPv6 networks with exact bit arithmetic (no regular expressions, no string prefixes).
 * Addresses are parsed into 16-bit groups; a network keeps its prefix and masked groups.
 */

/** A parsed CIDR network. */
export interface Cidr {
  readonly version: 4 | 6;
  readonly prefix: number;
  /** Network address as 16-bit groups (2 for IPv4, 8 for IPv6), host bits zero. */
  readonly groups: readonly number[];
  readonly text: string;
}

/** Parses `a.b.c.d/n` or `x:y::z/n` (a bare address is a /32 or /128). Host bits must be zero, as Python's ip_network requires. */
export function parseCidr(text: string): { ok: true; value: Cidr } | { ok: false; reason: string } {
  const [addr = '', bits, extra] = text.trim().split('/');
  if (extra !== undefined) return { ok: false, reason: `'${text}' has more than one '/'` };
  const groups = parseIp(addr);
  if (groups === undefined) return { ok: false, reason: `'${addr}' is not an IPv4 or IPv6 address` };
  const version = groups.length === 2 ? 4 : 6;
  const max = version === 4 ? 32 : 128;
  let prefix = max;
  if (bits !== undefined) {
    if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return { ok: false, reason: `'/${bits}' is not a prefix length from 0 to ${max}` };
    prefix = Number(bits);
  }
  const masked = maskGroups(groups, prefix);
  if (masked.some((g, i) => g !== groups[i])) return { ok: false, reason: `'${text}' has host bits set (the network is ${formatNetwork(version, masked, prefix)})` };
  return { ok: true, value: { version, prefix, groups: masked, text: text.trim() } };
}

/** True when `address` (a string) is an IP address inside the network. */
export function cidrContains(cidr: Cidr, address: string): boolean {
  const groups = parseIp(address);
  if (groups === undefined || groups.length !== cidr.groups.length) return false;
  let remaining = cidr.prefix;
  for (let i = 0; i < groups.length && remaining > 0; i++) {
    const take = Math.min(16, remaining);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if (((groups[i] ?? 0) & mask) !== cidr.groups[i]) return false;
    remaining -= take;
  }
  return true;
}

function maskGroups(groups: readonly number[], prefix: number): number[] {
  let remaining = prefix;
  return groups.map((g) => {
    const take = Math.max(0, Math.min(16, remaining));
    remaining -= take;
    return take === 0 ? 0 : g & ((0xffff << (16 - take)) & 0xffff);
  });
}

function formatNetwork(version: 4 | 6, groups: readonly number[], prefix: number): string {
  if (version === 4) {
    const [a = 0, b = 0] = groups;
    return `${a >> 8}.${a & 0xff}.${b >> 8}.${b & 0xff}/${prefix}`;
  }
  return `${groups.map((g) => g.toString(16)).join(':')}/${prefix}`;
}

/** Parses an IPv4 address into 2 groups or an IPv6 address (with `::`, embedded IPv4, a `%zone`) into 8. */
export function parseIp(text: string): number[] | undefined {
  const s = text.trim();
  if (s.length === 0 || s.length > 64) return undefined;
  if (!s.includes(':')) {
    const v4 = parseIpv4(s);
    return v4 === undefined ? undefined : [v4 >>> 16, v4 & 0xffff];
  }
  const zone = s.indexOf('%');
  return parseIpv6Groups(zone < 0 ? s : s.slice(0, zone));
}
