/**
 * Whether a token (an address's local part, a word of a subject) looks machine-generated: what bulk
 * senders put in their throwaway addresses ("mPmjQSt", "r9pcx1dtc9j2") and in subjects to defeat
 * duplicate detection. People and organisations pick names that can be read out.
 */

const MIN_LENGTH = 6;
const MAX_LENGTH = 40;
const ALNUM = /^[A-Za-z0-9]+$/;
/** Letter/digit alternations a token needs (and their density) before digits sprinkled among letters look random. */
const MIN_DIGIT_SWITCHES = 4;
const MIN_DIGIT_SWITCH_DENSITY = 0.3;
const MIN_DIGIT_TOKEN = 8;
/** Case runs a mixed-case token needs, and the longest average run, before it looks random. */
const MIN_CASE_RUNS = 5;
const MAX_MEAN_RUN = 2;
/** Vowel share below which (or consonant cluster from which) a mixed-case token cannot be read out. */
const MAX_VOWEL_SHARE = 0.3;
const MIN_CONSONANT_CLUSTER = 5;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * How a token looks random, or undefined when it looks chosen by a person: `digits` when digits and
 * letters alternate densely ("s3skj4kefw74"), `case` when upper and lower case alternate in short runs
 * and the letters cannot be pronounced ("HauBQDrzH"). Camel case ("DoNotUse", "FOXSportsFLASH"),
 * names with a year ("jsmith1975") and acronyms are not random. Tokens other than 6–40 ASCII letters
 * and digits are not judged.
 */
export function randomTokenKind(token: string): 'digits' | 'case' | undefined {
  if (token.length < MIN_LENGTH || token.length > MAX_LENGTH || !ALNUM.test(token)) return undefined;
  let digitSwitches = 0;
  for (let i = 1; i < token.length; i++) if (isDigit(token.charCodeAt(i - 1)) !== isDigit(token.charCodeAt(i))) digitSwitches++;
  if (token.length >= MIN_DIGIT_TOKEN && digitSwitches >= MIN_DIGIT_SWITCHES && digitSwitches / token.length >= MIN_DIGIT_SWITCH_DENSITY) return 'digits';
  if (!/[a-z]/.test(token) || !/[A-Z]/.test(token.slice(1))) return undefined;
  const runs = token.match(/[A-Z]+|[a-z]+|[0-9]+/g) ?? [];
  if (runs.length < MIN_CASE_RUNS || token.length / runs.length > MAX_MEAN_RUN) return undefined;
  const letters = token.toLowerCase().replace(/[0-9]/g, '');
  const vowels = letters.replace(/[^aeiou]/g, '').length;
  let cluster = 0;
  for (const run of letters.split(/[aeiou]+/)) cluster = Math.max(cluster, run.length);
  return vowels / letters.length < MAX_VOWEL_SHARE || cluster >= MIN_CONSONANT_CLUSTER ? 'case' : undefined;
}
