import {
  formatCidr,
  maskIpv4,
  maskIpv6,
  parseCidr,
  parseIpv4,
  parseIpv6,
  compareIpv6,
  type Cidr,
} from '../../lib/ip.js';
import { err, ok, type Result } from '../../lib/result.js';

/**
 * What a firewall action may touch: exactly one IPv4/IPv6 address or CIDR block, written strictly
 * (no host bits, no zone, no spaces) and re-formatted canonically, so the text handed to the
 * firewall program is one we produced, never the caller's.
 */
export interface BlockTarget {
  readonly cidr: Cidr;
  /** Canonical text: a bare address for /32 and /128, `network/prefix` otherwise. */
  readonly text: string;
  readonly family: 4 | 6;
}

/** Ranges no block may touch unless configuration allows it: private, loopback, link-local, multicast, reserved. */
const SPECIAL_RANGES: readonly (readonly [string, string])[] = [
  ['0.0.0.0/8', 'this network'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'carrier-grade NAT'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'IETF protocol assignments'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'benchmarking'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['::ffff:0:0/96', 'IPv4-mapped (block the IPv4 address instead)'],
  ['fc00::/7', 'unique local (private)'],
  ['fe80::/10', 'link-local'],
  ['ff00::/8', 'multicast'],
];

const SPECIAL: readonly { readonly cidr: Cidr; readonly label: string }[] = SPECIAL_RANGES.map(([text, label]) => {
  const parsed = parseRange(text);
  if (!parsed.ok) throw new Error(`bad built-in range ${text}`);
  return { cidr: parsed.value.cidr, label };
});

/** Parses one address or CIDR block strictly; the error says why, quoting at most 64 characters. */
export function parseRange(text: string): Result<BlockTarget, string> {
  const quoted = JSON.stringify(text.slice(0, 64));
  if (text.length === 0 || text.length > 64) return err(`${quoted} is not an IP address or CIDR block`);
  let cidr: Cidr;
  if (text.includes('/')) {
    const parsed = parseCidr(text);
    if (!parsed.ok) {
      return err(parsed.problem.kind === 'host-bits' ? `${quoted} has host bits set (the network is ${parsed.problem.network})` : `${quoted} is not an IP address or CIDR block`);
    }
    cidr = parsed.value;
  } else {
    const v4 = parseIpv4(text);
    const v6 = v4 === undefined ? parseIpv6(text) : undefined;
    if (v4 !== undefined) cidr = { family: 4, network: v4, prefix: 32 };
    else if (v6 !== undefined) cidr = { family: 6, network: v6, prefix: 128 };
    else return err(`${quoted} is not an IP address or CIDR block`);
  }
  const full = formatCidr(cidr);
  const single = cidr.prefix === (cidr.family === 4 ? 32 : 128);
  return ok({ cidr, family: cidr.family, text: single ? full.slice(0, full.lastIndexOf('/')) : full });
}

/** True when the two blocks share at least one address. */
export function rangesOverlap(a: Cidr, b: Cidr): boolean {
  const prefix = Math.min(a.prefix, b.prefix);
  if (a.family === 4 && b.family === 4) return maskIpv4(a.network, prefix) === maskIpv4(b.network, prefix);
  if (a.family === 6 && b.family === 6) return compareIpv6(maskIpv6(a.network, prefix), maskIpv6(b.network, prefix)) === 0;
  return false;
}

/** True when `outer` contains all of `inner`. */
export function rangeContains(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && outer.prefix <= inner.prefix && rangesOverlap(outer, inner);
}

/** Which blocks the firewall actions may touch (from `connectors.firewall`). */
export interface BlockPolicy {
  readonly allow: readonly Cidr[];
  readonly protect: readonly Cidr[];
  readonly minPrefixV4: number;
  readonly minPrefixV6: number;
}

/** Builds a policy from configured range texts; invalid entries are reported all at once. */
export function blockPolicy(config: { allowRanges: readonly string[]; protectedRanges: readonly string[]; minPrefixV4: number; minPrefixV6: number }): Result<BlockPolicy, string[]> {
  const problems: string[] = [];
  const parseAll = (list: readonly string[], key: string): Cidr[] =>
    list.flatMap((text) => {
      const r = parseRange(text);
      if (r.ok) return [r.value.cidr];
      problems.push(`connectors.firewall.${key}: ${r.error}`);
      return [];
    });
  const allow = parseAll(config.allowRanges, 'allowRanges');
  const protect = parseAll(config.protectedRanges, 'protectedRanges');
  if (problems.length) return err(problems);
  return ok({ allow, protect, minPrefixV4: config.minPrefixV4, minPrefixV6: config.minPrefixV6 });
}

/**
 * Validates a block target against the policy: one address or block, not wider than the minimum
 * prefix, not touching the organisation's own ranges, and not touching a special range unless an
 * allowed range holds all of it.
 */
export function checkBlockTarget(text: string, policy: BlockPolicy): Result<BlockTarget, string> {
  const parsed = parseRange(text);
  if (!parsed.ok) return parsed;
  const target = parsed.value;
  const { cidr } = target;
  const own = policy.protect.find((p) => rangesOverlap(p, cidr));
  if (own !== undefined) return err(`${target.text} overlaps the protected range ${formatCidr(own)}`);
  const min = cidr.family === 4 ? policy.minPrefixV4 : policy.minPrefixV6;
  if (cidr.prefix < min) return err(`${target.text} is wider than /${min}, the widest block allowed for IPv${cidr.family}`);
  if (!policy.allow.some((a) => rangeContains(a, cidr))) {
    const special = SPECIAL.find((s) => rangesOverlap(s.cidr, cidr));
    if (special !== undefined) return err(`${target.text} overlaps ${formatCidr(special.cidr)} (${special.label}); allow it in connectors.firewall.allowRanges to block it`);
  }
  return ok(target);
}
