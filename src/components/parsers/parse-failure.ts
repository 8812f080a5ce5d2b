import type { ErrorLocation } from '../../lib/errors.js';

/**
 * Why a line could not be framed. Stable identifiers: callers count failures by reason, and tests
 * assert on them; the human text lives in {@link PARSE_FAILURE_TEXT}.
 */
export type ParseFailureReason =
  | 'empty_line'
  | 'unknown_header' // does not start with a syslog timestamp or <PRI>: JSON, binary, another format
  | 'bad_priority' // <PRI> present but not 0..191
  | 'bad_timestamp' // looks like a timestamp, but a field is out of range or malformed
  | 'bad_rfc5424_header' // RFC 5424 header fields missing or malformed
  | 'no_hostname'; // the timestamp is not followed by a host name

/** One sentence per reason, for logs and reports. */
export const PARSE_FAILURE_TEXT: Readonly<Record<ParseFailureReason, string>> = {
  empty_line: 'the line is empty',
  unknown_header: 'the line does not start with a syslog timestamp or priority',
  bad_priority: 'the syslog priority is not a number from 0 to 191',
  bad_timestamp: 'the timestamp is malformed or out of range',
  bad_rfc5424_header: 'the RFC 5424 header is incomplete or malformed',
  no_hostname: 'the timestamp is not followed by a host name',
};

/**
 * A line a parser could not read: an expected failure (STYLE.md: a value, never thrown). The caller
 * counts it and keeps the line. `location.column` is the 1-based column where reading stopped.
 */
export interface ParseFailure {
  readonly code: 'PARSE_FAILED';
  readonly reason: ParseFailureReason;
  readonly message: string;
  readonly location: ErrorLocation;
}

/** Builds a {@link ParseFailure} for `reason` at 0-based `index` of line `line` of `file`. */
export function parseFailure(reason: ParseFailureReason, file: string, line: number, index: number): ParseFailure {
  return { code: 'PARSE_FAILED', reason, message: PARSE_FAILURE_TEXT[reason], location: { file, line, column: index + 1 } };
}
