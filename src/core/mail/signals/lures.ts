import type { MailAttachment, Reason } from '../contract.js';
import { contentReason } from './weights.js';

/**
 * Phrases that threaten an account or ask for credentials: password expiry, suspension, "verify
 * your account", a full mailbox. English plus the languages phishing commonly targets (pt, es, de,
 * fr, it). Matched on lower-cased, accent-folded text.
 */
const CREDENTIAL_LURES: readonly RegExp[] = [
  /\b(?:your|account|mailbox)(?:\s+\S+){0,3}\s+password (?:will expire|is going to expire|is about to expire|is expiring|has expired|expires (?:today|in|on|soon))/,
  /\b(?:your|the) password (?:has )?expired\b/,
  /\bkeep (?:the |your )?(?:same|current) password\b/,
  /\b(?:verify|confirm|validate|re-?validate|update|reactivate) your (?:account|identity|e-?mail(?: address)?|mailbox|login|credentials|password)\b/,
  /\baccount (?:has been |will be |is |was )?(?:temporarily )?(?:suspended|locked|disabled|deactivated|restricted|limited|on hold|blocked|terminated)\b/,
  /\b(?:temporarily|permanently) (?:on hold|suspended|locked|blocked)\b/,
  /\bunusual (?:sign-?in|log-?in|login) activity\b|\bunusual activity (?:on|in) your account\b/,
  /\bmailbox (?:is )?(?:full|almost full|over (?:its )?quota|storage)\b|\bstorage (?:is )?(?:full|almost full)\b/,
  // Cloud storage "full" or files about to be deleted unless the reader pays or logs in (en, de, nl, pt, es, fr).
  /\byour (?:\w+ )?(?:photos|files|videos|data)\b.{0,40}\b(?:will be|are about to be|are being) (?:deleted|erased|removed)\b|\bvon der loschung bedroht\b|\bspeicher(?:platz)? (?:ist )?(?:voll|erschopft)\b/,
  /\b(?:worden|wordt) (?:definitief )?verwijderd\b|\bserao (?:excluid|apagad)[oa]s\b|\bseran eliminad[oa]s\b|\bseront supprime(?:e)?s\b/,
  /\bstop (?:sending and receiving|receiving) (?:e-?mails|messages)\b|\b(?:pending|undelivered|held) (?:incoming )?(?:e-?mails|messages)\b/,
  /\bsua senha\b|\bsenha de acesso\b|\bconta (?:foi )?(?:bloqueada|suspensa|desativada)\b|\bpontos (?:estao )?(?:prestes a )?expirar\b|\bvalores a receber\b|\batualize seus dados\b/,
  /\btu contrasena\b|\bcuenta (?:ha sido )?(?:bloqueada|suspendida|desactivada)\b|\bverifique su cuenta\b/,
  /\bihr passwort\b|\bkonto (?:wurde )?(?:gesperrt|eingeschrankt|deaktiviert)\b/,
  /\bvotre mot de passe\b|\bcompte (?:a ete )?(?:suspendu|bloque|desactive)\b/,
  /\bla tua password\b|\bconto (?:e stato )?(?:sospeso|bloccato)\b/,
];

/** Cryptocurrency lures: airdrops, wallet "verification", recovery phrases, claims of tokens. */
const CRYPTO_LURES: readonly RegExp[] = [
  /\bairdrops?\b/,
  /\b(?:seed|recovery|secret|mnemonic) phrase\b|\b12 words\b/,
  /\b(?:connect|verify|validate|synchroni[sz]e|sync|link) (?:your |the )?wallets?\b|\bwallets? (?:verification|validation|will be (?:terminated|suspended|disabled))\b|\bunverified wallets?\b/,
  /\bclaim (?:your |the )?(?:free )?(?:tokens?|rewards?|nfts?|eth|btc|usdt|coins?)\b/,
  /\bwithdraw\w* (?:of )?(?:your )?(?:digital assets|crypto)/,
  /\btoken (?:allocation|presale|distribution)\b/,
];

/** A prize the reader supposedly won or was chosen for (survey and sweepstakes scams collect card details). */
const PRIZE_LURES: readonly RegExp[] = [
  /\byou(?:'ve| have)? (?:been (?:selected|chosen)|won)(?![\w'\u2019])|\byou are (?:our|a|the) (?:lucky |possible )?winner\b/,
  /\bclaim (?:your|the) (?:prize|reward|gift|voucher|winnings)\b/,
  /\bsie (?:wurden|sind) (?:ausgewahlt|unser moglicher|unter den)\b|\bsie haben (?:gewonnen|es geschafft)\b/,
  /\bvoce (?:ganhou|foi selecionad[oa])\b|\bhas sido (?:seleccionad[oa]|elegid[oa])\b|\bhas ganado\b|\bvous avez (?:gagne|ete selectionne)\b/,
];

/** The patterns as one alternation: one scan of the text instead of one per pattern. */
function oneOf(patterns: readonly RegExp[]): readonly RegExp[] {
  return [new RegExp(patterns.map((p) => p.source).join('|'))];
}

