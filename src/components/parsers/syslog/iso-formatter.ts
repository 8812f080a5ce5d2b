/** `.000Z` … `.999Z`, built once so that formatting a millisecond never pads a string. */
const MILLIS_SUFFIX: readonly string[] = Array.from({ length: 1000 }, (_, i) => `.${String(i).padStart(3, '0')}Z`);
/** `00:00:` … `23:59:`, one per minute of the day. */
const HOUR_MINUTE: readonly string[] = Array.from({ length: 1440 }, (_, i) => `${pad2(Math.floor(i / 60))}:${pad2(i % 60)}:`);
/** `00` … `59`. */
const SECONDS: readonly string[] = Array.from({ length: 60 }, (_, i) => pad2(i));

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

const DAY_MS = 86_400_000;

/**
 * Formats epoch milliseconds as ISO 8601 UTC (`2026-11-02T08:38:24.123Z`) without `Date#toISOString`,
 * which costs about half a microsecond per call in V8: the `YYYY-MM-DDT` text is computed once per
 * day, the rest is joined from precomputed pieces, and the last second and last time are remembered
 * because consecutive log lines mostly share them. Callers pass a finite time between years 0 and 9999.
 */
export class IsoFormatter {
  private day = Number.NaN;
  private dayPrefix = '';
  private second = Number.NaN;
  private secondPrefix = '';
  private lastMs = Number.NaN;
  private lastIso = '';

  /** The ISO 8601 UTC text of `ms`. */
  format(ms: number): string {
    if (ms === this.lastMs) return this.lastIso;
    const second = Math.floor(ms / 1000);
    if (second !== this.second) {
      const day = Math.floor(second / 86_400);
      if (day !== this.day) {
        this.day = day;
        this.dayPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
      }
      const secondOfDay = second - day * 86_400;
      this.second = second;
      this.secondPrefix = this.dayPrefix + HOUR_MINUTE[Math.floor(secondOfDay / 60)]! + SECONDS[secondOfDay % 60]!;
    }
    this.lastMs = ms;
    this.lastIso = this.secondPrefix + MILLIS_SUFFIX[ms - second * 1000]!;
    return this.lastIso;
  }
}
