import { z } from 'zod';

/**
 * A bare address `local@domain`, nothing else: no display name, no comments, no group syntax, and
 * by construction no CR, LF, comma or angle bracket — an address can never add a header or a recipient.
 */
export const mailAddressSchema = z
  .string()
  .max(254)
  .regex(
    /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/,
    'a plain e-mail address (local@domain)',
  );

/** A subject on one line: CR, LF and other controls become spaces (the data stays, the header cannot split). */
export function oneLineSubject(subject: string): string {
  // eslint-disable-next-line no-control-regex
  return subject.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}
