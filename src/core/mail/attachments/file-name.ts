import type { FileKind } from './file-type.js';

/** Families of file types that are dangerous to receive by email. */
export type RiskyCategory = 'executable' | 'script' | 'unix_script' | 'disk_image' | 'shortcut' | 'internet_shortcut' | 'onenote' | 'help' | 'installer';

const RISKY_EXTENSIONS: ReadonlyMap<string, RiskyCategory> = new Map<string, RiskyCategory>([
  ...['exe', 'scr', 'com', 'pif', 'cpl', 'dll', 'ocx', 'sys', 'jar', 'xll', 'elf', 'app', 'gadget'].map((e) => [e, 'executable'] as const),
  ...['js', 'jse', 'vbs', 'vbe', 'wsf', 'wsh', 'wsc', 'ps1', 'psm1', 'psd1', 'bat', 'cmd', 'hta', 'sct', 'reg', 'vb', 'msc', 'inf', 'command', 'applescript', 'scpt'].map((e) => [e, 'script'] as const),
  ...['sh', 'bash', 'zsh', 'csh', 'py', 'pl', 'rb'].map((e) => [e, 'unix_script'] as const),
  ...['iso', 'img', 'vhd', 'vhdx', 'dmg', 'udf'].map((e) => [e, 'disk_image'] as const),
  ...['lnk', 'scf', 'library-ms', 'settingcontent-ms', 'searchconnector-ms', 'desktop'].map((e) => [e, 'shortcut'] as const),
  ['url', 'internet_shortcut'], ['website', 'internet_shortcut'],
  ['one', 'onenote'], ['onepkg', 'onenote'],
  ['chm', 'help'],
  ...['msi', 'msp', 'msix', 'msixbundle', 'appx', 'appxbundle', 'application', 'appref-ms', 'pkg', 'mobileconfig'].map((e) => [e, 'installer'] as const),
]);

const RISKY_KINDS: ReadonlyMap<FileKind, RiskyCategory> = new Map<FileKind, RiskyCategory>([
  ['pe', 'executable'], ['elf', 'executable'], ['macho', 'executable'], ['script', 'unix_script'],
  ['iso', 'disk_image'], ['vhd', 'disk_image'], ['lnk', 'shortcut'], ['onenote', 'onenote'], ['chm', 'help'],
]);

/** Extensions people expect to be harmless documents, images or media: bait for a double extension. */
const BAIT_EXTENSIONS: ReadonlySet<string> = new Set([
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'rtf', 'txt', 'csv', 'odt', 'jpg', 'jpeg', 'png', 'gif', 'bmp',
  'tif', 'tiff', 'mp3', 'mp4', 'wav', 'avi', 'mov', 'htm', 'html', 'zip', 'rar', 'xml', 'eml', 'msg', 'ics', 'svg',
]);

/** Which real kinds a file with this extension may have (extensions not listed are not checked). */
const EXPECTED_KINDS: ReadonlyMap<string, readonly FileKind[]> = new Map<string, readonly FileKind[]>([
  ...['exe', 'dll', 'scr', 'sys', 'cpl', 'ocx', 'efi'].map((e) => [e, ['pe']] as const),
  ['pdf', ['pdf']],
  ...['zip', 'docx', 'xlsx', 'pptx', 'docm', 'xlsm', 'pptm', 'dotx', 'dotm', 'xltx', 'xltm', 'xlam', 'ppsx', 'ppsm', 'jar', 'apk', 'odt', 'ods', 'odp', 'epub', 'xpi', 'vsix', 'msix', 'appx', 'kmz'].map((e) => [e, ['zip']] as const),
  ...['doc', 'dot', 'xls', 'xlt', 'xla', 'ppt', 'pot', 'pps', 'msi', 'msg', 'pub', 'vsd'].map((e) => [e, ['ole']] as const),
  ['rar', ['rar']], ['7z', ['7z']], ['iso', ['iso']], ['cab', ['cab']], ['lnk', ['lnk']], ['one', ['onenote']],
  ['chm', ['chm']], ['vhd', ['vhd']], ['vhdx', ['vhd']], ['gz', ['gzip']], ['tgz', ['gzip']], ['rtf', ['rtf']],
  ...['htm', 'html', 'shtml', 'xhtml', 'hta'].map((e) => [e, ['html', 'svg']] as const),
  ['svg', ['svg', 'html']], ['png', ['png']], ['jpg', ['jpeg']], ['jpeg', ['jpeg']], ['jfif', ['jpeg']], ['gif', ['gif']], ['bmp', ['bmp']],
]);

