/** The longest wait a server may ask for; beyond it the runner's own backoff and timeouts decide. */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/**
 * Reads an HTTP `Retry-After` value (RFC 9110 10.2.3): delay-seconds or an HTTP date. Returns the
 * wait in milliseconds, never negative and at most an hour; undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '' || text.length > 64) return undefined;
  if (/^[0-9]+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  // HTTP dates always name a weekday and a month; a bare number was handled above.
  if (!/^[A-Za-z]{3},? /.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - nowMs), MAX_RETRY_AFTER_MS);
}
