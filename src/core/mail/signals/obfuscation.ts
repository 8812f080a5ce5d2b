import type { Reason } from '../contract.js';
import { scriptsOf } from '../lookalike/confusables.js';
import { contentReason } from './weights.js';

const MAX_WORDS = 20_000;
const WORD = /[\p{L}\p{M}]{2,40}/gu;
const GREEK_OR_CYRILLIC = /[\u0370-\u052f\u1c80-\u1c8f\u1f00-\u1fff]/u;

/**
 * Words that mix Latin letters with Cyrillic or Greek look-alikes ("Аmazon" with a Cyrillic А):
 * text written to look like one thing to a reader and another to a filter.
 */
export function mixedScriptWords(s: string): string[] {
  const found: string[] = [];
  if (!GREEK_OR_CYRILLIC.test(s)) return found;
  let n = 0;
  for (const m of s.matchAll(WORD)) {
    if (++n > MAX_WORDS) break;
    const scripts = scriptsOf(m[0]);
    if (scripts.has('latin') && (scripts.has('cyrillic') || scripts.has('greek'))) found.push(m[0]);
  }
  return found;
}

/** Invisible characters as HTML character references (zero-width space/joiners, word joiner, BOM, combining grapheme joiner, overlays). */
const INVISIBLE_REFERENCE = /&(?:zwnj|zwj);|&#(?:8203|8204|8205|8288|65279|847|82[0-4]);|&#x(?:200[bcd]|2060|feff|34f|33[4-8]);/gi;
const LETTER = /\p{L}/u;
/** Every character `isInvisible` accepts (combining marks spelt out: a class would attach them to a neighbour), and the references above. */
const MAYBE_INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u{e0000}-\u{e01ef}]|\u034f|\u0334|\u0335|\u0336|\u0337|\u0338|&(?:zwn?j;|#)/iu;

/**
 * True for an invisible character: zero-width space/joiners, word joiner, BOM, combining grapheme
 * joiner, combining overlays. Soft hyphens are left out: newsletters use them for hyphenation.
 */
function isInvisible(cp: number): boolean {
  return (cp >= 0x200b && cp <= 0x200d) || cp === 0x2060 || cp === 0xfeff || cp === 0x34f || (cp >= 0x334 && cp <= 0x338) || (cp >= 0xe0000 && cp <= 0xe01ef);
}

/**
 * Letters drawn from the mathematical alphanumeric block (𝐩𝐡𝐨𝐧𝐞, 𝙎𝘼𝙔) or small capitals (ᴘᴀʏᴍᴇɴᴛ):
 * they read as ordinary words but match no word a filter knows.
 */
function isStyledLetter(cp: number): boolean {
  return (cp >= 0x1d400 && cp <= 0x1d7ff) || (cp >= 0x1d00 && cp <= 0x1d22) || cp === 0x274 || cp === 0x26a || cp === 0x28f || cp === 0x280 || cp === 0x299 || cp === 0x262 || cp === 0x29c || cp === 0x29f;
}

/** Fewest styled letters in a subject or sender name before it counts. */
export const MIN_STYLED_LETTERS = 3;

/** How many styled letters `s` has (see `isStyledLetter`). */
export function styledLetters(s: string): number {
  let n = 0;
  for (const ch of s) if (isStyledLetter(ch.codePointAt(0)!)) n++;
  return n;
}

/** A word broken up by dots between single letters ("C.a.l.l.e.d"), to slip past word filters. */
const DOTTED_WORD = /(?:^|[^\p{L}.])((?:\p{L}\.){4,}\p{L})(?![\p{L}.])/u;

const MAX_SPLITS = 1_000;

/** How many times invisible characters sit between two letters (split words hide them from filters). Linear; counts up to 1,000. */
export function invisibleInsideWords(s: string): number {
  // Most texts hold no invisible character at all: one native scan says so.
  if (!MAYBE_INVISIBLE.test(s)) return 0;
  const text = s.replace(INVISIBLE_REFERENCE, '\u200c');
  let n = 0;
  let afterLetter = false;
  let inRun = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (isInvisible(cp)) {
      if (afterLetter) inRun = true;
      continue;
    }
    const letter = cp < 128 ? (cp | 32) >= 97 && (cp | 32) <= 122 : LETTER.test(ch);
    if (letter && inRun && ++n >= MAX_SPLITS) return n;
    inRun = false;
    afterLetter = letter;
  }
  return n;
}