/** Bidirectional controls and invisible characters that make a name read differently than it is. */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;
const RIGHT_TO_LEFT_OVERRIDE = '\u202E';

/** What a file name alone says about a file. */
export interface NameFacts {
  /** The last path component with invisible characters removed, lower-cased: what the extension is read from. */
  readonly baseName: string;
  readonly extension: string;
  /** The extension before the last one, when there is one. */
  readonly innerExtension: string | undefined;
  readonly hasRightToLeftOverride: boolean;
  readonly invisibleCharacters: number;
  readonly hasPathSeparators: boolean;
  /** A path that climbs out of where it would be extracted (`..` segments, absolute paths): zip-slip. */
  readonly hasTraversal: boolean;
  readonly hasControlCharacters: boolean;
  /** Many spaces or dots before the real extension push it out of sight in a mail client. */
  readonly hasPaddedExtension: boolean;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 || dot === name.length - 1 ? '' : name.slice(dot + 1);
}

/** Reads the facts from a name. The name is never used as a path: separators only count against it. */
export function examineName(rawName: string): NameFacts {
  const name = rawName.slice(0, 1024);
  const invisibleCharacters = (name.match(INVISIBLE) ?? []).length;
  const visible = name.replace(INVISIBLE, '');
  const hasPathSeparators = /[\\/]/u.test(visible) || /^[a-z]:/iu.test(visible) || visible === '..';
  const hasTraversal = /^(?:[\\/]|[a-z]:)/iu.test(visible) || visible.split(/[\\/]/u).includes('..');
  const lastComponent = visible.split(/[\\/]/u).at(-1) ?? visible;
  const baseName = lastComponent.trim().toLowerCase();
  const extension = extensionOf(baseName);
  const stem = extension.length > 0 ? baseName.slice(0, baseName.length - extension.length - 1).trimEnd() : baseName;
  const inner = extensionOf(stem);
  return {
    baseName,
    extension,
    innerExtension: inner.length > 0 && inner.length <= 5 ? inner : undefined,
    hasRightToLeftOverride: name.includes(RIGHT_TO_LEFT_OVERRIDE),
    invisibleCharacters,
    hasPathSeparators,
    hasTraversal,
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
    hasControlCharacters: /[\u0000-\u001F\u007F]/u.test(name),
    hasPaddedExtension: /(?:\s{5,}|\.{5,}|_{8,})\.[^.]+$/u.test(lastComponent),
  };
}

/** The risky category of a file, from its extension or its real kind. */
export function riskyCategory(extension: string, kind: FileKind): RiskyCategory | undefined {
  // The extension decides how Windows runs a file (a shebang script named .js runs as JScript).
  const byExtension = RISKY_EXTENSIONS.get(extension);
  const byKind = RISKY_KINDS.get(kind);
  if (byKind === 'unix_script' && byExtension !== undefined) return byExtension;
  return byKind ?? byExtension;
}

/** Whether `extension` is a document/media extension that a double extension would hide behind. */
export function isBaitExtension(extension: string): boolean {
  return BAIT_EXTENSIONS.has(extension);
}

/** Whether the extension is one whose real type is checked, and the detected kind disagrees with it. */
export function extensionDisagrees(extension: string, kind: FileKind): boolean {
  if (kind === 'unknown') return false;
  const expected = EXPECTED_KINDS.get(extension);
  return expected !== undefined && !expected.includes(kind);
}

/** The kinds a name's extension promises, for messages. */
export function expectedKinds(extension: string): readonly FileKind[] {
  return EXPECTED_KINDS.get(extension) ?? [];
}

/** Shows a name with invisible characters spelled out, so the analyst sees what the client hid. */
export function visibleName(name: string): string {
  return name.slice(0, 200).replace(INVISIBLE, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}
