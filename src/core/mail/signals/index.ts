import type { Findings, ParsedMail } from '../contract.js';
import { isFreemail, registrableDomain } from '../headers/domains.js';
import { foldText, checkLures } from './lures.js';
import { checkObfuscation } from './obfuscation.js';
import { MAX_BODY_CHARS, visibleText } from './visible-text.js';

export { CONTENT_WEIGHTS, type ContentReasonCode } from './weights.js';
export { mixedScriptWords, invisibleInsideWords } from './obfuscation.js';

function senderOnFreemail(mail: ParsedMail): boolean {
  const domain = mail.from === undefined ? undefined : registrableDomain(mail.from.address);
  return domain !== undefined && isFreemail(domain);
}

/**
 * Content signals of a message: obfuscation (mixed-script words, words split by invisible
 * characters) and lures (account threats, cryptocurrency, advance-fee fraud, a password given for
 * an attachment). Pure and bounded: at most `MAX_BODY_CHARS` of each body part are read.
 */
export function analyzeContent(mail: ParsedMail): Findings {
  const body = visibleText(mail.text, mail.html);
  const subject = mail.subject.slice(0, 1000);
  const displayName = (mail.from?.name ?? '').slice(0, 1000);
  const reasons = [
    ...checkObfuscation(subject, displayName, body, [mail.text.slice(0, MAX_BODY_CHARS), mail.html.slice(0, MAX_BODY_CHARS)]),
    ...checkLures(foldText(`${subject} \n ${body}`), mail.attachments, senderOnFreemail(mail)),
  ];
  return { reasons, observables: [] };
}
