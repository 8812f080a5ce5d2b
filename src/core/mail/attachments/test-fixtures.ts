/**
 * Builders for the crafted inputs of this folder's tests: messages, real VBA macro documents
 * (compound files written with cfb), ZIP archives and PDFs. Test-only; nothing here is copied
 * from a corpus.
 */
import * as CFB from 'cfb';
import { zipSync, zlibSync, type Zippable } from 'fflate';
import type { MailAttachment, ParsedMail } from '../contract.js';
import { compressOvba } from './ms-ovba.js';

export interface TestAttachment {
  readonly filename: string;
  readonly content: Uint8Array;
  readonly contentType?: string;
}

/** A message with the given attachments and text body. */
export function mailWith(attachments: readonly TestAttachment[], text = ''): ParsedMail {
  const parts: MailAttachment[] = attachments.map((a, index) => ({
    index,
    filename: a.filename,
    contentType: a.contentType ?? 'application/octet-stream',
    disposition: 'attachment',
    content: a.content,
  }));
  return {
    headers: [], subject: 'test', from: undefined, sender: undefined, replyTo: [], returnPath: undefined, to: [],
    date: undefined, messageId: undefined, text, html: '', attachments: parts, problems: [],
  };
}

export const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const latin1 = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0) & 0xff);
const utf16 = (text: string): number[] => Array.from(text).flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]);

function record(id: number, data: readonly number[], sizeOverride?: number): number[] {
  const size = sizeOverride ?? data.length;
  return [id & 0xff, id >> 8, size & 0xff, (size >> 8) & 0xff, (size >> 16) & 0xff, size >>> 24, ...data];
}
const u16 = (value: number): number[] => [value & 0xff, value >> 8];
const u32 = (value: number): number[] => [value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >>> 24];

/** A decompressed `dir` stream (MS-OVBA 2.3.4.2) listing `modules`, each with its source at `offset`. */
export function buildDirStream(modules: readonly { readonly name: string; readonly offset: number }[]): Uint8Array {
  const bytes: number[] = [
    ...record(0x0001, u32(1)), ...record(0x0002, u32(0x409)), ...record(0x0014, u32(0x409)), ...record(0x0003, u16(1252)),
    ...record(0x0004, latin1('VBAProject')), ...record(0x0005, []), ...record(0x0040, []), ...record(0x0006, []), ...record(0x003d, []),
    ...record(0x0007, u32(0)), ...record(0x0008, u32(0)),
    // PROJECTVERSION: the size field says 4 but six bytes follow (MS-OVBA 2.3.4.2.1.11).
    ...record(0x0009, [...u32(1234), ...u16(5)], 4),
    ...record(0x000c, []), ...record(0x003c, []),
    ...record(0x000f, u16(modules.length)), ...record(0x0013, u16(0xffff)),
  ];
  for (const module of modules) {
    bytes.push(
      ...record(0x0019, latin1(module.name)), ...record(0x0047, utf16(module.name)),
      ...record(0x001a, latin1(module.name)), ...record(0x0032, utf16(module.name)),
      ...record(0x001c, []), ...record(0x0048, []), ...record(0x0031, u32(module.offset)), ...record(0x001e, u32(0)),
      ...record(0x002c, u16(0xffff)), ...record(0x0021, []), ...record(0x002b, []),
    );
  }
  bytes.push(...record(0x0010, []));
  return Uint8Array.from(bytes);
}

/** A compound file holding a VBA project (`VBA/dir` plus module streams) under `prefix`. */
export function buildVbaContainer(modules: readonly { readonly name: string; readonly source: string }[], prefix = '', extra: Readonly<Record<string, Uint8Array>> = {}): Uint8Array {
  const container = CFB.utils.cfb_new();
  // A performance cache precedes the compressed source; its length is the module's offset.
  const cache = Uint8Array.from({ length: 16 }, (_, i) => (i * 37) & 0xff);
  CFB.utils.cfb_add(container, `${prefix}VBA/dir`, compressOvba(buildDirStream(modules.map((m) => ({ name: m.name, offset: cache.length })))));
  CFB.utils.cfb_add(container, `${prefix}VBA/_VBA_PROJECT`, Uint8Array.from([0xcc, 0x61, 0xff, 0xff, 0x00, 0x00, 0x00]));
  for (const module of modules) {
    const compressed = compressOvba(Uint8Array.from(latin1(module.source)));
    const stream = new Uint8Array(cache.length + compressed.length);
    stream.set(cache);
    stream.set(compressed, cache.length);
    CFB.utils.cfb_add(container, `${prefix}VBA/${module.name}`, stream);
  }
  CFB.utils.cfb_add(container, `${prefix}PROJECT`, encode(`ID="{00000000-0000-0000-0000-000000000000}"\r\n${modules.map((m) => `Module=${m.name}`).join('\r\n')}\r\n`));
  for (const [path, content] of Object.entries(extra)) CFB.utils.cfb_add(container, path, content);
  return toBytes(CFB.write(container, { type: 'buffer' }));
}

/** A compound file with arbitrary streams (a document without macros, a Workbook stream …). */
export function buildCompoundFile(streams: Readonly<Record<string, Uint8Array>>): Uint8Array {
  const container = CFB.utils.cfb_new();
  for (const [path, content] of Object.entries(streams)) CFB.utils.cfb_add(container, path, content);
  return toBytes(CFB.write(container, { type: 'buffer' }));
}

function toBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw new Error('cfb.write did not return bytes');
}

/** A ZIP archive of the given members (deflated). */
export function buildZip(members: Readonly<Record<string, Uint8Array>>): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, content] of Object.entries(members)) zippable[name] = content;
  return zipSync(zippable, { level: 6 });
}

/** A minimal .docm: content types, a document part, and `word/vbaProject.bin`. */
export function buildDocm(vbaProject: Uint8Array | undefined, extra: Readonly<Record<string, Uint8Array>> = {}): Uint8Array {
  return buildZip({
    '[Content_Types].xml': encode('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>'),
    'word/document.xml': encode('<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>Invoice</w:t></w:r></w:p></w:body></w:document>'),
    ...(vbaProject !== undefined ? { 'word/vbaProject.bin': vbaProject } : {}),
    ...extra,
  });
}

/** A small PDF whose objects are given as text; `compressed` objects go in a FlateDecode stream. */
export function buildPdf(objects: readonly string[], compressed?: string): Uint8Array {
  const head = `%PDF-1.7\n${objects.map((o, i) => `${i + 1} 0 obj\n${o}\nendobj\n`).join('')}`;
  if (compressed === undefined) return encode(`${head}%%EOF\n`);
  // FlateDecode streams are zlib-wrapped (RFC 1950), as real producers write them.
  const zlibWrapped = zlibSync(encode(compressed));
  const start = encode(`${head}${objects.length + 1} 0 obj\n<< /Type /ObjStm /Filter /FlateDecode /Length ${zlibWrapped.length} >>\nstream\n`);
  const end = encode('\nendstream\nendobj\n%%EOF\n');
  const out = new Uint8Array(start.length + zlibWrapped.length + end.length);
  out.set(start);
  out.set(zlibWrapped, start.length);
  out.set(end, start.length + zlibWrapped.length);
  return out;
}

/** The codes of a findings' reasons, for compact assertions. */
export function codesOf(findings: { readonly reasons: readonly { readonly code: string }[] }): string[] {
  return findings.reasons.map((r) => r.code);
}
