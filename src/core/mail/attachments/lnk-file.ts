import type { FileLocation } from './collector.js';
import type { AnalysisContext } from './context.js';
import { readShortcut } from './lnk-reader.js';

const LAUNCHERS = /\b(?:powershell|pwsh|cmd(?:\.exe)?|mshta|wscript|cscript|rundll32|regsvr32|certutil|bitsadmin|msiexec|curl|wmic|forfiles|conhost)\b/iu;
const URL_IN_ARGUMENTS = /https?:\/\/[^\s"'`]{3,2000}/giu;

/** Reports what a shortcut runs when its target is a command interpreter, and collects the links it passes. */
export function analyzeShortcut(bytes: Uint8Array, context: AnalysisContext, location: FileLocation): void {
  const { collector } = context;
  const target = readShortcut(bytes);
  if (target === undefined) {
    collector.reason('attachment.malformed_shortcut', 10, 'The shortcut file is malformed.', location);
    return;
  }
  const command = [target.relativePath, target.arguments].filter((s) => s !== undefined).join(' ').trim();
  if (LAUNCHERS.test(command)) {
    collector.reason('attachment.shortcut_command', 40, `The shortcut runs a command interpreter: ${command.slice(0, 200)}.`, location);
  }
  for (const match of command.matchAll(URL_IN_ARGUMENTS)) collector.url(match[0]);
}
