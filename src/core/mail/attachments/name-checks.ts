import type { FileLocation } from './collector.js';
import type { AnalysisContext } from './context.js';
import { executableKinds, type FileKind } from './file-type.js';
import { examineName, expectedKinds, extensionDisagrees, isBaitExtension, riskyCategory, visibleName, type RiskyCategory } from './file-name.js';

const RISKY: Readonly<Record<RiskyCategory, { readonly code: string; readonly weight: number; readonly what: string }>> = {
  executable: { code: 'attachment.executable', weight: 50, what: 'an executable program' },
  script: { code: 'attachment.script', weight: 50, what: 'a script that Windows or macOS runs on a double-click' },
  unix_script: { code: 'attachment.unix_script', weight: 15, what: 'a Unix script (it runs only once saved and made executable)' },
  disk_image: { code: 'attachment.disk_image', weight: 40, what: 'a disk image, used to smuggle programs past mark-of-the-web' },
  shortcut: { code: 'attachment.shortcut', weight: 50, what: 'a shortcut file that can launch any command' },
  internet_shortcut: { code: 'attachment.internet_shortcut', weight: 25, what: 'an Internet shortcut, which opens a link (or a remote file) on a double-click' },
  onenote: { code: 'attachment.onenote', weight: 35, what: 'a OneNote notebook, used to embed clickable scripts' },
  help: { code: 'attachment.help_file', weight: 40, what: 'a compiled HTML help file, which can run script' },
  installer: { code: 'attachment.installer', weight: 45, what: 'an installer or configuration package' },
};

/** Kinds a recipient thinks of as documents, images or media. */
const DOCUMENT_LIKE: ReadonlySet<FileKind> = new Set<FileKind>(['pdf', 'zip', 'ole', 'rtf', 'png', 'jpeg', 'gif', 'bmp', 'html', 'svg']);

/**
 * Checks what the name claims against what the bytes are: hidden characters, path tricks,
 * double extensions, risky types and disguised executables.
 */
export function checkNameAndType(name: string, contentType: string, kind: FileKind, context: AnalysisContext, location: FileLocation): void {
  // Archive members live in folders; only a path that climbs out is suspect there.
  const isMember = location.path.length > 0;
  const { collector } = context;
  const facts = examineName(name);
  const shown = visibleName(name);
  if (facts.hasRightToLeftOverride) {
    collector.reason('attachment.rtlo_filename', 70, `The file name "${shown}" contains a right-to-left override, which makes its extension read backwards.`, location);
  } else if (facts.invisibleCharacters > 0) {
    collector.reason('attachment.invisible_characters', 35, `The file name "${shown}" contains ${facts.invisibleCharacters} invisible or direction-changing character(s).`, location);
  }
  if (isMember ? facts.hasTraversal : facts.hasPathSeparators) {
    collector.reason('attachment.path_in_filename', 30, `The file name "${shown}" contains a path${facts.hasTraversal ? ' that climbs out of its folder' : ''}; it is reported and never used to write a file.`, location);
  }
  if (facts.hasControlCharacters) {
    collector.reason('attachment.control_characters_in_filename', 20, 'The file name contains control characters.', location);
  }
  const category = riskyCategory(facts.extension, kind);
  if (category !== undefined) {
    const risky = RISKY[category];
    collector.reason(risky.code, risky.weight, `"${shown}" is ${risky.what}.`, location);
  }
  const admitsRisk = riskyCategory(facts.extension, 'unknown') !== undefined;
  const hidesRiskyType = category !== undefined || executableKinds.has(kind);
  if (hidesRiskyType && facts.innerExtension !== undefined && isBaitExtension(facts.innerExtension) && admitsRisk) {
    collector.reason('attachment.double_extension', 60, `"${shown}" poses as a .${facts.innerExtension} file but is a .${facts.extension}.`, location);
  } else if (hidesRiskyType && facts.hasPaddedExtension) {
    collector.reason('attachment.double_extension', 60, `"${shown}" pushes its real extension out of sight with padding.`, location);
  }
  if (executableKinds.has(kind) && kind !== 'script' && !admitsRisk) {
    const claims = facts.extension.length > 0 ? `a .${facts.extension} file` : `a file of type ${contentType || 'unknown'}`;
    collector.reason('attachment.disguised_executable', 70, `"${shown}" claims to be ${claims} but its bytes are ${kind === 'lnk' ? 'a Windows shortcut' : `a ${kind.toUpperCase()} executable`}.`, location);
  } else if (extensionDisagrees(facts.extension, kind)) {
    const weight = DOCUMENT_LIKE.has(kind) ? 15 : 25;
    collector.reason('attachment.type_mismatch', weight, `"${shown}" has the extension .${facts.extension} (${expectedKinds(facts.extension).join('/')}) but its content is ${kind}.`, location);
  }
}
