const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Minutes east of UTC of a `Z`, `±hh:mm`, `±hhmm` or `±hh` suffix at `at`; NaN when malformed; 0 when absent. */
function zoneOffsetMinutes(text: string, at: number): number {
  if (at === text.length) return 0; // no zone: UTC (EVTX SystemTime is UTC)
  const sign = text[at];
  if ((sign === 'Z' || sign === 'z') && at + 1 === text.length) return 0;
  if (sign !== '+' && sign !== '-') return Number.NaN;
  const rest = text.length - at - 1;
  const hours = digits(text, at + 1, 2);
  let minutes = 0;
  if (rest === 5 && text[at + 3] === ':') minutes = digits(text, at + 4, 2);
  else if (rest === 4) minutes = digits(text, at + 3, 2);
  else if (rest !== 2) return Number.NaN;
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return Number.NaN;
  return (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * Epoch milliseconds of an event timestamp, NaN when it is not one. Reads ISO 8601 date-times with a
 * `T` or a space between date and time, an optional fraction (cut to milliseconds) and an optional
 * zone: `2019-04-27 15:57:25.868864` (python-evtx, UTC), `2025-12-06T21:11:02.649150Z` (evtx_dump),
 * `2024-01-02T03:04:05.000+01:00` (ECS). A value without a zone is UTC.
 */
export function parseEventTime(value: unknown): number {
  if (typeof value !== 'string' || value.length < 19 || value.length > 64) return Number.NaN;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2);
  const separator = value[10];
  if (value[4] !== '-' || value[7] !== '-' || value[13] !== ':' || value[16] !== ':' || (separator !== 'T' && separator !== ' ')) return Number.NaN;
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
    return Number.NaN;
  }
  const monthDays = month === 2 && !isLeapYear(year) ? 28 : DAYS_IN_MONTH[month - 1]!;
  if (day > monthDays) return Number.NaN;
  let at = 19;
  let millis = 0;
  if (value[at] === '.' || value[at] === ',') {
    at++;
    const start = at;
    let scale = 100;
    while (at < value.length) {
      const code = value.charCodeAt(at) - 48;
      if (code < 0 || code > 9) break;
      millis += code * scale;
      scale /= 10;
      at++;
    }
    if (at === start) return Number.NaN;
    millis = Math.floor(millis);
  }
  const offset = zoneOffsetMinutes(value, at);
  if (Number.isNaN(offset)) return Number.NaN;
  // Leap second 60 is read as the next second, as Date does.
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000;
}
