import type { ParseFailureReason } from '../parse-failure.js';
import { trimEndIndex } from '../text/scan.js';
import { BsdTimestampReader } from './bsd-timestamp.js';
import { MAX_TIME, MIN_TIME } from './digits.js';
import type { SyslogFrame } from './frame.js';
import { HeaderFields } from './header-fields.js';
import { IsoFormatter } from './iso-formatter.js';
import { IsoTimestampReader } from './iso-timestamp.js';
import { readRfc5424Header } from './rfc5424-header.js';
import { readTaggedHeader } from './tagged-header.js';
import { YearTracker } from './year-tracker.js';

/** How to read the time of one file's lines. */
export interface SyslogFramerOptions {
  /** Year of the first RFC 3164 line (`--year`); wins over `referenceTime`. */
  readonly year?: number;
  /**
   * A time known to be at or after the first line, epoch ms: normally the file's modification time.
   * The first RFC 3164 line gets its year (minus one when its month is later). Without `year` and
   * `referenceTime` the current time is used, which is right only for live input.
   */
  readonly referenceTime?: number;
  /**
   * Offset of the log's local time from UTC, in minutes (e.g. 120 for UTC+2), applied to timestamps that
   * carry no offset (RFC 3164, ISO without `Z`/`±hh:mm`). Default 0: such timestamps are read as UTC.
   */
  readonly utcOffsetMinutes?: number;
}

/**
 * The framing engine: reads one line at a time into its own fields, which then describe that line
 * (a {@link SyslogFrame} that is overwritten by the next `read`). Parsers use it directly so that the
 * hot path allocates no frame; `createSyslogFramer` wraps it for callers that keep frames.
 */
export class SyslogReader implements SyslogFrame {
  ts = 0;
  hostname = '';
  appname = '';
  procid = '';
  pid: number | undefined = undefined;
  priority: number | undefined = undefined;
  version: string | undefined = undefined;
  msgid: string | undefined = undefined;
  structuredData: string | undefined = undefined;
  message = '';
  /** After a failed `read`: the 0-based index in the line where reading stopped. */
  failureIndex = 0;
  private readonly bsd: BsdTimestampReader;
  private readonly iso: IsoTimestampReader;
  private readonly formatter = new IsoFormatter();
  private readonly fields = new HeaderFields();

  constructor(options: SyslogFramerOptions = {}) {
    const utcOffsetMinutes = options.utcOffsetMinutes ?? 0;
    const start = options.year === undefined ? { referenceTime: options.referenceTime ?? Date.now(), utcOffsetMinutes } : { year: options.year };
    this.bsd = new BsdTimestampReader(new YearTracker(start), utcOffsetMinutes);
    this.iso = new IsoTimestampReader(utcOffsetMinutes);
  }

  /** Reads `line`; undefined on success (the fields describe it), else why it is not a syslog line. */
  read(line: string): ParseFailureReason | undefined {
    const end = trimEndIndex(line, 0, line.length);
    if (end === 0) return this.fail('empty_line', 0);
    let at = 0;
    let priority: number | undefined;
    let version: string | undefined;
    if (line.charCodeAt(0) === 60) {
      const close = line.charCodeAt(2) === 62 ? 2 : line.charCodeAt(3) === 62 ? 3 : line.charCodeAt(4) === 62 ? 4 : -1;
      const value = close < 0 ? -1 : readPriority(line, close);
      if (value < 0) return this.fail('bad_priority', 1);
      priority = value;
      at = close + 1;
      const digit = line.charCodeAt(at);
      if (digit >= 49 && digit <= 57 && line.charCodeAt(at + 1) === 32) {
        version = line.slice(at, at + 1);
        at += 2;
      }
    }
    let reason: ParseFailureReason | undefined;
    let ms: number;
    let timestampEnd: number;
    if (IsoTimestampReader.startsAt(line, at)) {
      reason = this.iso.read(line, at);
      ms = this.iso.ms;
      timestampEnd = this.iso.end;
    } else if (version === undefined && BsdTimestampReader.startsAt(line, at)) {
      reason = this.bsd.read(line, at);
      ms = this.bsd.ms;
      timestampEnd = this.bsd.end;
    } else {
      return this.fail(version === undefined ? 'unknown_header' : 'bad_timestamp', at);
    }
    if (reason === undefined && !(ms >= MIN_TIME && ms <= MAX_TIME)) reason = 'bad_timestamp';
    if (reason !== undefined) return this.fail(reason, at);
    const fields = this.fields;
    fields.reset();
    reason = version === undefined ? readTaggedHeader(line, timestampEnd, end, fields) : readRfc5424Header(line, timestampEnd, end, fields);
    if (reason !== undefined) return this.fail(reason, fields.stop);
    this.ts = ms;
    this.hostname = fields.hostname;
    this.appname = fields.appname;
    this.procid = fields.procid;
    this.pid = fields.pid;
    this.priority = priority;
    this.version = version;
    this.msgid = fields.msgid;
    this.structuredData = fields.structuredData;
    this.message = fields.messageStart >= end ? '' : line.slice(fields.messageStart, end);
    return undefined;
  }

  /**
   * Reads only an RFC 3164 timestamp at `at` of `text`, which may hold more than one line (the caller
   * has checked that the line goes on past the timestamp). It is read exactly as {@link read} reads it,
   * with the same year tracking, so the two can be mixed line by line. On success sets `ts` and returns
   * the index just after the timestamp; otherwise returns -1.
   */
  readBsdTime(text: string, at: number): number {
    if (!BsdTimestampReader.startsAt(text, at) || this.bsd.read(text, at) !== undefined) return -1;
    const ms = this.bsd.ms;
    if (!(ms >= MIN_TIME && ms <= MAX_TIME)) return -1;
    this.ts = ms;
    return this.bsd.end;
  }

  /** The time as ISO 8601 UTC text, formatted only when asked for (most lines never need it). */
  get timestamp(): string {
    return this.formatter.format(this.ts);
  }

  private fail(reason: ParseFailureReason, index: number): ParseFailureReason {
    this.failureIndex = index;
    return reason;
  }
}

/** The PRI between `<` at 0 and `>` at `close`: 1–3 digits, 0..191, no leading zero (RFC 5424 §6.2.1). */
function readPriority(line: string, close: number): number {
  if (close > 2 && line.charCodeAt(1) === 48) return -1;
  let value = 0;
  for (let i = 1; i < close; i++) {
    const digit = line.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value > 191 ? -1 : value;
}