/** Fewest letters split by invisible characters before it counts as hiding words. */
export const MIN_INVISIBLE_SPLITS = 5;
/** Fewest letters split by invisible characters in the subject and sender name (short texts: fewer suffice). */
export const MIN_HEADER_INVISIBLE_SPLITS = 2;
/** Fewest mixed-script words in the body before it counts (one may be a symbol such as µ). */
export const MIN_MIXED_BODY_WORDS = 2;

/** Obfuscation: mixed-script words, styled or dotted letters in the subject or sender name (mixed scripts in the body too); words split by invisible characters. */
export function checkObfuscation(subject: string, displayName: string, body: string, rawBodies: readonly string[]): Reason[] {
  const reasons: Reason[] = [];
  const inHeader = [...mixedScriptWords(subject).map((w) => ({ w, where: 'subject' })), ...mixedScriptWords(displayName).map((w) => ({ w, where: 'from' }))];
  const inBody = mixedScriptWords(body);
  if (inHeader.length > 0) {
    const first = inHeader[0]!;
    reasons.push(
      contentReason('content.mixed_script', `The ${first.where === 'subject' ? 'subject' : 'sender name'} writes "${first.w}" with Cyrillic or Greek letters mixed into Latin ones, to look like a word it is not.`, {
        kind: 'header',
        name: first.where,
        value: first.where === 'subject' ? subject.slice(0, 200) : displayName.slice(0, 200),
      }),
    );
  } else if (inBody.length >= MIN_MIXED_BODY_WORDS) {
    reasons.push(
      contentReason('content.mixed_script', `The body has ${inBody.length} words that mix Cyrillic or Greek letters into Latin ones (e.g. "${inBody[0]!}"), to look like words they are not.`, { kind: 'body' }),
    );
  }
  for (const [where, value] of [['subject', subject], ['from', displayName]] as const) {
    const styled = styledLetters(value);
    const dotted = DOTTED_WORD.exec(value);
    if (styled >= MIN_STYLED_LETTERS || dotted !== null) {
      const what = styled >= MIN_STYLED_LETTERS ? `${styled} letters from the mathematical or small-capital alphabets` : `a word broken up by dots ("${dotted![1]!}")`;
      reasons.push(
        contentReason('content.styled_letters', `The ${where === 'subject' ? 'subject' : 'sender name'} writes with ${what}, which reads as text but hides the words from filters.`, {
          kind: 'header',
          name: where,
          value: value.slice(0, 200),
        }),
      );
      break;
    }
  }
  const subjectSplits = invisibleInsideWords(subject);
  const nameSplits = invisibleInsideWords(displayName);
  const headerSplits = subjectSplits + nameSplits;
  let splits = 0;
  for (const raw of rawBodies) splits += invisibleInsideWords(raw);
  if (headerSplits >= MIN_HEADER_INVISIBLE_SPLITS) {
    const where = subjectSplits >= nameSplits ? 'subject' : 'from';
    reasons.push(
      contentReason('content.invisible_characters', `Invisible or overlay characters split words ${headerSplits} times in the ${where === 'subject' ? 'subject' : 'sender name'}, a way to hide words from filters.`, {
        kind: 'header',
        name: where,
        value: (where === 'subject' ? subject : displayName).slice(0, 200),
      }),
    );
  } else if (splits >= MIN_INVISIBLE_SPLITS) {
    reasons.push(contentReason('content.invisible_characters', `Invisible characters split words ${splits >= MAX_SPLITS ? '1,000 or more' : splits} times in the body, a way to hide words from filters.`, { kind: 'body' }));
  }
  return reasons;
}
