import { getDomain } from 'tldts';
import type { MailAddress, ParsedMail } from '../contract.js';
import type { LinkFacts } from './links.js';

/**
 * Structure features: facts about the message's shape that say "phishing" in any decade (links to
 * other domains, forms, risky attachments, urgency), unlike words, which age with the corpus.
 * Risk features are constrained to non-negative weights when training, so a 2002 spam corpus
 * cannot teach the model that, say, a form makes a message *more* legitimate. Attachments count as
 * a risk for the same reason: the corpus's ham carries patches and logs, which would otherwise teach
 * "an attachment means legitimate" — the opposite of what a mail filter should believe today.
 */
export interface StructureFeature {
  readonly name: string;
  /** Only allowed to raise the score (weight >= 0 after training). */
  readonly risk: boolean;
  /** Counts are squashed into [0, 1]: log1p(n) / log1p(cap). Flags are 0 or 1. */
  readonly cap: number;
  /** How the summary names it, given the raw count; undefined when it is not worth naming. */
  readonly describe: ((count: number) => string) | undefined;
}

const plural = (count: number, one: string, many: string): string => (count === 1 ? `1 ${one}` : `${count} ${many}`);

/** The structure features, in model order. A model file names them; loading checks they match. */
export const STRUCTURE_FEATURES: readonly StructureFeature[] = [
  { name: 'links', risk: false, cap: 50, describe: undefined },
  { name: 'links_other_domain', risk: true, cap: 20, describe: (n) => plural(n, 'link to another domain', 'links to other domains') },
  { name: 'link_text_other_domain', risk: true, cap: 5, describe: (n) => plural(n, 'link whose text shows another domain', 'links whose text shows another domain') },
  { name: 'ip_literal_links', risk: true, cap: 5, describe: (n) => plural(n, 'link to an IP address', 'links to IP addresses') },
  { name: 'shortened_links', risk: true, cap: 5, describe: (n) => plural(n, 'shortened link', 'shortened links') },
  { name: 'forms', risk: true, cap: 3, describe: (n) => plural(n, 'HTML form', 'HTML forms') },
  { name: 'password_inputs', risk: true, cap: 2, describe: () => 'a password field' },
  { name: 'attachments', risk: true, cap: 10, describe: undefined },
  { name: 'risky_attachments', risk: true, cap: 3, describe: (n) => plural(n, 'attachment of a risky type', 'attachments of risky types') },
  { name: 'html_only', risk: true, cap: 1, describe: () => 'an HTML-only body' },
  { name: 'urgency_phrases', risk: true, cap: 6, describe: (n) => plural(n, 'urgency phrase', 'urgency phrases') },
  { name: 'credential_phrases', risk: true, cap: 8, describe: (n) => plural(n, 'credential phrase', 'credential phrases') },
  { name: 'reply_to_other_domain', risk: true, cap: 1, describe: () => 'a Reply-To in another domain than From' },
  { name: 'display_name_other_address', risk: true, cap: 1, describe: () => 'a display name showing another address' },
  { name: 'body_length', risk: false, cap: 20_000, describe: undefined },
];

export const URGENCY_PHRASES = [
  'urgent', 'immediately', 'within 24 hours', 'within 48 hours', 'suspended', 'suspension', 'will be closed', 'will be deleted',
  'expire', 'final notice', 'final warning', 'action required', 'as soon as possible', 'locked', 'unusual activity',
  'unauthorized', 'restricted', 'deactivat',
] as const;

export const CREDENTIAL_PHRASES = [
  'password', 'verify your', 'confirm your', 'log in', 'login', 'sign in', 'sign-in', 'update your', 'credentials',
  'security alert', 'unlock', 'validate', 'billing information', 'payment details', 'social security', 'mailbox', 'your account',
] as const;

const RISKY_EXTENSIONS = new Set([
  'exe', 'scr', 'pif', 'com', 'bat', 'cmd', 'js', 'jse', 'vbs', 'vbe', 'wsf', 'wsh', 'hta', 'lnk', 'iso', 'img', 'vhd', 'vhdx', 'one',
  'msi', 'ps1', 'jar', 'cpl', 'reg', 'docm', 'xlsm', 'pptm', 'dotm', 'xlam', 'html', 'htm', 'shtml', 'svg', 'zip', 'rar', '7z',
  'ace', 'cab', 'arj', 'xll', 'chm', 'url', 'library-ms',
]);

/** The raw counts behind the structure features, in `STRUCTURE_FEATURES` order. */
export function structureCounts(mail: ParsedMail, links: readonly LinkFacts[], html: { forms: number; passwordInputs: number }, lowerText: string): number[] {
  const senderDomain = registrable(mail.from?.address);
  let otherDomain = 0;
  let textOther = 0;
  let ip = 0;
  let shortened = 0;
  for (const link of links) {
    if (link.domain !== '' && link.domain !== senderDomain) otherDomain++;
    if (link.textShowsOtherDomain) textOther++;
    if (link.ipLiteral) ip++;
    if (link.shortener) shortened++;
  }
  let risky = 0;
  for (const attachment of mail.attachments) if (isRiskyName(attachment.filename)) risky++;
  const htmlOnly = mail.html.trim() !== '' && mail.text.trim() === '' ? 1 : 0;
  const replyOther = mail.replyTo.some((r) => senderDomain !== '' && registrable(r.address) !== '' && registrable(r.address) !== senderDomain) ? 1 : 0;
  return [
    links.length, otherDomain, textOther, ip, shortened, html.forms, html.passwordInputs, mail.attachments.length, risky, htmlOnly,
    countPhrases(lowerText, URGENCY_PHRASES), countPhrases(lowerText, CREDENTIAL_PHRASES), replyOther, displayNameShowsOtherAddress(mail.from),
    lowerText.length,
  ];
}

/** Squashes a raw count into [0, 1] as the feature's cap says. */
export function squash(count: number, cap: number): number {
  if (count <= 0) return 0;
  if (cap <= 1) return 1;
  return Math.min(1, Math.log1p(count) / Math.log1p(cap));
}

function registrable(address: string | undefined): string {
  if (address === undefined) return '';
  const at = address.lastIndexOf('@');
  if (at < 0) return '';
  const host = address.slice(at + 1).toLowerCase().replace(/[>\s]/g, '');
  return getDomain(host) ?? host;
}

function isRiskyName(filename: string): boolean {
  const dot = filename.lastIndexOf('.');
  if (dot < 0) return false;
  return RISKY_EXTENSIONS.has(filename.slice(dot + 1).toLowerCase().trim());
}

function displayNameShowsOtherAddress(from: MailAddress | undefined): number {
  if (from === undefined || !from.name.includes('@')) return 0;
  const shown = /[^\s<>"'()@]+@[^\s<>"'()@]+\.[a-z]{2,}/i.exec(from.name.slice(0, 300))?.[0]?.toLowerCase();
  return shown !== undefined && shown !== from.address.toLowerCase() ? 1 : 0;
}

const MAX_PHRASE_COUNT = 50;

function countPhrases(lowerText: string, phrases: readonly string[]): number {
  let count = 0;
  for (const phrase of phrases) {
    let at = lowerText.indexOf(phrase);
    while (at >= 0 && count < MAX_PHRASE_COUNT) {
      count++;
      at = lowerText.indexOf(phrase, at + phrase.length);
    }
  }
  return count;
}
