import { isIpAddress } from '../../../lib/ip.js';
import { digitsStartBefore, lastSpaceBefore, matchesAt, parseDecimal, sliceClipped } from '../text/scan.js';
import type { AuthFacts } from './auth-facts.js';

/** Longest textual IP address (IPv6 with an IPv4 tail). */
const MAX_IP_LENGTH = 45;

/**
 * Reads `IP` or `IP port N` that ends exactly at `end` and starts at or after `floor`, and records it
 * in `facts`. Returns the index where the IP starts, or -1 when the text there is not an address.
 *
 * Reading from the right is the point: OpenSSH puts the attacker-chosen user name on the left of the
 * address, so `Invalid user x from 1.2.3.4 from 9.9.9.9 port 22` has its real source at the end.
 */
export function readAddressTail(text: string, floor: number, end: number, facts: AuthFacts, port: 'required' | 'optional'): number {
  let ipEnd = end;
  let portValue = -1;
  const digits = digitsStartBefore(text, end, floor, 5);
  if (digits < end && digits - 6 >= floor && matchesAt(text, digits - 6, ' port ')) {
    portValue = parseDecimal(text, digits, end, 65535);
    if (portValue < 0) return -1;
    ipEnd = digits - 6;
  } else if (port === 'required') {
    return -1;
  }
  const space = lastSpaceBefore(text, ipEnd, floor, MAX_IP_LENGTH + 1);
  if (space === -2) return -1;
  const ipStart = space + 1;
  if (!isIpAddress(text, ipStart, ipEnd)) return -1;
  facts.sourceIp = text.slice(ipStart, ipEnd);
  facts.sourcePort = portValue;
  return ipStart;
}

/** How OpenSSH introduced the user in front of an address. */
export type UserKind = 'none' | 'invalid' | 'authenticating' | 'user';

/**
 * Reads `[invalid user X |authenticating user X |user X ]IP[ port N]` in `text[start, end)`, the shape
 * of OpenSSH's connection and disconnection messages, right-anchored on the address. Returns how the
 * user was introduced, or undefined when the text does not have this shape.
 */
export function readUserAndAddress(text: string, start: number, end: number, facts: AuthFacts): UserKind | undefined {
  const ipStart = readAddressTail(text, start, end, facts, 'optional');
  if (ipStart < 0) return undefined;
  if (ipStart === start) return 'none';
  let kind: UserKind;
  let nameStart: number;
  if (matchesAt(text, start, 'invalid user ')) {
    kind = 'invalid';
    nameStart = start + 13;
  } else if (matchesAt(text, start, 'authenticating user ')) {
    kind = 'authenticating';
    nameStart = start + 20;
  } else if (matchesAt(text, start, 'user ')) {
    kind = 'user';
    nameStart = start + 5;
  } else {
    return undefined;
  }
  facts.userName = nameStart < ipStart - 1 ? sliceClipped(text, nameStart, ipStart - 1) : '';
  facts.sshInvalidUser = kind === 'invalid' ? 1 : 0;
  return kind;
}

/**
 * Records the user of `text[start, end)` as OpenSSH writes it after `for`: `invalid user X` or `X`.
 * An empty range is an empty user name (OpenSSH logs `for  from` when the client sent none).
 */
export function readSshUser(text: string, start: number, end: number, facts: AuthFacts): void {
  let nameStart = start;
  facts.sshInvalidUser = 0;
  if (end - start >= 13 && matchesAt(text, start, 'invalid user ')) {
    nameStart = start + 13;
    facts.sshInvalidUser = 1;
  }
  facts.userName = nameStart < end ? sliceClipped(text, nameStart, end) : '';
}
