import type { Reason } from '../contract.js';

/**
 * Header reason codes and their weights (points towards the verdict; see `verdict.ts` for the
 * thresholds). Tuned on phishing_pot-dev and held-out SpamAssassin ham; negative weights are
 * evidence of legitimate mail.
 */
export const HEADER_WEIGHTS = {
  'auth.spf_fail': 15,
  'auth.spf_softfail': 6,
  'auth.spf_none': 3,
  'auth.dkim_fail': 10,
  'auth.dmarc_fail': 25,
  'auth.dmarc_none': 4,
  'auth.dmarc_error': 4,
  'auth.dmarc_pass': -5,
  'auth.compauth_fail': 25,
  'auth.tenant_signature': 10,
  'auth.live_dkim_fail': 10,
  'auth.live_spf_fail': 10,
  'auth.live_dmarc_fail': 20,
  'auth.live_dmarc_pass': -5,
  'auth.live_error': 0,
  'header.reply_to_mismatch': 8,
  'header.reply_to_freemail': 20,
  'header.return_path_mismatch': 2,
  'header.sender_mismatch': 2,
  'header.display_name_address': 25,
  'header.display_name_brand': 30,
  'header.display_name_mentions_brand': 8,
  'header.display_name_domain': 6,
  'header.tenant_sender': 10,
  'header.abused_tld_sender': 8,
  'header.subject_address': 10,
  'header.subject_brand': 12,
  'header.display_name_internal': 30,
  'header.freemail_brand': 15,
  'header.missing_from': 10,
  'header.from_invalid': 10,
  'header.missing_date': 5,
  'header.missing_message_id': 8,
  'header.new_sender_domain': 10,
  'header.subject_lure': 10,
  'header.random_sender': 10,
  'header.undisclosed_recipients': 6,
  'header.display_name_noise': 10,
  'header.display_name_unrelated': 10,
  'header.subject_random_token': 5,
  'received.missing': 4,
  'received.long_delay': 3,
  'received.date_mismatch': 4,
} as const;

export type HeaderReasonCode = keyof typeof HEADER_WEIGHTS;

/** A reason pointing at one header. */
export function headerReason(code: HeaderReasonCode, summary: string, name: string, value?: string): Reason {
  const shown = value === undefined ? undefined : value.length > 200 ? `${value.slice(0, 200)}…` : value;
  return { code, weight: HEADER_WEIGHTS[code], summary, source: shown === undefined ? { kind: 'header', name } : { kind: 'header', name, value: shown } };
}
