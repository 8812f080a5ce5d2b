const STIX_TIMESTAMP = /^([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]|60)(\.[0-9]+)?Z$/;

/** A STIX timestamp (RFC 3339, UTC `Z`, optional fraction) as epoch ms; undefined when malformed. */
export function parseStixTimestamp(s: unknown): number | undefined {
  if (typeof s !== 'string' || !STIX_TIMESTAMP.test(s)) return undefined;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * A key that orders STIX timestamps exactly, beyond milliseconds (`…16.432678Z` after `…16.432Z`):
 * the fraction padded to nine digits. Only for strings `parseStixTimestamp` accepts.
 */
export function stixTimestampKey(s: string): string {
  const dot = s.indexOf('.');
  if (dot === -1) return `${s.slice(0, -1)}.000000000`;
  const frac = s.slice(dot + 1, -1);
  return `${s.slice(0, dot)}.${frac.padEnd(9, '0').slice(0, 9)}`;
}
