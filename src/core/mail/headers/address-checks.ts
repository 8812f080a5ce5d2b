import type { MailAddress, ParsedMail, Reason } from '../contract.js';
import { addressDomain, isFreemail, registrableDomain } from './domains.js';
import { brandNamedIn, ownerOf, phraseWords, type ProtectedDomains } from '../protected-domains.js';
import type { HeaderContext } from './header-context.js';
import { headerReason } from './header-reasons.js';

const EMBEDDED_ADDRESS = /[a-z0-9._%+-]+@([a-z0-9-]+(?:\.[a-z0-9-]+)+)/i;

function show(address: MailAddress): string {
  return address.name === '' ? `<${address.address}>` : `"${address.name}" <${address.address}>`;
}

/** Lower-cased words of a display name, accents and punctuation dropped. */
function nameWords(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Words a sender adds to a brand's name when it writes as the brand ("PayPal Service", "Microsoft account team"). */
const ROLE_WORDS = new Set(
  ('service services support team account accounts security customer customers care billing notification notifications alert alerts ' +
    'no reply noreply online center centre help desk helpdesk official the inc corp ltd llc mail email info id verification verify ' +
    'update updates department dept admin administrator message messages from your via de do da em')
    .split(' '),
);

/** True when the display name is the brand's name (or keyword) plus only role words; compared by skeleton (Cyrillic look-alikes fold). */
function isOnlyBrand(displayName: string, brandName: string, keywords: readonly string[], protectedDomains: ProtectedDomains): boolean {
  const words = (text: string): string => phraseWords(text, protectedDomains.confusables);
  let rest = ` ${words(displayName)} `;
  for (const phrase of [words(brandName), ...keywords.map(words)]) {
    if (phrase !== '') rest = rest.replaceAll(` ${phrase} `, ' ').replaceAll(` ${phrase} `, ' ');
  }
  return rest.split(' ').every((w) => w === '' || ROLE_WORDS.has(w) || /^\d+$/.test(w));
}

/** True when the host is one of the organisation's own domains (or under one). */
function isOwnHost(host: string, protectedDomains: ProtectedDomains | undefined): boolean {
  if (protectedDomains === undefined) return false;
  const owner = ownerOf(host, protectedDomains);
  return owner !== undefined && owner !== 'trusted' && owner.own;
}

/** From/Reply-To/Return-Path/Sender mismatches and display-name spoofing. */
export function checkAddresses(mail: ParsedMail, context: HeaderContext): Reason[] {
  const reasons: Reason[] = [];
  const from = mail.from;
  const fromHeader = mail.headers.find((h) => h.name === 'from')?.value;
  if (from === undefined) {
    reasons.push(headerReason('header.missing_from', 'The message has no From address.', 'from'));
    return reasons;
  }
  const fromHost = addressDomain(from.address);
  const fromDomain = registrableDomain(from.address);
  if (fromHost === undefined || fromDomain === undefined) {
    reasons.push(headerReason('header.from_invalid', `The From address "${from.address}" has no valid domain.`, 'from', fromHeader));
    return reasons;
  }

  // Mailing-list software rewrites Reply-To, Sender and Return-Path: those mismatches are normal there.
  const mailingList = mail.headers.some((h) => h.name === 'list-id' || h.name === 'list-post');
  for (const replyTo of mail.replyTo) {
    const domain = registrableDomain(replyTo.address);
    if (domain === undefined || domain === fromDomain) continue;
    if (isFreemail(domain) && !isFreemail(fromDomain)) {
      reasons.push(headerReason('header.reply_to_freemail', `Replies go to a free mailbox (${replyTo.address}), not to the sender's domain ${fromDomain}.`, 'reply-to', show(replyTo)));
    } else if (!mailingList) {
      reasons.push(headerReason('header.reply_to_mismatch', `Replies go to ${domain}, not to the sender's domain ${fromDomain}.`, 'reply-to', show(replyTo)));
    }
    break;
  }
  if (!mailingList && mail.returnPath !== undefined && mail.returnPath !== '') {
    const domain = registrableDomain(mail.returnPath);
    if (domain !== undefined && domain !== fromDomain) {
      reasons.push(headerReason('header.return_path_mismatch', `The bounce address (Return-Path) is at ${domain}, the From address at ${fromDomain}.`, 'return-path', mail.returnPath));
    }
  }
  if (!mailingList && mail.sender !== undefined) {
    const domain = registrableDomain(mail.sender.address);
    if (domain !== undefined && domain !== fromDomain) {
      reasons.push(headerReason('header.sender_mismatch', `The Sender header (${mail.sender.address}) is at another domain than From (${fromDomain}).`, 'sender', show(mail.sender)));
    }
  }

  const embedded = EMBEDDED_ADDRESS.exec(from.name);
  if (embedded !== null) {
    const shownDomain = registrableDomain(embedded[1]!);
    if (shownDomain !== undefined && shownDomain !== fromDomain) {
      reasons.push(headerReason('header.display_name_address', `The display name shows the address ${embedded[0]} but the mail comes from ${from.address}.`, 'from', fromHeader));
    }
  }
  reasons.push(...checkNameAndTenant(from, fromHost, fromDomain, fromHeader, context.protectedDomains));
  const protectedDomains = context.protectedDomains;
  const brand = protectedDomains === undefined || from.name === '' ? undefined : brandNamedIn(from.name, protectedDomains);
  if (brand !== undefined && protectedDomains !== undefined) {
    const owner = ownerOf(fromHost, protectedDomains);
    if (owner !== brand && owner !== 'trusted') {
      // "PayPal Service" speaks as the brand; "Lockergnome Apple Core" only mentions one.
      const speaksAs = brand.own || isOnlyBrand(from.name, brand.name, brand.keywords, protectedDomains);
      const code = brand.own ? 'header.display_name_internal' : speaksAs ? 'header.display_name_brand' : 'header.display_name_mentions_brand';
      // "Lockergnome Apple Core" from lockergnome.com names its own sender first: a mention, not a claim.
      const ownName = code === 'header.display_name_mentions_brand' && namesOwnDomain(from.name, fromDomain);
      if (!ownName) reasons.push(headerReason(code, `The display name "${from.name}" ${speaksAs ? 'speaks as' : 'mentions'} ${brand.name}, but the address is at ${fromDomain}, not ${brand.domains.slice(0, 3).join(' or ')}.`, 'from', fromHeader));
      if (isFreemail(fromDomain)) {
        reasons.push(headerReason('header.freemail_brand', `${brand.name} writing from a free mailbox (${fromDomain}).`, 'from', fromHeader));
      }
    }
  }
  const people = context.internalPeople ?? [];
  if (people.length > 0 && from.name !== '' && !isOwnHost(fromHost, protectedDomains)) {
    const words = nameWords(from.name);
    const person = people.find((p) => nameWords(p) === words);
    if (person !== undefined) {
      reasons.push(headerReason('header.display_name_internal', `The display name is "${person}", someone in the organisation, but the address is outside it (${from.address}).`, 'from', fromHeader));
    }
  }
  if (context.isKnownSenderDomain?.(fromDomain) === false && !isOwnHost(fromHost, protectedDomains)) {
    reasons.push(headerReason('header.new_sender_domain', `No mail from ${fromDomain} was seen before.`, 'from', fromHeader));
  }
  return reasons;
}

/** A domain name written in a display name ("proton.me Helpdesk", "Shein.es"), not part of an address. */
const DOMAIN_IN_NAME = /(?:^|[\s([|:])((?:[a-z0-9-]{1,63}\.)+[a-z]{2,24})(?=$|[\s)\]|:,])/i;
/** Microsoft 365, Azure and Firebase subdomains anyone can open for free: organisations do not mail customers from them. */
const TENANT_HOSTS = /(?:^|\.)(?:onmicrosoft\.com|azurecomm\.net|firebaseapp\.com)$/;
const ADDRESS_IN_TEXT = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*/i;

/** Shortest domain label taken as a sender's own name ("tips" or "mail" name too many senders). */
const MIN_OWN_NAME = 6;

/** True when the display name starts with the first label of the sender's registrable domain (it names itself first). */
function namesOwnDomain(name: string, fromDomain: string): boolean {
  const label = (fromDomain.split('.')[0] ?? '').replaceAll('-', '');
  return label.length >= MIN_OWN_NAME && nameWords(name).split(' ')[0] === label;
}

/** A display name that names another domain; a sender on a free cloud tenant; the subject quoting an address. */
function checkNameAndTenant(from: MailAddress, fromHost: string, fromDomain: string, fromHeader: string | undefined, protectedDomains: ProtectedDomains | undefined): Reason[] {
  const reasons: Reason[] = [];
  if (!EMBEDDED_ADDRESS.test(from.name)) {
    const shown = DOMAIN_IN_NAME.exec(from.name.slice(0, 200));
    const shownDomain = shown === null ? undefined : registrableDomain(shown[1]!);
    if (shown !== null && shownDomain !== undefined && shownDomain !== fromDomain) {
      reasons.push(headerReason('header.display_name_domain', `The display name shows the domain ${shown[1]!} but the mail comes from ${fromDomain}.`, 'from', fromHeader));
    }
  }
  const tld = fromDomain.slice(fromDomain.lastIndexOf('.') + 1);
  if (protectedDomains?.abusedTlds.has(tld) === true) {
    reasons.push(headerReason('header.abused_tld_sender', `The sender's domain ${fromDomain} is under .${tld}, a top-level domain where abuse dominates registrations.`, 'from', fromHeader));
  }
  if (TENANT_HOSTS.test(fromHost)) {
    reasons.push(headerReason('header.tenant_sender', `The sender ${from.address} is on a cloud tenant domain anyone can open for free (${fromDomain}), not on an organisation's own domain.`, 'from', fromHeader));
  }
  return reasons;
}

/** A subject that quotes an e-mail address ("user@example.com, your mailbox is full"): mass mail posing as personal. */
export function checkSubjectAddress(mail: ParsedMail): Reason[] {
  const subject = mail.subject.slice(0, 1000);
  const m = ADDRESS_IN_TEXT.exec(subject);
  if (m === null) return [];
  return [headerReason('header.subject_address', `The subject addresses the reader by an e-mail address (${m[0]}) instead of a name, as mass phishing does.`, 'subject', subject)];
}