/**
 * Casino bonuses pushed on the reader (free spins, no-deposit or welcome bonuses): the bait of
 * unlicensed-casino and bonus-fraud mail. A casino or a bonus alone is not enough.
 */
const GAMBLING_LURES: readonly RegExp[] = oneOf([
  /\bfree ?spins?\b|\bfreispiele\b|\bgratis spins?\b|\bgiros gratis\b|\btours gratuits\b/,
  /\bno[ -]deposit (?:bonus|required)\b|\b(?:welcome|casino|deposit) bonus\b|\bwillkommensbonus\b/,
  /\bcasino\b.{0,60}\bbonus\b|\bbonus\b.{0,60}\bcasino\b/,
]);

/** Strangers offering dates or sex ("singles near you", "she wants to chat with you"): the bait of dating and romance scams. */
const DATING_LURES: readonly RegExp[] = oneOf([
  /\bsingles? (?:in|near) (?:your|you)\b|\b(?:lonely|hot|naughty|horny|sexy) (?:\w+ )?(?:women|girls|wives|moms|singles|ladies)\b/,
  /\b(?:women|girls|singles|ladies) (?:want to|are looking|near you|in your area)\b|\b(?:women|girls|singles|ladies)\b.{0,40}\byour perfect match/,
  /\bsex ?dating\b|\b(?:she|he) wants? to (?:chat|meet|talk) (?:with )?you\b|\bprivate message from your (?:girlfriend|lady)\b/,
  /\bsingles in ihrer nahe\b|\bsingles bei dir\b|\bvrouwen willen\b|\bondeugende (?:man|vrouw)\b|\bmulheres solteiras\b|\bmujeres solteras\b/,
]);

/** A parcel held back until the reader acts (pays a fee, confirms an address). */
const DELIVERY_LURES: readonly RegExp[] = [
  /\b(?:package|parcel|shipment|delivery)\b.{0,40}\b(?:pending|on hold|held|failed|could not be delivered|undeliverable|suspended|returned to sender)\b/,
  /\b(?:missed|failed|unsuccessful) (?:package |parcel )?delivery\b/,
  /\b(?:tercer |segundo |ultimo )?intento (?:de entrega )?fallido\b|\bentrega fallida\b|\btentativa de entrega\b|\bechec de (?:la )?livraison\b|\bzustellversuch\b/,
  /\bencomenda\b.{0,40}\b(?:retida|pendente|taxa)\b|\bentrega pendente\b|\bpaquete\b.{0,30}\bpendiente\b|\bpaket\b.{0,40}\b(?:zustellung|zugestellt|zollgebuhr)\b|\bcolis\b.{0,40}\b(?:en attente|bloque)\b/,
];

