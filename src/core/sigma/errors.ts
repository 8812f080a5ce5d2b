/**
 * Errors of the Sigma engine as data: a stable code from one small catalogue, a message for people,
 * and where in which file the problem is. Loading collects them (a linter wants all of them);
 * nothing in the engine throws for bad rule content.
 */

/** The Sigma engine's error codes. Code branches on `code`, never on a message. */
export const SIGMA_ERROR_CODES = {
  SIGMA_INVALID_YAML: 'the text is not valid YAML',
  SIGMA_INVALID_RULE: 'a rule document does not follow the Sigma specification',
  SIGMA_UNKNOWN_MODIFIER: 'a value modifier is not one the Sigma specification defines',
  SIGMA_INVALID_MODIFIER: 'modifiers are chained in an order or on a value type Sigma does not allow',
  SIGMA_INVALID_VALUE: 'a detection value cannot be used (bad CIDR, number, wildcard where none may be)',
  SIGMA_BAD_CONDITION: 'a condition does not parse or names a search identifier that does not exist',
  SIGMA_INVALID_REGEX: 'a regular expression does not parse',
  SIGMA_UNSAFE_REGEX: 'a regular expression needs backtracking (lookaround, backreferences) that RE2 refuses',
  SIGMA_UNRESOLVED_PLACEHOLDER: 'an |expand placeholder has no values in the configuration',
  SIGMA_TOO_LARGE: 'a text, value, expansion, nesting or condition passes a documented limit',
  SIGMA_INVALID_CORRELATION: 'a correlation rule does not follow the specification',
  SIGMA_UNKNOWN_REFERENCE: 'a correlation or filter names a rule that was not loaded, or references form a cycle',
  SIGMA_INVALID_FILTER: 'a filter document does not follow the specification',
  SIGMA_INTERNAL: 'the engine failed on this document (a bug: please report it with the rule)',
} as const;

/** One code of the catalogue. */
export type SigmaErrorCode = keyof typeof SIGMA_ERROR_CODES;

/** Where a problem is: the file, and the 1-based line and column when they are known. */
export interface SigmaLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

/** A located, coded problem with a rule, a correlation or a filter. */
export interface SigmaError {
  readonly code: SigmaErrorCode;
  readonly message: string;
  readonly location: SigmaLocation;
  /** 0-based index of the YAML document in a multi-document file. */
  readonly document?: number;
  /** The `id` (or title when there is no id) of the rule the problem belongs to, when known. */
  readonly rule?: string;
}

/** A problem found while compiling a value or a condition, before it is given a file and a rule. */
export interface SigmaIssue {
  readonly code: SigmaErrorCode;
  readonly message: string;
  /** Path of the YAML node the problem is about, from the document root (`['detection', 'sel', 'Image|re']`). */
  readonly path: readonly (string | number)[];
  /** Character offset inside the node's scalar value (conditions use it to point at a token). */
  readonly offset?: number;
}

/** Builds an issue. */
export function issue(code: SigmaErrorCode, message: string, path: readonly (string | number)[], offset?: number): SigmaIssue {
  return offset === undefined ? { code, message, path } : { code, message, path, offset };
}

/** Formats an error the way compilers do: `file:line:col: CODE message`. */
export function formatSigmaError(error: SigmaError): string {
  const { file, line, column } = error.location;
  const where = line === undefined ? file : column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
  return `${where}: ${error.code} ${error.message}`;
}
