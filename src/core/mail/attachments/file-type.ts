/** What a file really is, judged by its first bytes (magic numbers), whatever its name says. */
export type FileKind =
  | 'pe' | 'elf' | 'macho' | 'zip' | 'ole' | 'pdf' | 'rar' | '7z' | 'iso' | 'cab' | 'lnk' | 'onenote'
  | 'chm' | 'vhd' | 'gzip' | 'rtf' | 'html' | 'svg' | 'script' | 'png' | 'jpeg' | 'gif' | 'bmp' | 'unknown';

/** Kinds that run code when opened (directly or through the shell). */
export const executableKinds: ReadonlySet<FileKind> = new Set<FileKind>(['pe', 'elf', 'macho', 'lnk', 'script']);

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  for (let i = 0; i < signature.length; i += 1) {
    if (bytes[at + i] !== signature[i]) return false;
  }
  return true;
}

function ascii(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

const SIGNATURES: readonly { readonly kind: FileKind; readonly bytes: readonly number[]; readonly at?: number }[] = [
  { kind: 'elf', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { kind: 'macho', bytes: [0xfe, 0xed, 0xfa, 0xce] },
  { kind: 'macho', bytes: [0xfe, 0xed, 0xfa, 0xcf] },
  { kind: 'macho', bytes: [0xce, 0xfa, 0xed, 0xfe] },
  { kind: 'macho', bytes: [0xcf, 0xfa, 0xed, 0xfe] },
  { kind: 'macho', bytes: [0xca, 0xfe, 0xba, 0xbe] },
  { kind: 'zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { kind: 'zip', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { kind: 'zip', bytes: [0x50, 0x4b, 0x07, 0x08] },
  { kind: 'ole', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { kind: 'rar', bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { kind: '7z', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { kind: 'cab', bytes: ascii('MSCF') },
  { kind: 'lnk', bytes: [0x4c, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00] },
  { kind: 'onenote', bytes: [0xe4, 0x52, 0x5c, 0x7b, 0x8c, 0xd8, 0xa7, 0x4d, 0xae, 0xb1, 0x53, 0x78, 0xd0, 0x29, 0x96, 0xd3] },
  { kind: 'chm', bytes: ascii('ITSF') },
  { kind: 'vhd', bytes: ascii('conectix') },
  { kind: 'vhd', bytes: ascii('vhdxfile') },
  { kind: 'gzip', bytes: [0x1f, 0x8b] },
  { kind: 'rtf', bytes: ascii('{\\rt') },
  { kind: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { kind: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'gif', bytes: ascii('GIF8') },
  { kind: 'iso', bytes: ascii('CD001'), at: 0x8001 },
  { kind: 'iso', bytes: ascii('CD001'), at: 0x8801 },
  { kind: 'iso', bytes: ascii('CD001'), at: 0x9001 },
];

const PDF = ascii('%PDF-');

function findWithin(bytes: Uint8Array, needle: readonly number[], limit: number): boolean {
  const end = Math.min(bytes.length, limit) - needle.length;
  for (let i = 0; i <= end; i += 1) {
    if (startsWith(bytes, needle, i)) return true;
  }
  return false;
}

function isPortableExecutable(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, [0x4d, 0x5a])) return false;
  // A DOS header is 64 bytes; a short "MZ" text file is not an executable.
  return bytes.length >= 64;
}

const TEXT_DECODER = new TextDecoder('latin1');

function textKind(head: string): FileKind | undefined {
  const text = head.replace(/^(?:\uFEFF|ï»¿)?\s*/u, '').toLowerCase();
  if (text.startsWith('#!')) return 'script';
  if (text.startsWith('<svg') || (text.startsWith('<?xml') && text.includes('<svg'))) return 'svg';
  if (/^<(?:!doctype html|html|head|body|script|meta|iframe|form|title|div|a |hta:)/u.test(text)) return 'html';
  if (text.includes('<html') || text.includes('<script')) return 'html';
  if (/^<(?:job|package)\b/u.test(text)) return 'script';
  return undefined;
}

/** Detects the real type of a file from its leading bytes; `unknown` when nothing matches. */
export function detectFileKind(bytes: Uint8Array): FileKind {
  if (isPortableExecutable(bytes)) return 'pe';
  for (const signature of SIGNATURES) {
    if (startsWith(bytes, signature.bytes, signature.at ?? 0)) return signature.kind;
  }
  if (findWithin(bytes, PDF, 1024)) return 'pdf';
  if (bytes.length >= 512 && startsWith(bytes, ascii('conectix'), bytes.length - 512)) return 'vhd';
  if (startsWith(bytes, [0x42, 0x4d]) && bytes.length >= 26) return 'bmp';
  const text = textKind(TEXT_DECODER.decode(bytes.subarray(0, 1024)));
  return text ?? 'unknown';
}
