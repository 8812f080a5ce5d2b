import type { ParsedMail, Reason } from '../contract.js';
import { brandNamedIn, ownerOf, type ProtectedDomains } from '../protected-domains.js';
import { addressDomain, registrableDomain } from './domains.js';
import { headerReason } from './header-reasons.js';

/** Lures in a subject line: the words phishing uses to make people act before they think. */
const LURES: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  {
    what: 'an account or password threat',
    pattern: /\b(?:password|passcode|verify|verification|suspend\w*|locked|unusual|sign[- ]?in|log[- ]?in|expir\w*|deactivat\w*|reactivat\w*|mailbox|quota|unauthori[sz]ed|security alert|confirm your|update your|validate)\b/i,
  },
  { what: 'money to pay or to collect', pattern: /\b(?:invoice|payment|wallet|refund|remittance|wire transfer|bitcoin|crypto|usdt|btc)\b/i },
  { what: 'a prize or windfall', pattern: /\b(?:winner|won|award\w*|prize|congratulations|claim|reward\w*|compensation|inheritance|beneficiary)\b/i },
  // The same lures in the languages phishing most often targets besides English (pt, es, de, fr, it).
  {
    what: 'an account, delivery or payment threat',
    pattern: /(?:\bsenha\b|\bconta bloqueada|\bbloquead[oa]\b|\bnotifica(?:ç|c)(?:ã|a)o\b|\bboleto\b|\bentrega\b|\bencomenda\b|\bcontrase(?:ñ|n)a\b|\bpaquete\b|\bcuenta\b|\bfactura\b|\bkonto\b|\bpasswort\b|\bpaket\b|\blieferung\b|\brechnung\b|\bmot de passe\b|\bcolis\b|\bfacture\b|\bpacco\b)/i,
  },
  { what: 'a prize in another language', pattern: /(?:\bganhou\b|\bpr(?:ê|e)mio\b|\bgewinn\w*|\bgutschein\w*|\bgratulieren\b|\bganador\b|\bpremio\b|\brecompensa\w*|\bgagn(?:é|e)\b)/i },
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

/** "Your <brand> …" in a subject, in the languages of `LURES`: the sender speaks about the reader's account at a brand. */
const POSSESSIVE = /\b(?:your|ihr|ihre|ihren|sua|seu|su|tu|votre|vos|uw|je)\s+/giu;
const BRAND_WINDOW = 40;

/**
 * A subject about the reader's account or order at a protected brand ("Your Norton order",
 * "Ihr McAfee-Schutz") while the From address is not the brand's.
 */
export function checkSubjectBrand(mail: ParsedMail, protectedDomains: ProtectedDomains | undefined): Reason[] {
  if (protectedDomains === undefined || mail.from === undefined) return [];
  const subject = mail.subject.slice(0, MAX_SUBJECT);
  const host = addressDomain(mail.from.address);
  if (host === undefined) return [];
  const sender = ownerOf(host, protectedDomains);
  for (const m of subject.matchAll(POSSESSIVE)) {
    const after = subject.slice(m.index + m[0].length, m.index + m[0].length + BRAND_WINDOW);
    const firstWords = after.split(/\s+/).slice(0, 3).join(' ');
    const brand = brandNamedIn(firstWords, protectedDomains);
    if (brand !== undefined && sender !== brand && sender !== 'trusted' && !brand.own) {
      return [headerReason('header.subject_brand', `The subject speaks of the reader's ${brand.name} account or order ("${m[0]}${firstWords}"), but the mail does not come from ${brand.name} (${registrableDomain(host) ?? host}).`, 'subject', subject)];
    }
  }
  return [];
}
