import { z } from 'zod';

/** Headers a playbook may not set: framing, hop-by-hop and the signature Vigil computes itself. */
const RESERVED_HEADERS = new Set([
  'host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer',
  'proxy-authorization', 'proxy-connection', 'x-vigil-signature', 'x-vigil-timestamp',
]);

/** An http(s) URL without credentials in it (credentials belong in secrets). */
export const targetUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .refine((s) => { const u = new URL(s); return u.username === '' && u.password === ''; }, 'a URL must not carry a user name or password');

/** A header name: an RFC 9110 token, and not one Vigil controls. */
export const headerNameSchema = z
  .string()
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/, 'a header name is an RFC 9110 token')
  .refine((name) => !RESERVED_HEADERS.has(name.toLowerCase()), 'this header is set by Vigil or the HTTP layer');

/** A header value: visible characters, spaces and tabs; a CR or LF (a header split) is refused. */
export const headerValueSchema = z
  .string()
  .max(8192)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u0008\u000a-\u001f\u007f]*$/, 'a header value must not contain control characters (CR, LF, NUL)');

export const headersSchema = z
  .record(headerNameSchema, headerValueSchema)
  .refine((h) => Object.keys(h).length <= 50, 'at most 50 headers')
  .default({});
