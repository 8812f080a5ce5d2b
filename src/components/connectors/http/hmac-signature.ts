import { createHmac } from 'node:crypto';

/** Headers that carry a request's signature; receivers verify them with {@link verifySignature}. */
export const SIGNATURE_HEADER = 'x-vigil-signature';
export const TIMESTAMP_HEADER = 'x-vigil-timestamp';

/**
 * HMAC-SHA256 over `timestamp + "." + body` (the scheme Stripe and Slack use): the timestamp lets a
 * receiver refuse replays, the body binds the signature to the exact bytes sent.
 */
export function signBody(key: string, timestampSeconds: number, body: string): string {
  return `sha256=${createHmac('sha256', key).update(`${timestampSeconds}.${body}`).digest('hex')}`;
}

/** The two signature headers for a body. */
export function signatureHeaders(key: string, timestampSeconds: number, body: string): Record<string, string> {
  return { [TIMESTAMP_HEADER]: String(timestampSeconds), [SIGNATURE_HEADER]: signBody(key, timestampSeconds, body) };
}
