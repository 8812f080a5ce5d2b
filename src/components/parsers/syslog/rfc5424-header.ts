import type { ParseFailureReason } from '../parse-failure.js';
import { parseDecimal } from '../text/scan.js';
import { HeaderFields, MAX_APPNAME, MAX_HOSTNAME, MAX_PROCID } from './header-fields.js';

/** RFC 5424 limit for MSGID. */
const MAX_MSGID = 32;

/**
 * Reads the RFC 5424 fields after the timestamp: ` HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [MSG]`
 * (`-` is nil). `at` is the index just after the timestamp. Structured data is kept as written; its
 * elements are scanned with their quoting and `\]` escapes so that a `]` inside a value does not end them.
 */
export function readRfc5424Header(line: string, at: number, end: number, fields: HeaderFields): ParseFailureReason | undefined {
  const hostEnd = tokenEnd(line, at, end, MAX_HOSTNAME);
  if (hostEnd < 0) return failAt(fields, at);
  const appEnd = tokenEnd(line, hostEnd, end, MAX_APPNAME);
  if (appEnd < 0) return failAt(fields, hostEnd);
  const procEnd = tokenEnd(line, appEnd, end, MAX_PROCID);
  if (procEnd < 0) return failAt(fields, appEnd);
  const i = tokenEnd(line, procEnd, end, MAX_MSGID);
  if (i < 0) return failAt(fields, procEnd);
  fields.hostname = nilOr(line, at + 1, hostEnd);
  fields.appname = nilOr(line, hostEnd + 1, appEnd);
  fields.procid = nilOr(line, appEnd + 1, procEnd);
  const pid = parseDecimal(line, appEnd + 1, procEnd, 0x7fffffff);
  fields.pid = pid < 0 ? undefined : pid;
  const msgid = nilOr(line, procEnd + 1, i);
  fields.msgid = msgid === '' ? undefined : msgid;
  if (line.charCodeAt(i) !== 32) return failAt(fields, i);
  const sdStart = i + 1;
  const sdEnd = structuredDataEnd(line, sdStart, end);
  if (sdEnd < 0) return failAt(fields, sdStart);
  fields.structuredData = sdEnd === sdStart + 1 && line.charCodeAt(sdStart) === 45 ? undefined : line.slice(sdStart, sdEnd);
  let messageStart = sdEnd;
  if (messageStart < end) {
    if (line.charCodeAt(messageStart) !== 32) return failAt(fields, messageStart);
    messageStart++;
    if (line.charCodeAt(messageStart) === 0xfeff) messageStart++; // the UTF-8 BOM RFC 5424 puts before a UTF-8 MSG
  }
  fields.messageStart = messageStart;
  return undefined;
}

/** End of the non-empty token that follows the space at `space`, at most `max` long; -1 when there is none. */
function tokenEnd(line: string, space: number, end: number, max: number): number {
  if (line.charCodeAt(space) !== 32) return -1;
  const start = space + 1;
  let i = start;
  while (i < end && line.charCodeAt(i) !== 32) if (++i - start > max) return -1;
  return i === start ? -1 : i;
}

function failAt(fields: HeaderFields, index: number): ParseFailureReason {
  fields.stop = index;
  return 'bad_rfc5424_header';
}

function nilOr(line: string, start: number, end: number): string {
  return end - start === 1 && line.charCodeAt(start) === 45 ? '' : line.slice(start, end);
}

/** Index just after the STRUCTURED-DATA that starts at `start` (`-` or `[...]…`), -1 when malformed. */
function structuredDataEnd(line: string, start: number, end: number): number {
  const first = line.charCodeAt(start);
  if (first === 45) return start + 1;
  if (first !== 91) return -1;
  let i = start;
  while (i < end && line.charCodeAt(i) === 91) {
    i++;
    let quoted = false;
    for (;;) {
      if (i >= end) return -1;
      const code = line.charCodeAt(i);
      if (quoted && code === 92) i++; // backslash escapes the next character inside a value
      else if (code === 34) quoted = !quoted;
      else if (code === 93 && !quoted) break;
      i++;
    }
    i++;
  }
  return i;
}
