/** Codes of the problems a playbook can have; code branches on these, never on messages. */
export type PlaybookErrorCode =
  | 'PLAYBOOK_TOO_LARGE'
  | 'PLAYBOOK_INVALID_YAML'
  | 'PLAYBOOK_INVALID_SCHEMA'
  | 'PLAYBOOK_INVALID_EXPRESSION'
  | 'PLAYBOOK_UNKNOWN_ACTION'
  | 'PLAYBOOK_UNKNOWN_INPUT'
  | 'PLAYBOOK_MISSING_INPUT'
  | 'PLAYBOOK_UNKNOWN_REFERENCE'
  | 'PLAYBOOK_DUPLICATE_STEP'
  | 'PLAYBOOK_BAD_GOTO';

/** Where in a file a problem is (1-based line and column when known). */
export interface PlaybookLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

/** One located problem with a playbook. */
export interface PlaybookIssue {
  readonly code: PlaybookErrorCode;
  readonly message: string;
  readonly location: PlaybookLocation;
}

/** `file:line:col: message (CODE)` for people. */
export function formatIssue(issue: PlaybookIssue): string {
  const { file, line, column } = issue.location;
  const where = line === undefined ? file : column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
  return `${where}: ${issue.message} (${issue.code})`;
}
