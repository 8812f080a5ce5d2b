import { parseIpv4, parseIpv6 } from '../../../lib/ip.js';
import { stripComments } from './authentication-results.js';

/** One `Received:` header: who handed the message to whom, and when. */
export interface ReceivedHop {
  /** Position among the Received headers, 0 = the topmost (last added). */
  readonly index: number;
  readonly from: string | undefined;
  /** The connecting address the receiving server recorded, if any. */
  readonly fromIp: string | undefined;
  readonly by: string | undefined;
  readonly with: string | undefined;
  /** Epoch ms of the hop, when its date parses. */
  readonly time: number | undefined;
}

export interface ReceivedChain {
  /** Hops from the oldest (the origin) to the newest (the final server). */
  readonly hops: readonly ReceivedHop[];
  /** The newest hop whose connecting address is public: where the message came in from outside. */
  readonly firstExternalHop: ReceivedHop | undefined;
  /** Delay in ms between each hop and the next newer one (same order as `hops`, one fewer). */
  readonly delays: readonly (number | undefined)[];
}

const MAX_HEADER = 4096;
const BRACKET_IP = /\[(?:ipv6:)?([0-9a-f:.]+)\]/i;
const PAREN_IP = /\(([0-9a-f:.]{7,45})\)/i;

/** True for addresses that are not reachable on the internet (private, loopback, link-local …). */
export function isPrivateIp(ip: string): boolean {
  const v4 = parseIpv4(ip);
  if (v4 !== undefined) {
    const a = v4 >>> 24;
    const b = (v4 >>> 16) & 255;
    return a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
  }
  const v6 = parseIpv6(ip);
  if (v6 === undefined) return true;
  const top = v6[0] >>> 16;
  if (v6[0] === 0 && v6[1] === 0 && v6[2] === 0xffff) return isPrivateIp(`${v6[3] >>> 24}.${(v6[3] >>> 16) & 255}.${(v6[3] >>> 8) & 255}.${v6[3] & 255}`);
  return (v6[0] === 0 && v6[1] === 0 && v6[2] === 0) || (top & 0xfe00) === 0xfc00 || (top & 0xffc0) === 0xfe80 || top >= 0xff00;
}

function normaliseIp(candidate: string): string | undefined {
  if (parseIpv4(candidate) !== undefined) return candidate;
  const v6 = parseIpv6(candidate);
  return v6 === undefined ? undefined : candidate.toLowerCase();
}

const CLAUSES = {
  from: /(?:^|\s)from\s+([^\s;()]+)/i,
  by: /(?:^|\s)by\s+([^\s;()]+)/i,
  with: /(?:^|\s)with\s+([^\s;()]+)/i,
} as const;

function clause(value: string, keyword: keyof typeof CLAUSES): string | undefined {
  return CLAUSES[keyword].exec(value)?.[1];
}

/** Parses one Received header (`from A (B [ip]) by C with D id E; date`). */
export function parseReceived(value: string, index: number): ReceivedHop {
  const bounded = value.slice(0, MAX_HEADER);
  const semicolon = bounded.lastIndexOf(';');
  const dateText = semicolon >= 0 ? bounded.slice(semicolon + 1).trim() : '';
  const parsed = dateText === '' ? Number.NaN : Date.parse(dateText.replace(/\s*\([^)]*\)\s*$/, ''));
  const fromStart = /(?:^|\s)from\s/i.exec(bounded);
  const byStart = /\sby\s/i.exec(bounded);
  const fromPart = fromStart === null ? '' : bounded.slice(fromStart.index, byStart !== null && byStart.index > fromStart.index ? byStart.index : undefined);
  const ipText = BRACKET_IP.exec(fromPart)?.[1] ?? PAREN_IP.exec(fromPart)?.[1];
  const clean = stripComments(semicolon >= 0 ? bounded.slice(0, semicolon) : bounded);
  return {
    index,
    from: clause(clean, 'from'),
    fromIp: ipText === undefined ? undefined : normaliseIp(ipText),
    by: clause(clean, 'by'),
    with: clause(clean, 'with'),
    time: Number.isFinite(parsed) ? parsed : undefined,
  };
}

/** The Received chain of a message from its Received header values (topmost first, as written). */
export function parseReceivedChain(values: readonly string[]): ReceivedChain {
  const newestFirst = values.map((v, i) => parseReceived(v, i));
  const firstExternalHop = newestFirst.find((hop) => hop.fromIp !== undefined && !isPrivateIp(hop.fromIp));
  const hops = [...newestFirst].reverse();
  const delays: (number | undefined)[] = [];
  for (let i = 1; i < hops.length; i++) {
    const older = hops[i - 1]!.time;
    const newer = hops[i]!.time;
    delays.push(older === undefined || newer === undefined ? undefined : newer - older);
  }
  return { hops, firstExternalHop, delays };
}
