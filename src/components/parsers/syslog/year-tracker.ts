/**
 * Where the year of RFC 3164 timestamps (which have none) starts: the year of the file's first line
 * when the caller knows it (`--year`), or a reference time, normally the file's modification time.
 */
export type YearStart = { readonly year: number } | { readonly referenceTime: number; readonly utcOffsetMinutes?: number };

/**
 * Infers the year of each RFC 3164 line from the sequence of months.
 *
 * Logs are written in time order, so the months only move forward, and a month that goes backwards
 * (Dec → Jan) means a new year. Real files are slightly out of order (buffered remote senders, several
 * writers), so a step back of at most one month is read as a late line of the previous month, not a
 * new year: `Jan` then a late `Dec` stays in the old year. Within one month the year never changes.
 * The cost of that tolerance: a gap of exactly eleven months with no lines (Jan, then next Dec) is
 * read as the previous December.
 */
export class YearTracker {
  private readonly start: YearStart;
  /** year × 12 + month (0-based) of the latest line so far; -1 before the first line. */
  private latest = -1;

  constructor(start: YearStart) {
    this.start = start;
  }

  /** The year of a line whose month (0 = January) is `month`; moves the tracker forward. */
  yearFor(month: number): number {
    if (this.latest < 0) {
      const year = this.firstYear(month);
      this.latest = year * 12 + month;
      return year;
    }
    // The smallest (year, month) with this month that is at most one month before the latest.
    let index = Math.floor(this.latest / 12) * 12 + month;
    if (index - 12 >= this.latest - 1) index -= 12;
    else if (index < this.latest - 1) index += 12;
    if (index > this.latest) this.latest = index;
    return Math.floor(index / 12);
  }

  private firstYear(month: number): number {
    if ('year' in this.start) return this.start.year;
    const local = new Date(this.start.referenceTime + (this.start.utcOffsetMinutes ?? 0) * 60_000);
    // A first line in a later month than the file's mtime must be from the year before.
    return local.getUTCFullYear() - (month > local.getUTCMonth() ? 1 : 0);
  }
}
