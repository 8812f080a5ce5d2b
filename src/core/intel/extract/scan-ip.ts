import RE2 from 're2';
import { formatIpv4, formatIpv6, ipv4FromMapped, maskIpv4, parseCidr, parseIpv4, parseIpv6Groups, parseIpv6 } from '../../../lib/ip.js';
import { type Candidate, isWordChar } from './candidate.js';

const IPV4 = new RE2('[0-9]{1,3}(?:\\.[0-9]{1,3}){3}(?:/[0-9]{1,3})?', 'g');
const IPV6 = new RE2('[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:/[0-9]{1,3})?', 'g');
const VERSION_WORD = /(?:version|ver\.?|build|release|rev\.?|firmware|v)\s*$/i;

/**
 * IPv4 addresses and CIDR blocks. Refused: octets over 255 or with leading zeros (`999.1.1.1`,
 * `010.0.0.1`), dotted runs longer than four (`1.2.3.4.5`, OIDs), a quad glued to letters
 * (`v1.2.3.4`, `1.2.3.4a`) or after a version word (`version 1.2.3.4`). A block with host bits set
 * (`10.0.0.5/24`, an interface address) gives the address.
 */
export function scanIpv4(s: string, out: Candidate[]): void {
  IPV4.lastIndex = 0;
  for (let m = IPV4.exec(s); m !== null; m = IPV4.exec(s)) {
    const start = m.index;
    let end = start + m[0].length;
    const before = start > 0 ? s.charCodeAt(start - 1) : 32;
    const after = end < s.length ? s.charCodeAt(end) : 32;
    if (isWordChar(before) || before === 46 || isWordChar(after)) continue;
    if (after === 46 && end + 1 < s.length && isWordChar(s.charCodeAt(end + 1))) continue;
    if (VERSION_WORD.test(s.slice(Math.max(0, start - 12), start))) continue;
    const text = m[0];
    const slash = text.indexOf('/');
    const addr = slash === -1 ? text : text.slice(0, slash);
    const v = parseIpv4(addr);
    if (v === undefined) continue;
    if (slash !== -1) {
      const c = parseCidr(text);
      if (c.ok && c.value.family === 4) {
        if (c.value.prefix === 32) out.push({ type: 'ipv4', value: formatIpv4(v), start, end });
        else out.push({ type: 'cidr', value: `${formatIpv4(maskIpv4(v, c.value.prefix))}/${c.value.prefix}`, start, end });
        continue;
      }
      end = start + addr.length;
    }
    out.push({ type: 'ipv4', value: formatIpv4(v), start, end });
  }
}

/**
 * IPv6 addresses and blocks, in RFC 5952 form. A candidate needs two written groups at least and
 * `::`, eight groups or an embedded IPv4 address, so times (`12:30:45`), MAC addresses and
 * `Class::method` are not addresses. IPv4-mapped addresses are reported as IPv4.
 */
export function scanIpv6(s: string, out: Candidate[]): void {
  IPV6.lastIndex = 0;
  for (let m = IPV6.exec(s); m !== null; m = IPV6.exec(s)) {
    const start = m.index;
    const before = start > 0 ? s.charCodeAt(start - 1) : 32;
    if (isWordChar(before)) continue;
    let text = m[0];
    let prefix: number | undefined;
    const slash = text.indexOf('/');
    if (slash !== -1) {
      prefix = Number(text.slice(slash + 1));
      text = text.slice(0, slash);
    }
    if (prefix === undefined) while (text.length > 2 && (text.endsWith('.') || (text.endsWith(':') && !text.endsWith('::')))) text = text.slice(0, -1);
    const after = start + text.length + (prefix === undefined ? 0 : m[0].length - slash);
    if (after < s.length && isWordChar(s.charCodeAt(after))) continue;
    const groups = parseIpv6Groups(text);
    if (groups === undefined) continue;
    const written = text.split(':').filter((g) => g !== '').length;
    if (written < 2 || !(text.includes('::') || written === 8 || text.includes('.'))) continue;
    if (!/[0-9a-fA-F]{2}/.test(text)) continue;
    const w = parseIpv6(text)!;
    const end = prefix === undefined ? start + text.length : start + m[0].length;
    const mapped = ipv4FromMapped(w);
    if (prefix !== undefined && prefix <= 128) {
      const c = parseCidr(`${text}/${prefix}`);
      if (c.ok) {
        out.push(prefix === 128 ? { type: 'ipv6', value: formatIpv6(w), start, end } : { type: 'cidr', value: `${formatIpv6(w)}/${prefix}`, start, end });
        continue;
      }
    }
    if (mapped !== undefined) out.push({ type: 'ipv4', value: formatIpv4(mapped), start, end: start + text.length });
    else out.push({ type: 'ipv6', value: formatIpv6(w), start, end: start + text.length });
  }
}
