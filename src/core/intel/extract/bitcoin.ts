import { createHash } from 'node:crypto';

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

/**
 * True for a valid Bitcoin mainnet address: Base58Check P2PKH (`1…`) or P2SH (`3…`) with a correct
 * double-SHA-256 checksum, or SegWit (`bc1…`) with a correct BIP-173 (v0) / BIP-350 (v1+) checksum.
 */
export function isBitcoinAddress(s: string): boolean {
  return s.toLowerCase().startsWith('bc1') ? isSegwit(s) : isBase58Check(s);
}

function isBase58Check(s: string): boolean {
  if (s.length < 26 || s.length > 35) return false;
  let n = 0n;
  for (const ch of s) {
    const v = BASE58.indexOf(ch);
    if (v === -1) return false;
    n = n * 58n + BigInt(v);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n % 256n));
    n /= 256n;
  }
  for (let i = 0; i < s.length && s[i] === '1'; i++) bytes.unshift(0);
  if (bytes.length !== 25 || (bytes[0] !== 0x00 && bytes[0] !== 0x05)) return false;
  const payload = Uint8Array.from(bytes.slice(0, 21));
  const check = createHash('sha256').update(createHash('sha256').update(payload).digest()).digest();
  return check[0] === bytes[21] && check[1] === bytes[22] && check[2] === bytes[23] && check[3] === bytes[24];
}

function polymod(values: readonly number[]): number {
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= gen[i]!;
  }
  return chk >>> 0;
}

function isSegwit(s: string): boolean {
  if (s !== s.toLowerCase() && s !== s.toUpperCase()) return false;
  const a = s.toLowerCase();
  if (a.length < 14 || a.length > 90) return false;
  const data: number[] = [];
  for (const ch of a.slice(3)) {
    const v = BECH32.indexOf(ch);
    if (v === -1) return false;
    data.push(v);
  }
  const hrp = [0x62, 0x63]; // 'b', 'c'
  const expanded = [...hrp.map((c) => c >> 5), 0, ...hrp.map((c) => c & 31), ...data];
  const check = polymod(expanded);
  const version = data[0]!;
  if (version > 16) return false;
  if (check !== (version === 0 ? 1 : 0x2bc830a3)) return false;
  // Witness program: 5-bit groups (without version and checksum) to bytes.
  let acc = 0;
  let bits = 0;
  const prog: number[] = [];
  for (const v of data.slice(1, -6)) {
    acc = (acc << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      prog.push((acc >> bits) & 0xff);
    }
  }
  if (bits >= 5 || (acc & ((1 << bits) - 1)) !== 0) return false;
  if (prog.length < 2 || prog.length > 40) return false;
  return version !== 0 || prog.length === 20 || prog.length === 32;
}
