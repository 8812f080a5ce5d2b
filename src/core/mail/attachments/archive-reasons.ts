import type { FileLocation } from './collector.js';
import type { AnalysisContext } from './context.js';
import { findPasswordInText } from './archive-password.js';

/** Reports an encrypted archive and, when the message body gives it, the password. */
export function reportEncryptedArchive(what: string, context: AnalysisContext, location: FileLocation): void {
  const { collector } = context;
  collector.reason('attachment.archive_encrypted', 30, `The archive is password-protected (${what}), which hides its content from scanners.`, location);
  const password = findPasswordInText(context.mailText);
  if (password !== undefined) {
    collector.reason('attachment.archive_password_in_body', 25, `The message body gives the password ("${password}") for the encrypted archive.`, location);
  }
}

/** Reports the list of files in an archive (weight 0: context for the analyst, not evidence). */
export function reportArchiveContents(kind: string, names: readonly string[], context: AnalysisContext, location: FileLocation): void {
  context.collector.reason('attachment.archive_contents', 0, `The ${kind} contains ${names.length} file(s): ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}.`, location);
}
