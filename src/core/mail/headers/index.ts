import type { Findings, Observable, ParsedMail } from '../contract.js';
import { checkAddresses, checkSubjectAddress } from './address-checks.js';
import { checkRecordedAuth, recordedAuth, type RecordedAuth } from './auth-checks.js';
import { registrableDomain } from './domains.js';
import type { HeaderContext } from './header-context.js';
import { checkPresenceAndTimes } from './presence-checks.js';
import { checkSenderSignals } from './sender-signals.js';
import { checkSubject, checkSubjectBrand } from './subject-checks.js';
import { parseReceivedChain, type ReceivedChain } from './received-chain.js';

export type { HeaderContext } from './header-context.js';
export { HEADER_WEIGHTS, type HeaderReasonCode } from './header-reasons.js';
export { parseAuthResults, type AuthResults, type AuthMethodResult } from './authentication-results.js';
export { parseReceivedChain, isPrivateIp, type ReceivedChain, type ReceivedHop } from './received-chain.js';
export { registrableDomain, isFreemail } from './domains.js';
export { verifyLive, type LiveAuthOptions, type DnsResolver } from './live-auth.js';

/** What header analysis found, plus the structures it read (for reports). */
export interface HeaderFindings extends Findings {
  readonly received: ReceivedChain;
  readonly auth: RecordedAuth | undefined;
}

const MAX_RECEIVED = 100;
/** Reasons that already judge the display name; an unrelated-organisation reason would count it twice. */
const NAME_CODES: ReadonlySet<string> = new Set(['header.display_name_brand', 'header.display_name_mentions_brand', 'header.display_name_internal', 'header.display_name_domain', 'header.display_name_address']);

/**
 * Analyses a message's headers: the Received chain, the authentication results the receiving
 * server recorded, address mismatches, display-name spoofing and first-seen sender domains.
 */
export function analyzeHeaders(mail: ParsedMail, context: HeaderContext = {}): HeaderFindings {
  const receivedValues = mail.headers.filter((h) => h.name === 'received').slice(0, MAX_RECEIVED).map((h) => h.value);
  const received = parseReceivedChain(receivedValues);
  const auth = recordedAuth(mail.headers);
  const addresses = checkAddresses(mail, context);
  const nameChecked = addresses.some((r) => NAME_CODES.has(r.code));
  const reasons = [
    ...checkRecordedAuth(mail, auth),
    ...addresses,
    ...checkSenderSignals(mail, nameChecked),
    ...checkPresenceAndTimes(mail, received),
    ...checkSubject(mail),
    ...checkSubjectAddress(mail),
    ...checkSubjectBrand(mail, context.protectedDomains),
  ];
  return { reasons, observables: headerObservables(mail, received), received, auth };
}

function headerObservables(mail: ParsedMail, received: ReceivedChain): Observable[] {
  const out: Observable[] = [];
  const seen = new Set<string>();
  const add = (type: Observable['type'], value: string | undefined): void => {
    if (value === undefined || value === '') return;
    const key = `${type}\u0000${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ type, value });
  };
  const email = (address: string | undefined): void => {
    if (address === undefined || !address.includes('@')) return;
    add('email', address.toLowerCase());
    add('domain', registrableDomain(address));
  };
  email(mail.from?.address);
  email(mail.sender?.address);
  for (const r of mail.replyTo) email(r.address);
  email(mail.returnPath);
  add('ip', received.firstExternalHop?.fromIp);
  return out;
}
