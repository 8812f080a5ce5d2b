import * as CFB from 'cfb';
import { memberOf, type FileLocation } from './collector.js';
import type { AnalysisContext } from './context.js';
import type { FileToAnalyze } from './analyze-file.js';
import { DDE_FIELD, reportVbaMacros } from './office-macros.js';
import type { MemberReader } from './zip-file.js';
import type { ZipEntry } from './zip-reader.js';

const UTF8 = new TextDecoder('utf-8');
const RELATIONSHIP = /<Relationship\b[^>]{0,2000}>/giu;
const ATTRIBUTE = /\b(Type|Target|TargetMode)\s*=\s*"([^"]{0,2000})"/gu;

function relationships(xml: string): { readonly type: string; readonly target: string; readonly external: boolean }[] {
  return Array.from(xml.matchAll(RELATIONSHIP), (m) => {
    const attributes = new Map(Array.from(m[0].matchAll(ATTRIBUTE), (a) => [a[1] ?? '', a[2] ?? '']));
    return { type: attributes.get('Type') ?? '', target: attributes.get('Target') ?? '', external: attributes.get('TargetMode') === 'External' };
  });
}

function textOf(xml: string): string {
  return xml.replace(/<[^>]{0,2000}>/gu, '');
}

/**
 * Analyses an Office Open XML document (.docx/.xlsm/.pptm …): VBA in vbaProject.bin, Excel 4.0
 * macro sheets, DDE fields, remote templates and external links, and embedded objects.
 */
export function analyzeOoxml(
  entries: readonly ZipEntry[],
  read: MemberReader,
  depth: number,
  context: AnalysisContext,
  location: FileLocation,
  analyzeMember: (member: FileToAnalyze, location: FileLocation) => void,
): void {
  const { collector, limits } = context;
  const readText = (entry: ZipEntry): string | undefined => {
    const bytes = read(entry);
    return bytes === undefined ? undefined : UTF8.decode(bytes.subarray(0, limits.maxScanBytes));
  };
  for (const entry of entries) {
    const name = entry.name.toLowerCase();
    if (name.endsWith('vbaproject.bin')) {
      const bytes = read(entry);
      if (bytes === undefined) continue;
      try {
        reportVbaMacros(CFB.read(bytes, { type: 'buffer' }), context, location);
      } catch {
        collector.reason('attachment.macro_unreadable', 10, 'The document carries a VBA project that could not be read.', location);
        collector.reason('attachment.macro', 30, 'The document carries a VBA macro project.', location);
      }
    } else if (/^xl\/macrosheets\//u.test(name)) {
      collector.reason('attachment.xlm_macro', 40, 'The workbook has an Excel 4.0 macro sheet, an old macro format used to run code on open.', location);
    } else if (/^word\/(?:document|header\d*|footer\d*)\.xml$/u.test(name)) {
      const xml = readText(entry);
      if (xml !== undefined && /instrText|fldSimple/u.test(xml) && DDE_FIELD.test(textOf(xml))) {
        collector.reason('attachment.dde', 45, 'The document contains a DDE field, which can run a command when the document is opened.', location);
      }
    } else if (name.endsWith('.rels')) {
      const xml = readText(entry);
      if (xml === undefined) continue;
      for (const relation of relationships(xml)) {
        if (!relation.external || !/^(?:https?:|\\\\|file:)/iu.test(relation.target)) continue;
        if (/\/(?:attachedTemplate|oleObject|frame|subDocument)$/u.test(relation.type)) {
          collector.reason('attachment.office_remote_template', 45, `The document loads a remote template or object from ${relation.target.slice(0, 200)} when it opens.`, location);
        }
        if (/^https?:/iu.test(relation.target)) collector.url(relation.target);
      }
    } else if (/\/embeddings\//u.test(name) && depth < limits.maxArchiveDepth && context.budget.archiveMembers > 0) {
      context.budget.archiveMembers -= 1;
      analyzeMember({ name: entry.name, contentType: 'application/octet-stream', bytes: read(entry) }, memberOf(location, entry.name));
    }
  }
}
