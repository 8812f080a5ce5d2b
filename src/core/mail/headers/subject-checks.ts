import type { ParsedMail, Reason } from '../contract.js';
import { headerReason } from './header-reasons.js';

/** Lures in a subject line: the words phishing uses to make people act before they think. */
const LURES: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  {
    what: 'an account or password threat',
    pattern: /\b(?:password|passcode|verify|verification|suspend\w*|locked|unusual|sign[- ]?in|log[- ]?in|expir\w*|deactivat\w*|reactivat\w*|mailbox|quota|unauthori[sz]ed|security alert|confirm your|update your|validate)\b/i,
  },
  { what: 'money to pay or to collect', pattern: /\b(?:invoice|payment|wallet|refund|remittance|wire transfer|bitcoin|crypto|usdt|btc)\b/i },
  { what: 'a prize or windfall', pattern: /\b(?:winner|won|award\w*|prize|congratulations|claim|reward\w*|compensation|inheritance|beneficiary)\b/i },
];

const MAX_SUBJECT = 1000;

/** A subject that names an account threat, a payment or a prize (the lure of most phishing). */
export function checkSubject(mail: ParsedMail): Reason[] {
  const subject = mail.subject.slice(0, MAX_SUBJECT);
  if (subject === '') return [];
  for (const lure of LURES) {
    const match = lure.pattern.exec(subject);
    if (match !== null) {
      return [headerReason('header.subject_lure', `The subject uses ${lure.what} ("${match[0]}") to push the reader to act.`, 'subject', subject)];
    }
  }
  return [];
}
