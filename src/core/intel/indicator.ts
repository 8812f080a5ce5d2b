import { z } from 'zod';
import { type Result, err, ok } from '../../lib/result.js';
import { normalizeDomain } from './domain.js';
import { normalizeEmail } from './email.js';
import { type IntelError, intelError } from './errors.js';
import { HASH_TYPES, type HashType, normalizeHash } from './hash.js';
import { formatCidr, formatIpv4, formatIpv6, ipv4FromMapped, parseCidr, parseIpv4, parseIpv6 } from '../../lib/ip.js';
import { INTEL_LIMITS } from './limits.js';
import { canonicalizeUrl } from './url.js';

/** The indicator types Vigil stores and matches. */
export const INDICATOR_TYPES = ['ipv4', 'ipv6', 'cidr', 'domain', 'url', 'email', ...HASH_TYPES] as const;
/** One indicator type. */
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

/** Traffic Light Protocol levels: TLP 1.0 (`white`) and TLP 2.0 (`clear`, `amber+strict`). */
export const TLP_LEVELS = ['clear', 'white', 'green', 'amber', 'amber+strict', 'red'] as const;
/** One TLP level. */
export type Tlp = (typeof TLP_LEVELS)[number];

/** How restrictive each level is, for "the most restrictive marking wins". */
export const TLP_RANK: Readonly<Record<Tlp, number>> = { clear: 0, white: 0, green: 1, amber: 2, 'amber+strict': 3, red: 4 };

/**
 * One indicator as stored and matched. `value` is canonical for its `type` (see `normalizeIndicator`).
 * Times are epoch milliseconds (UTC), like `TimedEvent.ts`: they are compared on every match and
 * numbers compare fastest. `validFrom`/`validUntil` bound when the indicator matches
 * (`validFrom <= t < validUntil`, STIX semantics); `revoked` indicators never match.
 * `ref` is the id in the source (STIX id, MISP attribute uuid, feed row id).
 */
export const indicatorSchema = z
  .object({
    type: z.enum(INDICATOR_TYPES),
    value: z.string().min(1).max(INTEL_LIMITS.maxValueLength),
    source: z.string().min(1).max(256),
    confidence: z.number().int().min(0).max(100).optional(),
    tlp: z.enum(TLP_LEVELS).optional(),
    labels: z.array(z.string().max(256)).max(256),
    firstSeen: z.number().int().optional(),
    lastSeen: z.number().int().optional(),
    validFrom: z.number().int().optional(),
    validUntil: z.number().int().optional(),
    revoked: z.boolean(),
    ref: z.string().max(256).optional(),
    description: z.string().max(4096).optional(),
  })
  .strict();

/** One indicator (see `indicatorSchema`). */
export type Indicator = z.infer<typeof indicatorSchema>;

/** A canonical value and the type it turned out to be (a `/32` CIDR is an `ipv4`, and so on). */
export interface NormalizedValue {
  readonly type: IndicatorType;
  readonly value: string;
}

/**
 * Canonical form of a raw value of the given type:
 * - `ipv4`: dotted quad without leading zeros; a value with `/` is read as a CIDR.
 * - `ipv6`: RFC 5952 text; an IPv4-mapped address (`::ffff:a.b.c.d`) becomes an `ipv4`.
 * - `cidr`: network address and prefix, rejected when host bits are set; `/32` and `/128` become
 *   the single address, an IPv4-mapped IPv6 block of `/96` or longer becomes an IPv4 block.
 * - `domain`: see `normalizeDomain` (punycode, lower case, two labels at least).
 * - `url`: see `canonicalizeUrl` (WHATWG URL, no fragment).
 * - `email`: see `normalizeEmail`.
 * - hashes: lower-case hex of the right length.
 */
export function normalizeIndicator(type: IndicatorType, raw: string): Result<NormalizedValue, IntelError> {
  if (raw.length > INTEL_LIMITS.maxValueLength) return err(intelError('INTEL_TOO_LARGE', `value longer than ${INTEL_LIMITS.maxValueLength} characters`));
  const s = raw.trim();
  const bad = (reason: string): Result<NormalizedValue, IntelError> => err(intelError('INTEL_INVALID_VALUE', reason));
  switch (type) {
    case 'ipv4': {
      if (s.includes('/')) return normalizeCidr(s);
      const v = parseIpv4(s);
      return v === undefined ? bad(`"${clip(s)}" is not an IPv4 address`) : ok({ type: 'ipv4', value: formatIpv4(v) });
    }
    case 'ipv6': {
      if (s.includes('/')) return normalizeCidr(s);
      const w = parseIpv6(s);
      if (w === undefined) return bad(`"${clip(s)}" is not an IPv6 address`);
      const mapped = ipv4FromMapped(w);
      return mapped === undefined ? ok({ type: 'ipv6', value: formatIpv6(w) }) : ok({ type: 'ipv4', value: formatIpv4(mapped) });
    }
    case 'cidr':
      return normalizeCidr(s);
    case 'domain': {
      const d = normalizeDomain(s);
      return d.ok ? ok({ type: 'domain', value: d.value }) : bad(d.reason);
    }
    case 'url': {
      const u = canonicalizeUrl(s);
      return u.ok ? ok({ type: 'url', value: u.value }) : bad(u.reason);
    }
    case 'email': {
      const e = normalizeEmail(s);
      return e.ok ? ok({ type: 'email', value: e.value }) : bad(e.reason);
    }
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'sha512': {
      const h = normalizeHash(type satisfies HashType, s);
      return h.ok ? ok({ type, value: h.value }) : bad(h.reason);
    }
    default:
      return assertNever(type);
  }
}

function normalizeCidr(s: string): Result<NormalizedValue, IntelError> {
  const c = parseCidr(s);
  if (!c.ok) {
    const why = c.problem.kind === 'host-bits' ? `host bits are set (the network is ${c.problem.network})` : 'not a CIDR block';
    return err(intelError('INTEL_INVALID_VALUE', `"${clip(s)}": ${why}`));
  }
  const v = c.value;
  if (v.family === 4) return v.prefix === 32 ? ok({ type: 'ipv4', value: formatIpv4(v.network) }) : ok({ type: 'cidr', value: formatCidr(v) });
  const mapped = ipv4FromMapped(v.network);
  if (mapped !== undefined && v.prefix >= 96) {
    return v.prefix === 128 ? ok({ type: 'ipv4', value: formatIpv4(mapped) }) : ok({ type: 'cidr', value: `${formatIpv4(mapped)}/${v.prefix - 96}` });
  }
  return v.prefix === 128 ? ok({ type: 'ipv6', value: formatIpv6(v.network) }) : ok({ type: 'cidr', value: formatCidr(v) });
}

/** The fields of an indicator other than its type and value, as readers gather them. */
export type IndicatorMeta = Omit<Indicator, 'type' | 'value'>;

/** Normalizes a value and attaches its metadata. */
export function buildIndicator(type: IndicatorType, raw: string, meta: IndicatorMeta): Result<Indicator, IntelError> {
  const n = normalizeIndicator(type, raw);
  if (!n.ok) return n;
  return ok({ ...meta, type: n.value.type, value: n.value.value });
}

/** Throws on an impossible union member (used at the end of exhaustive switches). */
export function assertNever(x: never): never {
  throw new Error(`unexpected value ${String(x)}`);
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
