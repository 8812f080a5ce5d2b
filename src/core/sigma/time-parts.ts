/** The time-part modifiers of Sigma 2.1 (`field|hour: 3`). */
export const TIME_PARTS = ['minute', 'hour', 'day', 'week', 'month', 'year'] as const;
/** One time part. */
export type TimePart = (typeof TIME_PARTS)[number];

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/;

/**
 * Extracts a part of a timestamp field. Strings in ISO 8601 form are read as written (the spec says
 * the modifiers do no time-zone conversion: `10:00+02:00` has hour 10); numbers are epoch
 * milliseconds (or seconds below 10^11) read in UTC. Weeks are ISO 8601 weeks (1–53).
 */
export function timePart(value: unknown, part: TimePart): number | undefined {
  let y: number, mo: number, d: number, h: number, mi: number;
  if (typeof value === 'string') {
    const m = WALL_CLOCK.exec(value.trim());
    if (m === null) return undefined;
    [y, mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)];
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return undefined;
  } else if (typeof value === 'number' && Number.isFinite(value)) {
    const date = new Date(Math.abs(value) < 1e11 ? value * 1000 : value);
    if (Number.isNaN(date.getTime())) return undefined;
    [y, mo, d, h, mi] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes()];
  } else {
    return undefined;
  }
  switch (part) {
    case 'minute':
      return mi;
    case 'hour':
      return h;
    case 'day':
      return d;
    case 'week':
      return isoWeek(y, mo, d);
    case 'month':
      return mo;
    case 'year':
      return y;
    default: {
      const never: never = part;
      throw new Error(`unknown time part ${String(never)}`);
    }
  }
}

function isoWeek(y: number, m: number, d: number): number {
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday = 0
  date.setUTCDate(date.getUTCDate() - weekday + 3); // the Thursday of this week decides the year
  const firstThursday = new Date(Date.UTC(date.getUTCFullYear(), 0, 4));
  const firstWeekday = (firstThursday.getUTCDay() + 6) % 7;
  firstThursday.setUTCDate(firstThursday.getUTCDate() - firstWeekday + 3);
  return 1 + Math.round((date.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
}
