import type { ParsedMail, Reason } from '../contract.js';
import { addressDomain } from './domains.js';
import { headerReason } from './header-reasons.js';
import { randomTokenKind } from './random-token.js';

const MAX_TEXT = 1000;

/**
 * Punctuation that pads a display name to defeat filters and duplicate detection: runs of three
 * marks ("Akusoli...CCzt", "--Aviso**"), doubled underscores, stars, hashes or tildes ("__CONGRATS__"),
 * a name opening with one of those, a trailing token after a lone dot ("Prize Team .QJACF"), and a word
 * glued to the next by dots ("Security..grEy"). People's and companies' names do not look like this.
 */
const NAME_NOISE = /[._*#~\\`-]{3,}|[_*#~\\`]{2,}|^[_*#~\\`]|(?:^|\s)[._*#~\\`-]+\s*$|\s\.[A-Za-z0-9]{3,}\s*$|[^\s.]\.{2,}[A-Za-z]/;

/** Words with which a display name speaks as an organisation ("Security Team", "Home Warranty Protection"). */
const ORGANISATION_WORDS = new Set(
  ('team support service security billing customer care reward rewards bonus offer offers insurance warranty department center centre ' +
    'management notification notifications helpdesk account accounts compliance verification official protection coverage savings ' +
    'shipping payment payments shop store deals discount sale sales gift gifts sweepstakes partner partners partnership hub kit ' +
    'screening quotes loan loans invest investing information report facts benefits').split(' '),
);
const FILLER_WORDS = new Set('the and for your from with via inc ltd llc our you'.split(' '));
/** Letters of a name word that must appear in the sender's host for the word to name it ("wellsfargo" for "Wells Fargo"). */
const NAME_PREFIX = 5;
const MIN_HOST_LABEL = 4;

function fold(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * True when the display name speaks as an organisation (names a role such as "Support" or "Billing"
 * plus at least one other word) and no word of it appears in the sender's host, nor a label of the
 * host in the name: "Cloud Services Management <x@eaux.smedialy.com>" names nobody the address backs.
 */
export function organisationNameUnrelated(name: string, host: string): boolean {
  const words = fold(name.slice(0, 200)).split(/[^a-z0-9]+/).filter((w) => w !== '');
  if (!words.some((w) => ORGANISATION_WORDS.has(w))) return false;
  const naming = words.filter((w) => w.length >= 3 && !ORGANISATION_WORDS.has(w) && !FILLER_WORDS.has(w));
  if (naming.length === 0) return false;
  const hostLetters = host.replace(/[^a-z0-9]/g, '');
  if (naming.some((w) => hostLetters.includes(w.slice(0, NAME_PREFIX)))) return false;
  const nameLetters = words.join('');
  return !host.split('.').some((label) => label.length >= MIN_HOST_LABEL && nameLetters.includes(label.replace(/-/g, '')));
}

/** Hyphens in one domain label from which it reads as letters strung together ("x-ny-io-k-uk-unv"). */
const MIN_LABEL_HYPHENS = 4;
/** A label this long with a run of consonants this long cannot be read out ("asdhbsvjldmop"). */
const MIN_CLUSTER_LABEL = 10;
const MIN_LABEL_CLUSTER = 6;

/**
 * The first label of a sender's host (its top-level domain left out) that looks generated: many
 * hyphens, a long unpronounceable run of consonants, or digits and letters alternating densely.
 */
export function randomHostLabel(host: string): string | undefined {
  const labels = host.toLowerCase().split('.');
  const last = Math.min(labels.length - 1, 10);
  for (let n = 0; n < last; n++) {
    const label = labels[n]!;
    if (label.length > 63) continue;
    let hyphens = 0;
    let cluster = 0;
    let run = 0;
    for (let i = 0; i < label.length; i++) {
      const c = label.charCodeAt(i);
      if (c === 45) hyphens++;
      if (c < 97 || c > 122) continue;
      // A vowel (a, e, i, o, u, y) ends a run of consonants.
      if (c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 121) run = 0;
      else if (++run > cluster) cluster = run;
    }
    if (hyphens >= MIN_LABEL_HYPHENS) return label;
    if (label.length >= MIN_CLUSTER_LABEL && cluster >= MIN_LABEL_CLUSTER) return label;
    if (randomTokenKind(label) === 'digits') return label;
  }
  return undefined;
}

/** True when the To header says the recipients are hidden ("undisclosed-recipients:;"): one message sent to many in Bcc. */
export function hidesRecipients(mail: ParsedMail): boolean {
  const to = mail.headers.find((h) => h.name === 'to');
  return to !== undefined && /\bundisclosed[\s_-]?recipients?\b/i.test(to.value.slice(0, MAX_TEXT));
}

/**
 * Bulk-sender traces in the headers: a From address whose local part looks machine-generated, hidden
 * recipients, a display name padded with punctuation, a display name that speaks as an organisation
 * the address does not back (skipped when `nameChecked`: another check already judged the name), and
 * a machine-generated token in the subject.
 */
export function checkSenderSignals(mail: ParsedMail, nameChecked = false): Reason[] {
  const reasons: Reason[] = [];
  const from = mail.from;
  const fromHeader = mail.headers.find((h) => h.name === 'from')?.value;
  if (from !== undefined) {
    const at = from.address.lastIndexOf('@');
    const local = at > 0 ? from.address.slice(0, at) : '';
    const kind = randomTokenKind(local);
    const hostLabel = kind === undefined ? randomHostLabel(from.address.slice(at + 1)) : undefined;
    if (kind !== undefined || hostLabel !== undefined) {
      const how = kind === 'digits' ? `letters and digits alternate in "${local}"` : kind === 'case' ? `upper and lower case alternate in "${local}"` : `its domain has the label "${hostLabel ?? ''}"`;
      reasons.push(headerReason('header.random_sender', `The sender's address ${from.address} looks machine-generated (${how}), as throwaway bulk-mail addresses do.`, 'from', fromHeader));
    }
    const name = from.name.slice(0, MAX_TEXT);
    const noise = NAME_NOISE.exec(name);
    if (noise !== null) {
      reasons.push(headerReason('header.display_name_noise', `The display name "${name}" is padded with punctuation ("${noise[0].trim()}"), a way to make each copy of bulk mail differ.`, 'from', fromHeader));
    }
    const host = addressDomain(from.address);
    if (!nameChecked && host !== undefined && organisationNameUnrelated(name, host)) {
      reasons.push(headerReason('header.display_name_unrelated', `The display name "${name}" speaks as an organisation, but nothing in it matches the sending domain ${host}.`, 'from', fromHeader));
    }
  }
  if (hidesRecipients(mail)) {
    const to = mail.headers.find((h) => h.name === 'to')?.value;
    reasons.push(headerReason('header.undisclosed_recipients', 'The recipients are hidden ("undisclosed recipients"): one message sent to many people at once.', 'to', to));
  }
  const subject = mail.subject.slice(0, MAX_TEXT);
  for (const m of subject.matchAll(/[A-Za-z0-9]{6,40}/g)) {
    if (randomTokenKind(m[0]) === undefined) continue;
    reasons.push(headerReason('header.subject_random_token', `The subject carries a machine-generated token ("${m[0]}"), added to make each copy of bulk mail differ.`, 'subject', subject));
    break;
  }
  return reasons;
}
