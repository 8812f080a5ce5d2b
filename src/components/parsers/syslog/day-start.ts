/**
 * Epoch milliseconds of 00:00 UTC on a calendar date, remembering the last date asked: consecutive
 * log lines are almost always on the same day, so `Date.UTC` runs about once per day of log.
 */
export class DayStart {
  private key = -1;
  private ms = 0;

  /** 00:00 UTC of `day` of `month` (0-based) of `year`, epoch ms. */
  of(year: number, month: number, day: number): number {
    const key = year * 512 + month * 32 + day;
    if (key !== this.key) {
      this.key = key;
      this.ms = Date.UTC(year, month, day);
    }
    return this.ms;
  }
}
