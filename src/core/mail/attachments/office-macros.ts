import * as CFB from 'cfb';
import type { FileLocation } from './collector.js';
import type { AnalysisContext } from './context.js';
import { findVbaStorages, readVbaProject } from './vba-project.js';
import { scanVbaSource } from './vba-patterns.js';

/** Reports the VBA macros of a compound file (a .doc/.xls, or the vbaProject.bin of an OOXML file). */
export function reportVbaMacros(container: CFB.CFB$Container, context: AnalysisContext, location: FileLocation): void {
  const { collector } = context;
  for (const storage of findVbaStorages(container)) {
    const project = readVbaProject(container, storage, context.limits.maxVbaBytes);
    const names = project.modules.map((m) => m.name).join(', ');
    collector.reason('attachment.macro', 30, `The document carries a VBA macro project${names.length > 0 ? ` (modules: ${names.slice(0, 200)})` : ''}.`, location);
    if (project.problems.length > 0) {
      collector.reason('attachment.macro_unreadable', 10, `Part of the VBA project could not be read (${project.problems.slice(0, 3).join('; ')}).`, location);
    }
    const autoExec = new Set<string>();
    const suspicious = new Set<string>();
    const obfuscation = new Set<string>();
    for (const module of project.modules) {
      const signals = scanVbaSource(module.source);
      signals.autoExec.forEach((s) => autoExec.add(s));
      signals.suspicious.forEach((s) => suspicious.add(s));
      signals.obfuscation.forEach((s) => obfuscation.add(s));
      signals.urls.forEach((u) => collector.url(u));
    }
    if (autoExec.size > 0) {
      collector.reason('attachment.macro_autoexec', 25, `The macro runs by itself when the document is opened (${[...autoExec].slice(0, 5).join(', ')}).`, location);
    }
    if (suspicious.size > 0) {
      collector.reason('attachment.macro_download_exec', 40, `The macro uses calls that download or run programs (${[...suspicious].slice(0, 6).join(', ')}).`, location);
    }
    if (obfuscation.size > 0) {
      collector.reason('attachment.macro_obfuscated', 15, `The macro source is obfuscated (${[...obfuscation].join(', ')}).`, location);
    }
  }
}

/** BOUNDSHEET8 records in an .xls Workbook stream whose sheet type is an Excel 4.0 macro sheet. */
function xlmMacroSheets(workbook: Uint8Array): { readonly count: number; readonly hidden: boolean } {
  const view = new DataView(workbook.buffer, workbook.byteOffset, workbook.byteLength);
  let count = 0;
  let hidden = false;
  let position = 0;
  for (let records = 0; records < 200_000 && position + 4 <= workbook.length; records += 1) {
    const type = view.getUint16(position, true);
    const size = view.getUint16(position + 2, true);
    if (type === 0x0085 && size >= 6 && position + 4 + 6 <= workbook.length) {
      const state = workbook[position + 8]! & 0x03;
      const sheetType = workbook[position + 9]!;
      if (sheetType === 0x01) {
        count += 1;
        if (state !== 0) hidden = true;
      }
    }
    // The first EOF ends the workbook globals, where every BOUNDSHEET8 record lives.
    if (type === 0x000a) break;
    position += 4 + size;
  }
  return { count, hidden };
}

function streamOf(container: CFB.CFB$Container, name: string): Uint8Array | undefined {
  const wanted = name.toLowerCase();
  const index = container.FileIndex.findIndex((entry) => entry.name.toLowerCase() === wanted && entry.type === 2);
  const entry = index < 0 ? undefined : container.FileIndex[index];
  if (entry === undefined) return undefined;
  return entry.content instanceof Uint8Array ? entry.content : Uint8Array.from(entry.content);
}

const DDE_FIELD = /\b(?:DDEAUTO|DDE)\s+["']?[a-z]:?\\?[^"'\s]{0,100}/iu;

/** Reports an OLE compound file: VBA macros, Excel 4.0 macro sheets and DDE fields. */
export function analyzeOleDocument(bytes: Uint8Array, context: AnalysisContext, location: FileLocation): void {
  let container: CFB.CFB$Container;
  try {
    container = CFB.read(bytes, { type: 'buffer' });
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message.slice(0, 120) : 'unreadable';
    context.collector.reason('attachment.malformed_ole', 15, `The Office (OLE) file is malformed and could not be inspected (${detail}).`, location);
    return;
  }
  reportVbaMacros(container, context, location);
  const workbook = streamOf(container, 'Workbook') ?? streamOf(container, 'Book');
  if (workbook !== undefined) {
    const sheets = xlmMacroSheets(workbook);
    if (sheets.count > 0) {
      const weight = sheets.hidden ? 50 : 40;
      context.collector.reason('attachment.xlm_macro', weight, `The workbook has ${sheets.count} Excel 4.0 macro sheet(s)${sheets.hidden ? ', hidden' : ''}, an old macro format used to run code on open.`, location);
    }
  }
  const wordDocument = streamOf(container, 'WordDocument');
  if (wordDocument !== undefined) {
    const text = new TextDecoder('latin1').decode(wordDocument.subarray(0, context.limits.maxScanBytes));
    if (DDE_FIELD.test(text)) {
      context.collector.reason('attachment.dde', 45, 'The document contains a DDE field, which can run a command when the document is opened.', location);
    }
  }
  if (streamOf(container, 'EncryptionInfo') !== undefined) {
    context.collector.reason('attachment.encrypted_document', 20, 'The Office document is password-protected, which hides its content from scanners.', location);
  }
}

export { DDE_FIELD };
