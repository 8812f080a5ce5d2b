import type { FileLocation } from './collector.js';
import type { AnalysisContext } from './context.js';
import { detectFileKind, type FileKind } from './file-type.js';
import { examineName } from './file-name.js';
import { hashFile } from './hashes.js';
import { analyzeHtmlFile } from './html-file.js';
import { analyzeImage } from './image-file.js';
import { analyzeIso } from './iso-file.js';
import { analyzeShortcut } from './lnk-file.js';
import { checkNameAndType } from './name-checks.js';
import { analyzeOleDocument } from './office-macros.js';
import { analyzeOneNote } from './onenote-file.js';
import { analyzePdf } from './pdf-file.js';
import { analyzeRar } from './rar-file.js';
import { analyzeZip } from './zip-file.js';

/** A file to analyse: a top-level attachment or a member of an archive. */
export interface FileToAnalyze {
  readonly name: string;
  readonly contentType: string;
  /** Undefined when the bytes cannot be read (an encrypted archive member): only the name is checked. */
  readonly bytes: Uint8Array | undefined;
}

/** Reports the file's digests (and a known-bad hit); returns its SHA-256 for per-content caches. */
function reportHashes(bytes: Uint8Array, context: AnalysisContext, location: FileLocation): string {
  const hashes = hashFile(bytes);
  const { collector, lookups } = context;
  collector.observe('md5', hashes.md5);
  collector.observe('sha1', hashes.sha1);
  collector.observe('sha256', hashes.sha256);
  const indicator = lookups?.indicator;
  if (indicator === undefined) return hashes.sha256;
  for (const [type, value] of [['sha256', hashes.sha256], ['sha1', hashes.sha1], ['md5', hashes.md5]] as const) {
    const hit = indicator(type, value);
    if (hit !== undefined) {
      collector.reason('attachment.known_malicious_hash', 90, `The file's ${type} ${value} is a known indicator (source: ${hit.source}, confidence ${hit.confidence}).`, location);
      return hashes.sha256;
    }
  }
  return hashes.sha256;
}

/** Text formats whose links matter: calendar invites, internet shortcuts, scripts, configuration profiles. */
const TEXT_WITH_LINKS = /^(?:ics|ical|vcs|ifb|url|desktop|js|jse|vbs|vbe|wsf|ps1|bat|cmd|mobileconfig|xml|txt|eml)$/u;
const URL_IN_TEXT = /https?:\/\/[^\s"'<>`)\\]{3,2000}/giu;

/** Links in a text file; quoted-printable soft breaks and `=3D` (forwarded .eml files) are undone first. */
function linksInText(bytes: Uint8Array, maxBytes: number): string[] {
  const text = new TextDecoder('utf-8').decode(bytes.subarray(0, maxBytes)).replace(/=\r?\n/gu, '').replace(/=3D/giu, '=');
  return [...new Set(Array.from(text.matchAll(URL_IN_TEXT), (m) => m[0]))].slice(0, 100);
}

const UNSCANNED_ARCHIVES: Partial<Record<FileKind, string>> = { '7z': '7-Zip', cab: 'CAB', gzip: 'gzip' };

/**
 * Analyses one file and, through the archive readers, everything inside it. Never throws on
 * malformed content: a parser failure becomes a reason.
 */
export function analyzeFile(file: FileToAnalyze, location: FileLocation, depth: number, context: AnalysisContext): void {
  const { collector } = context;
  if (file.name.length > 0) collector.observe('filename', file.name.slice(0, 512));
  const bytes = file.bytes;
  const kind: FileKind = bytes === undefined ? 'unknown' : detectFileKind(bytes);
  checkNameAndType(file.name, file.contentType, kind, context, location);
  if (bytes === undefined) return;
  const sha256 = reportHashes(bytes, context, location);
  const extension = examineName(file.name).extension;
  const analyzeMember = (member: FileToAnalyze, memberLocation: FileLocation): void => {
    analyzeFile(member, memberLocation, depth + 1, context);
  };
  if (extension === 'eml' || /^message\/rfc822\b/iu.test(file.contentType)) {
    // A forwarded message: its HTML is a mail body, not a page; its links still matter.
    for (const url of linksInText(bytes, context.limits.maxScanBytes)) collector.url(url);
    return;
  }
  try {
    switch (kind) {
      case 'zip':
        analyzeZip(bytes, depth, context, location, analyzeMember);
        return;
      case 'ole':
        analyzeOleDocument(bytes, context, location);
        return;
      case 'pdf':
        analyzePdf(bytes, context, location);
        return;
      case 'html':
      case 'svg':
        analyzeHtmlFile(bytes, kind, depth, context, location, analyzeMember);
        return;
      case 'png':
      case 'jpeg':
        analyzeImage(bytes, context, location, sha256);
        return;
      case 'iso':
        analyzeIso(bytes, depth, context, location, analyzeMember);
        return;
      case 'rar':
        analyzeRar(bytes, context, location, analyzeMember);
        return;
      case '7z':
      case 'cab':
      case 'gzip': {
        const format = UNSCANNED_ARCHIVES[kind] ?? kind;
        collector.reason('attachment.archive_unscanned', 15, `The ${format} archive was identified but its contents were not inspected.`, location);
        return;
      }
      case 'onenote':
        analyzeOneNote(bytes, depth, context, location, analyzeMember);
        return;
      case 'lnk':
        analyzeShortcut(bytes, context, location);
        return;
      case 'pe': case 'elf': case 'macho': case 'chm': case 'vhd': case 'rtf':
      case 'script': case 'gif': case 'bmp':
        return;
      case 'unknown':
        if (/^(?:html?|shtml|xhtml|hta)$/u.test(extension) || /^text\/html\b/iu.test(file.contentType)) {
          analyzeHtmlFile(bytes, 'html', depth, context, location, analyzeMember);
        } else if (TEXT_WITH_LINKS.test(extension) || /^(?:text\/calendar|message\/rfc822)\b/iu.test(file.contentType)) {
          for (const url of linksInText(bytes, context.limits.maxScanBytes)) collector.url(url);
        }
        return;
      default: {
        const exhaustive: never = kind;
        return exhaustive;
      }
    }
  } catch (cause) {
    // A parser bug or a hostile structure no reader anticipated: report it, keep going.
    const detail = cause instanceof Error ? cause.message.slice(0, 120) : 'unknown error';
    collector.reason('attachment.unparseable', 10, `The ${kind} file could not be analysed (${detail}).`, location);
  }
}
