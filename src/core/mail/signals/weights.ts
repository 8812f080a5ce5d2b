import type { Reason, ReasonSource } from '../contract.js';

/**
 * Content signal codes and their weights (points towards the verdict; see `verdict.ts`). Tuned on
 * phishing_pot-dev and held-out SpamAssassin ham with `bench/mail-eval.mjs`.
 */
export const CONTENT_WEIGHTS = {
  'content.mixed_script': 25,
  'content.invisible_characters': 15,
  'content.styled_letters': 15,
  'content.hidden_text': 10,
  'content.credential_lure': 12,
  'content.crypto_lure': 12,
  'content.advance_fee': 15,
  'content.freemail_money': 10,
  'content.attachment_password': 15,
  'content.prize_lure': 10,
  'content.delivery_lure': 10,
  'content.gambling_lure': 10,
  'content.dating_lure': 10,
  'content.address_greeting': 10,
  'content.generic_greeting': 4,
} as const;

export type ContentReasonCode = keyof typeof CONTENT_WEIGHTS;

/** A content reason with its shipped weight. */
export function contentReason(code: ContentReasonCode, summary: string, source: ReasonSource): Reason {
  return { code, weight: CONTENT_WEIGHTS[code], summary, source };
}
