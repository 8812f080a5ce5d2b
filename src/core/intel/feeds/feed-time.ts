/**
 * A feed timestamp as epoch ms (UTC): `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS` (abuse.ch writes UTC),
 * ISO 8601 with `T`, optional fraction and `Z` or an offset, or epoch seconds (MISP). Empty, `None`,
 * `null` and malformed values are undefined.
 */
export function parseFeedTime(raw: string | number | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === 'number') return Number.isFinite(raw) && raw > 0 ? Math.round(raw * 1000) : undefined;
  const s = raw.trim();
  if (s === '' || s === 'None' || s === 'null') return undefined;
  if (/^[0-9]{9,11}$/.test(s)) return Number(s) * 1000;
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?$/.exec(s);
  if (m === null) return undefined;
  const [, y, mo, d, h = '00', mi = '00', se = '00', frac = '', zone = 'Z'] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(se) > 60) return undefined;
  const tz = zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${se}${frac.slice(0, 4)}${tz}`);
  return Number.isNaN(ms) ? undefined : ms;
}
