import { isIpAddress } from '../../../lib/ip.js';
import { matchesAt, matchesEnd, parseDecimal, sliceClipped } from '../text/scan.js';
import type { AuthFacts } from './auth-facts.js';
import { readAddressTail, readUserAndAddress } from './address-tail.js';

/**
 * `Connection closed by …`, `Connection reset by …`, `Disconnected from …` with
 * `[invalid user X |authenticating user X |user X ]IP[ port N]` (`[preauth]` already removed).
 * `Disconnected from user X …` ends a logged-in session; the others end a connection before login.
 */
export function readConnectionEnd(text: string, prefixLength: number, facts: AuthFacts): boolean {
  const kind = readUserAndAddress(text, prefixLength, text.length, facts);
  if (kind === undefined) return false;
  if (kind === 'user') facts.classify('ssh_disconnect', 'session', 'end', '');
  else facts.classify('ssh_disconnect', 'network', 'end', '');
  return true;
}

/** `Did not receive identification string from IP[ port N]`, `Timeout before authentication for IP[ port N]`. */
export function readAddressOnly(text: string, prefixLength: number, facts: AuthFacts): boolean {
  if (readAddressTail(text, prefixLength, text.length, facts, 'optional') !== prefixLength) return false;
  facts.classify('ssh_disconnect', 'network', 'end', '');
  return true;
}

const RECEIVED = 'Received disconnect from ';

/**
 * `Received disconnect from IP port N:CODE: TEXT` (OpenSSH ≥ 7.x) or `Received disconnect from IP: CODE: TEXT`.
 * TEXT is chosen by the client, so this one is read from the left: address, port and code first.
 */
export function readReceivedDisconnect(text: string, facts: AuthFacts): boolean {
  const ipStart = RECEIVED.length;
  const space = text.indexOf(' ', ipStart);
  if (space < 0 || space - ipStart > 47) return false;
  let ipEnd = space;
  let codeStart: number;
  let port = -1;
  if (text.charCodeAt(space - 1) === 58) {
    ipEnd = space - 1;
    codeStart = space + 1;
  } else {
    if (!matchesAt(text, space + 1, 'port ')) return false;
    const colon = text.indexOf(':', space + 6);
    port = colon < 0 || colon - space > 12 ? -1 : parseDecimal(text, space + 6, colon, 65535);
    if (port < 0) return false;
    codeStart = colon + 1;
  }
  if (!isIpAddress(text, ipStart, ipEnd)) return false;
  const codeEnd = text.indexOf(':', codeStart);
  if (codeEnd < 0 || codeEnd - codeStart > 4 || parseDecimal(text, codeStart, codeEnd, 255) < 0) return false;
  facts.sourceIp = text.slice(ipStart, ipEnd);
  facts.sourcePort = port;
  const reasonStart = text.charCodeAt(codeEnd + 1) === 32 ? codeEnd + 2 : codeEnd + 1;
  facts.reason = sliceClipped(text, reasonStart, text.length);
  facts.classify('ssh_disconnect', 'network', 'end', '');
  return true;
}

const REVERSE = 'reverse mapping checking getaddrinfo for ';
const REVERSE_SUFFIX = '] failed - POSSIBLE BREAK-IN ATTEMPT!';
const MAPS_PREFIX = 'Address ';
const MAPS_SUFFIX = ', but this does not map back to the address - POSSIBLE BREAK-IN ATTEMPT!';

/**
 * `reverse mapping checking getaddrinfo for HOST [IP] failed - POSSIBLE BREAK-IN ATTEMPT!` and
 * `Address IP maps to HOST, but this does not map back to the address - POSSIBLE BREAK-IN ATTEMPT!`.
 * HOST comes from the attacker's own reverse DNS, so it is read between fixed parts and kept as a domain only.
 */
export function readReverseMapping(text: string, facts: AuthFacts): boolean {
  let hostStart: number;
  let hostEnd: number;
  if (matchesAt(text, 0, REVERSE) && matchesEnd(text, REVERSE_SUFFIX)) {
    const ipEnd = text.length - REVERSE_SUFFIX.length;
    const bracket = text.lastIndexOf(' [', ipEnd);
    if (bracket < REVERSE.length || ipEnd - bracket > 47 || !isIpAddress(text, bracket + 2, ipEnd)) return false;
    facts.sourceIp = text.slice(bracket + 2, ipEnd);
    hostStart = REVERSE.length;
    hostEnd = bracket;
  } else if (matchesAt(text, 0, MAPS_PREFIX) && matchesEnd(text, MAPS_SUFFIX)) {
    const ipEnd = text.indexOf(' maps to ', MAPS_PREFIX.length);
    if (ipEnd < 0 || !isIpAddress(text, MAPS_PREFIX.length, ipEnd)) return false;
    facts.sourceIp = text.slice(MAPS_PREFIX.length, ipEnd);
    hostStart = ipEnd + 9;
    hostEnd = text.length - MAPS_SUFFIX.length;
  } else {
    return false;
  }
  if (hostEnd > hostStart) facts.sourceDomain = sliceClipped(text, hostStart, hostEnd);
  facts.classify('ssh_reverse_mapping_failed', 'network', 'info', 'failure');
  return true;
}
