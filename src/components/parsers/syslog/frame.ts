import type { ParseFailureReason } from '../parse-failure.js';

/**
 * One syslog line split into its header fields and its message. Every field is always present (empty
 * string or undefined when the line lacks it) so that all frames share one shape.
 */
export interface SyslogFrame {
  /** Event time, epoch milliseconds (UTC). */
  readonly ts: number;
  /** The same instant as ISO 8601 in UTC with milliseconds, e.g. `2026-11-02T08:38:24.123Z`. */
  readonly timestamp: string;
  /** Host name as written in the line; '' when the line has none. */
  readonly hostname: string;
  /** Program name (RFC 3164 TAG without `[pid]`, RFC 5424 APP-NAME); '' when absent. */
  readonly appname: string;
  /** Process id as written (`123`; RFC 5424 allows any text); '' when absent. */
  readonly procid: string;
  /** `procid` as a number when it is one. */
  readonly pid: number | undefined;
  /** The `<PRI>` value (facility × 8 + severity) when the line starts with one. */
  readonly priority: number | undefined;
  /** RFC 5424 VERSION (`1`); undefined for other formats. */
  readonly version: string | undefined;
  /** RFC 5424 MSGID; undefined when absent or nil (`-`). */
  readonly msgid: string | undefined;
  /** RFC 5424 STRUCTURED-DATA as written (`[id k="v"]…`); undefined when absent or nil. */
  readonly structuredData: string | undefined;
  /** The message, without trailing whitespace. */
  readonly message: string;
}

/** Why and where (0-based index in the line) framing stopped. */
export interface FrameFailure {
  readonly reason: ParseFailureReason;
  readonly index: number;
}
