import type { ParseFailureReason } from '../parse-failure.js';
import { parseDecimal, skipSpaces } from '../text/scan.js';
import { HeaderFields, MAX_APPNAME, MAX_HOSTNAME, MAX_PROCID } from './header-fields.js';

/**
 * Reads what follows an RFC 3164 or ISO timestamp: ` host tag[pid]: message`, as rsyslog and
 * syslog-ng write files. `at` is the index just after the timestamp, `end` the end of the line.
 *
 * The tag is the program name before the first `:` (no spaces, at most {@link MAX_APPNAME} characters),
 * with an optional `[pid]`; a line without one keeps an empty appname and its whole rest as the message.
 * A host token ending in `:` is a tag: some senders omit the host name. Scans use `indexOf`, which is
 * several times faster than a `charCodeAt` loop here; each runs at most once, so long lines stay linear.
 */
export function readTaggedHeader(line: string, at: number, end: number, fields: HeaderFields): ParseFailureReason | undefined {
  fields.stop = at;
  if (at >= end) return 'no_hostname';
  if (line.charCodeAt(at) !== 32) return 'bad_timestamp';
  const hostStart = line.charCodeAt(at + 1) === 32 ? skipSpaces(line, at, end) : at + 1;
  let hostEnd = line.indexOf(' ', hostStart);
  if (hostEnd < 0 || hostEnd > end) hostEnd = end;
  if (hostEnd === hostStart || hostEnd - hostStart > MAX_HOSTNAME) {
    fields.stop = hostStart;
    return 'no_hostname';
  }
  let tagStart: number;
  if (line.charCodeAt(hostEnd - 1) === 58) {
    tagStart = hostStart;
  } else {
    fields.setHostname(line, hostStart, hostEnd);
    tagStart = hostEnd + 1;
  }
  fields.messageStart = Math.min(tagStart, end);
  readTag(line, tagStart, end, hostEnd === end ? -1 : line.indexOf(' ', tagStart), fields);
  return undefined;
}

/** Reads `app:` or `app[pid]:` at `start`; `space` is the first space at or after `start` (-1 if none). */
function readTag(line: string, start: number, end: number, space: number, fields: HeaderFields): void {
  const colon = line.indexOf(':', start);
  if (colon <= start || colon >= end || (space >= 0 && space < colon)) return;
  let nameEnd = colon;
  if (line.charCodeAt(colon - 1) === 93) {
    const open = line.indexOf('[', start);
    if (open <= start || open >= colon - 1 || colon - 2 - open > MAX_PROCID) return;
    nameEnd = open;
    fields.procid = line.slice(open + 1, colon - 1);
    const pid = parseDecimal(line, open + 1, colon - 1, 0x7fffffff);
    fields.pid = pid < 0 ? undefined : pid;
  }
  if (nameEnd - start > MAX_APPNAME) {
    fields.procid = '';
    fields.pid = undefined;
    return;
  }
  fields.setAppname(line, start, nameEnd);
  // One space separates the tag from the message; more belong to the message (sudo indents its lines).
  const messageStart = colon + 1;
  fields.messageStart = messageStart < end && line.charCodeAt(messageStart) === 32 ? messageStart + 1 : messageStart;
}
