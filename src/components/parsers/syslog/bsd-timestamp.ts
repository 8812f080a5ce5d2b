import type { ParseFailureReason } from '../parse-failure.js';
import { sameText } from './same-text.js';
import { daysInMonth, readFraction, twoDigits } from './digits.js';
import type { YearTracker } from './year-tracker.js';

/** 'jan' … 'dec' packed as three lower-cased char codes → 0-based month. */
const MONTH_BY_CODE = new Map<number, number>(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((name, month) => [packMonth(name, 0), month]),
);

function packMonth(text: string, at: number): number {
  return ((text.charCodeAt(at) | 0x20) << 16) | ((text.charCodeAt(at + 1) | 0x20) << 8) | (text.charCodeAt(at + 2) | 0x20);
}

/**
 * Reads RFC 3164 timestamps, `Mmm dd hh:mm:ss` (day space- or zero-padded, or one space and one digit),
 * optionally followed by `.fff…`. The time is read in UTC shifted by a fixed offset; the year comes from a
 * {@link YearTracker}.
 *
 * The last date text (`Mmm dd `) and the start of its day are remembered: consecutive lines are almost
 * always on the same day, and then only the time of day is read. Skipping the year tracker on a repeat
 * is safe because the same month always gets the same year twice in a row.
 */
export class BsdTimestampReader {
  /** Time of the last timestamp read, epoch ms. */
  ms = 0;
  /** Index just after the last timestamp read. */
  end = 0;
  private readonly years: YearTracker;
  private readonly offsetMs: number;
  private cachedDate = '';
  private cachedDayMs = 0;
  private readonly fraction = { end: 0, millis: 0 };

  constructor(years: YearTracker, utcOffsetMinutes: number) {
    this.years = years;
    this.offsetMs = utcOffsetMinutes * 60_000;
  }

  /** True when `line` holds a month abbreviation and a space at `at`: the line claims to be RFC 3164. */
  static startsAt(line: string, at: number): boolean {
    return MONTH_BY_CODE.has(packMonth(line, at)) && line.charCodeAt(at + 3) === 32;
  }

  /** Reads the timestamp at `at`; on success sets `ms` and `end` and returns undefined. */
  read(line: string, at: number): ParseFailureReason | undefined {
    const sameDay = sameText(line, at, this.cachedDate);
    let i = at + this.cachedDate.length;
    let month = -1;
    let day = 0;
    if (!sameDay) {
      month = MONTH_BY_CODE.get(packMonth(line, at)) ?? -1;
      if (month < 0 || line.charCodeAt(at + 3) !== 32) return 'unknown_header';
      i = at + 4;
      if (line.charCodeAt(i) === 32) i++;
      day = line.charCodeAt(i) - 48;
      if (!(day >= 0 && day <= 9)) return 'bad_timestamp';
      i++;
      const next = line.charCodeAt(i) - 48;
      if (next >= 0 && next <= 9) {
        day = day * 10 + next;
        i++;
      }
      if (line.charCodeAt(i) !== 32 || day < 1 || day > 31) return 'bad_timestamp';
      i++;
    }
    const hour = twoDigits(line, i);
    const minute = twoDigits(line, i + 3);
    const second = twoDigits(line, i + 6);
    if (line.charCodeAt(i + 2) !== 58 || line.charCodeAt(i + 5) !== 58) return 'bad_timestamp';
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return 'bad_timestamp';
    // The year tracker moves only for a complete, valid timestamp of a new day.
    if (!sameDay) {
      const year = this.years.yearFor(month);
      if (year < 1000 || year > 9999 || day > daysInMonth(year, month)) return 'bad_timestamp';
      this.cachedDate = line.slice(at, i);
      this.cachedDayMs = Date.UTC(year, month, day) - this.offsetMs;
    }
    let end = i + 8;
    let ms = this.cachedDayMs + hour * 3_600_000 + minute * 60_000 + second * 1000;
    if (line.charCodeAt(end) === 46) {
      readFraction(line, end + 1, this.fraction);
      if (this.fraction.end === end + 1) return 'bad_timestamp';
      end = this.fraction.end;
      ms += this.fraction.millis;
    }
    this.ms = ms;
    this.end = end;
    return undefined;
  }
}
