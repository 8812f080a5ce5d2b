import RE2 from 're2';
import { hashTypeOfLength } from '../hash.js';
import { isBitcoinAddress } from './bitcoin.js';
import type { Candidate } from './candidate.js';

const HASH_RE = new RE2('\\b[0-9a-fA-F]{32,128}\\b', 'g');
const CVE_RE = new RE2('\\bCVE-[0-9]{4}-[0-9]{4,7}\\b', 'gi');
const ATTACK_RE = new RE2('\\b(?:TA[0-9]{4}|T[0-9]{4}(?:\\.[0-9]{3})?|G[0-9]{4}|S[0-9]{4}|M1[0-9]{3})\\b', 'g');
const BTC_RE = new RE2('\\b(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|bc1[02-9ac-hj-np-z]{6,87}|BC1[02-9AC-HJ-NP-Z]{6,87})\\b', 'g');

/** MD5, SHA-1, SHA-256 and SHA-512 in hex: a whole word of exactly 32, 40, 64 or 128 hex digits. */
export function scanHashes(s: string, out: Candidate[]): void {
  HASH_RE.lastIndex = 0;
  for (let m = HASH_RE.exec(s); m !== null; m = HASH_RE.exec(s)) {
    const type = hashTypeOfLength(m[0].length);
    if (type !== undefined) out.push({ type, value: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  }
}

/** CVE ids (`CVE-2021-44228`, any case, upper-cased). */
export function scanCves(s: string, out: Candidate[]): void {
  CVE_RE.lastIndex = 0;
  for (let m = CVE_RE.exec(s); m !== null; m = CVE_RE.exec(s)) out.push({ type: 'cve', value: m[0].toUpperCase(), start: m.index, end: m.index + m[0].length });
}

/** MITRE ATT&CK ids: techniques `T1566`, sub-techniques `T1566.002`, tactics `TA0001`, groups `G0016`, software `S0154`, mitigations `M1017`. */
export function scanAttackIds(s: string, out: Candidate[]): void {
  ATTACK_RE.lastIndex = 0;
  for (let m = ATTACK_RE.exec(s); m !== null; m = ATTACK_RE.exec(s)) out.push({ type: 'attack', value: m[0], start: m.index, end: m.index + m[0].length });
}

/** Bitcoin addresses whose checksum holds (Base58Check, bech32, bech32m). */
export function scanBitcoin(s: string, out: Candidate[]): void {
  BTC_RE.lastIndex = 0;
  for (let m = BTC_RE.exec(s); m !== null; m = BTC_RE.exec(s)) {
    if (isBitcoinAddress(m[0])) out.push({ type: 'bitcoin', value: m[0].startsWith('BC1') ? m[0].toLowerCase() : m[0], start: m.index, end: m.index + m[0].length });
  }
}
