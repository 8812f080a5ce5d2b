import type { ParseFailureReason } from '../parse-failure.js';
import { sameText } from './same-text.js';
import { DayStart } from './day-start.js';
import { daysInMonth, fourDigits, readFraction, twoDigits } from './digits.js';

/** Length of `YYYY-MM-DDThh:mm:ss`. */
const SECOND_TEXT_LENGTH = 19;

/**
 * Reads ISO 8601 / RFC 3339 timestamps as rsyslog, journald and RFC 5424 write them:
 * `YYYY-MM-DDThh:mm:ss[.f…](Z|±hh:mm|±hhmm)`, any number of fraction digits, `T` or a space between
 * date and time. Without an offset the time is read in UTC shifted by the configured offset.
 *
 * The last `YYYY-MM-DDThh:mm:ss` text and its time are remembered; the fraction and offset are read on
 * every line (a few charCodeAt), so lines that share a second skip the date arithmetic entirely.
 */
export class IsoTimestampReader {
  /** Time of the last timestamp read, epoch ms. */
  ms = 0;
  /** Index just after the last timestamp read. */
  end = 0;
  private readonly defaultOffsetMs: number;
  private cachedText = '';
  /** Time of `cachedText` read as if it were UTC. */
  private cachedMs = 0;
  private readonly fraction = { end: 0, millis: 0 };
  private readonly days = new DayStart();

  constructor(utcOffsetMinutes: number) {
    this.defaultOffsetMs = utcOffsetMinutes * 60_000;
  }

  /** True when `line` holds `dddd-` at `at`: the line claims to start with an ISO date. */
  static startsAt(line: string, at: number): boolean {
    return fourDigits(line, at) >= 0 && line.charCodeAt(at + 4) === 45;
  }

  /** Reads the timestamp at `at`; on success sets `ms` and `end` and returns undefined. */
  read(line: string, at: number): ParseFailureReason | undefined {
    let ms: number;
    if (sameText(line, at, this.cachedText)) {
      ms = this.cachedMs;
    } else {
      const year = fourDigits(line, at);
      const month = twoDigits(line, at + 5);
      const day = twoDigits(line, at + 8);
      const separator = line.charCodeAt(at + 10);
      const hour = twoDigits(line, at + 11);
      const minute = twoDigits(line, at + 14);
      const second = twoDigits(line, at + 17);
      if (line.charCodeAt(at + 4) !== 45 || line.charCodeAt(at + 7) !== 45) return 'bad_timestamp';
      if (separator !== 84 && separator !== 116 && separator !== 32) return 'bad_timestamp';
      if (line.charCodeAt(at + 13) !== 58 || line.charCodeAt(at + 16) !== 58) return 'bad_timestamp';
      if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month - 1)) return 'bad_timestamp';
      if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return 'bad_timestamp';
      ms = this.days.of(year, month - 1, day) + hour * 3_600_000 + minute * 60_000 + second * 1000;
      this.cachedText = line.slice(at, at + SECOND_TEXT_LENGTH);
      this.cachedMs = ms;
    }
    let end = at + SECOND_TEXT_LENGTH;
    if (line.charCodeAt(end) === 46) {
      readFraction(line, end + 1, this.fraction);
      if (this.fraction.end === end + 1) return 'bad_timestamp';
      end = this.fraction.end;
      ms += this.fraction.millis;
    }
    const sign = line.charCodeAt(end);
    if (sign === 90 || sign === 122) {
      end++;
    } else if (sign === 43 || sign === 45) {
      const hours = twoDigits(line, end + 1);
      const colon = line.charCodeAt(end + 3) === 58 ? 1 : 0;
      const minutes = twoDigits(line, end + 3 + colon);
      if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return 'bad_timestamp';
      const offsetMs = (hours * 60 + minutes) * 60_000;
      ms += sign === 43 ? -offsetMs : offsetMs;
      end += 5 + colon;
    } else {
      ms -= this.defaultOffsetMs;
    }
    this.ms = ms;
    this.end = end;
    return undefined;
  }
}