/** A greeting that uses the reader's address as a name ("Dear bob@example.com"): mass mail posing as personal. */
const ADDRESS_GREETING = /\b(?:dear|hello|hi|hallo|ola|hola|prezad[oa](?:\(a\))?|caro|cher|lieber?|estimad[oa])[\s,:]+[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*/;
/** A greeting that names nobody ("Dear customer"): the sender does not know who the reader is. */
const GENERIC_GREETING = /\b(?:dear|hello) (?:valued )?(?:user|customer|client|account holder|member|email owner|e-mail owner|sir\/madam)\b|\bprezad[oa](?:\(a\))? cliente\b|\blieber kunde\b|\bestimad[oa] cliente\b|\bcher client\b/;

/** A large sum (a million or more, or seven digits) in a currency. */
const LARGE_SUM = /(?:us\$|usd|\$|eur|€|£|gbp)\s?\d[\d,.]*\s*(?:million|m\b)|\d[\d,.]*\s*(?:million|m)\s*(?:us dollars|dollars|usd|euros?|eur|pounds)\b|(?:us\$|usd|\$|eur|€|£)\s?\d{1,3}(?:[,.]\d{3}){2,}|\d{1,3}(?:[,.]\d{3}){2,}(?:[,.]\d{2})?\s*(?:us dollars|dollars|usd|euros?|eur)\b/;
/** The story around an advance-fee fraud. */
const FEE_STORY: readonly RegExp[] = [
  /\bbeneficiary\b/, /\bnext of kin\b/, /\binheritance\b/, /\b(?:deceased|late (?:husband|father|client))\b/, /\bdonat(?:e|ion)\b/,
  /\b(?:transfer|move) (?:the |this |these )?(?:funds?|money|sum)\b/, /\btransfer\w* (?:it )?(?:into|to) your (?:bank )?account\b/, /\bbusiness proposal\b/, /\bconsignment\b/, /\bbarrister\b/, /\bdiplomat\b/,
];
/** Words that also occur in news about money; they count only next to one of `FEE_STORY`. */
const FEE_CONTEXT: readonly RegExp[] = [/\bcompensation\b/, /\battorney\b/, /\bconfidential\b/, /\bwinning\b|\blottery\b/, /\bestate\b/, /\bbank account\b/, /\bdied\b/];
const MIN_FEE_STORY = 2;
/** A loan offered out of the blue. */
const LOAN_OFFER = /\bloans? (?:offer|deal)\b|\b(?:offer|grant)\w* (?:you )?(?:a )?loans?\b/;

/** "Password: 123" given in the body next to an attachment: the attachment is encrypted so filters cannot read it. */
const PASSWORD_GIVEN = /\b(?:password|passcode|senha(?: de acesso)?|contrasena|passwort|mot de passe)\s*[:=]\s*\S{2,24}/;
const LOCKABLE = /\.(?:pdf|zip|rar|7z|docx?|xlsx?|html?)$/i;

/** Lower-cased, accent-folded text for the phrase lists. */
export function foldText(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ');
}

function firstMatch(patterns: readonly RegExp[], text: string): string | undefined {
  for (const p of patterns) {
    const m = p.exec(text);
    if (m !== null) return m[0];
  }
  return undefined;
}

/** Credential, cryptocurrency, prize, casino, dating, delivery and advance-fee lures (and money from a free-mail sender) and impersonal greetings in the (folded) subject and body; a password given for an attachment. */
export function checkLures(folded: string, attachments: readonly MailAttachment[], senderFreemail = false): Reason[] {
  const reasons: Reason[] = [];
  const credential = firstMatch(CREDENTIAL_LURES, folded);
  if (credential !== undefined) {
    reasons.push(contentReason('content.credential_lure', `The message threatens an account or asks for credentials ("${credential}").`, { kind: 'body' }));
  }
  const crypto = firstMatch(CRYPTO_LURES, folded);
  if (crypto !== undefined) {
    reasons.push(contentReason('content.crypto_lure', `The message dangles cryptocurrency or asks for a wallet ("${crypto}"), a common theft lure.`, { kind: 'body' }));
  }
  const prize = firstMatch(PRIZE_LURES, folded);
  if (prize !== undefined) {
    reasons.push(contentReason('content.prize_lure', `The message tells the reader they won or were chosen ("${prize}"), the lure of survey and sweepstakes scams.`, { kind: 'body' }));
  }
  const gambling = firstMatch(GAMBLING_LURES, folded);
  if (gambling !== undefined) {
    reasons.push(contentReason('content.gambling_lure', `The message pushes a casino bonus ("${gambling}"), the bait of unlicensed-casino and bonus-fraud mail.`, { kind: 'body' }));
  }
  const dating = firstMatch(DATING_LURES, folded);
  if (dating !== undefined) {
    reasons.push(contentReason('content.dating_lure', `The message offers dates or sex with strangers ("${dating}"), the bait of dating and romance scams.`, { kind: 'body' }));
  }
  const delivery = firstMatch(DELIVERY_LURES, folded);
  if (delivery !== undefined) {
    reasons.push(contentReason('content.delivery_lure', `The message says a delivery is held back ("${delivery}"), a lure to make the reader pay or log in.`, { kind: 'body' }));
  }
  const greeting = ADDRESS_GREETING.exec(folded);
  if (greeting !== null) {
    reasons.push(contentReason('content.address_greeting', `The message greets the reader by an e-mail address ("${greeting[0]}") instead of a name, as mass phishing does.`, { kind: 'body' }));
  } else {
    const generic = GENERIC_GREETING.exec(folded);
    if (generic !== null) reasons.push(contentReason('content.generic_greeting', `The message greets nobody in particular ("${generic[0]}").`, { kind: 'body' }));
  }
  const sum = LARGE_SUM.exec(folded);
  if (sum !== null) {
    const story = FEE_STORY.map((p) => p.exec(folded)?.[0]).filter((m): m is string => m !== undefined);
    const context = FEE_CONTEXT.map((p) => p.exec(folded)?.[0]).filter((m): m is string => m !== undefined);
    if (story.length >= 1 && story.length + context.length >= MIN_FEE_STORY) {
      story.push(...context);
      reasons.push(contentReason('content.advance_fee', `The message offers a large sum ("${sum[0].trim()}") with the story of an advance-fee fraud (${story.slice(0, 3).map((w) => `"${w}"`).join(', ')}).`, { kind: 'body' }));
    }
  }
  if (senderFreemail) {
    const money = LARGE_SUM.exec(folded)?.[0] ?? firstMatch([...FEE_STORY, LOAN_OFFER], folded);
    if (money !== undefined) {
      reasons.push(contentReason('content.freemail_money', `A sender on a free mailbox writes about money ("${money.trim()}"): organisations that pay out or lend money do not write from one.`, { kind: 'body' }));
    }
  }
  const locked = attachments.find((a) => LOCKABLE.test(a.filename));
  if (locked !== undefined) {
    const given = PASSWORD_GIVEN.exec(folded);
    if (given !== null) {
      reasons.push(
        contentReason('content.attachment_password', `The body gives a password ("${given[0]}") for the attachment ${locked.filename}: an encrypted attachment hides its content from filters.`, {
          kind: 'attachment',
          filename: locked.filename,
          index: locked.index,
        }),
      );
    }
  }
  return reasons;
}
