import { fnv1a32 } from './hash.js';
import type { SparseAccumulator } from './sparse-accumulator.js';

/**
 * Hashed text features: word unigrams and bigrams, subject words, and character 4-grams inside
 * words. Each group is a set (presence, not counts) scaled to unit length, so a long message does
 * not outweigh a short one and one group does not drown the others.
 */

/** A word feature that can be named in an explanation. */
export interface NamedTerm {
  readonly label: string;
  readonly bucket: number;
  readonly value: number;
}

export interface TextFeatureOptions {
  readonly hashBits: number;
  /** Keep the words and bigrams with their buckets, to explain a score. */
  readonly keepTerms: boolean;
}

export const MAX_TEXT_CHARS = 100_000;
const MAX_TOKENS = 4_000;
const MAX_TOKEN_LENGTH = 24;
const CHAR_GRAM = 4;

const WORD_SEED = fnv1a32('w:');
const BIGRAM_SEED = fnv1a32('b:');
const SUBJECT_SEED = fnv1a32('s:');
const GRAM_SEED = fnv1a32('c:');
const SPACE_GRAM_SEED = fnv1a32(' ', GRAM_SEED);

/** Lower-cased word tokens; digits become '0' so dates, prices and ids share their shape. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const source = text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
  for (const match of source.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)) {
    const word = match[0];
    if (word.length < 2 || word.length > MAX_TOKEN_LENGTH) continue;
    tokens.push(/[\p{N}’]/u.test(word) ? word.replace(/\p{N}/gu, '0').replace('’', "'") : word);
    if (tokens.length >= MAX_TOKENS) break;
  }
  return tokens;
}

/** Adds the hashed text features of `subject` and `body` to `into`; returns the nameable terms if asked. */
export function addTextFeatures(subject: string, body: string, options: TextFeatureOptions, into: SparseAccumulator): NamedTerm[] {
  const mask = (1 << options.hashBits) - 1;
  const bodyTokens = tokenize(body);
  const subjectTokens = tokenize(subject);
  const words = new Set<string>(subjectTokens);
  for (const token of bodyTokens) words.add(token);
  const terms: NamedTerm[] = [];
  addGroup(words, WORD_SEED, 1, mask, into, options.keepTerms ? terms : undefined);
  addBigrams([subjectTokens, bodyTokens], mask, into, options.keepTerms ? terms : undefined);
  addGroup(new Set(subjectTokens), SUBJECT_SEED, 0.5, mask, into, undefined);
  // Character 4-grams of each distinct word padded with spaces (' pass', 'assw' …), as distinct buckets.
  const grams = bucketSetFor(options.hashBits);
  for (const word of words) {
    if (word.length < CHAR_GRAM - 1) continue;
    const last = word.length - (CHAR_GRAM - 1);
    grams.add(fnv1a32(word, SPACE_GRAM_SEED, 0, CHAR_GRAM - 1) & mask);
    for (let i = 0; i <= last - 1; i++) grams.add(fnv1a32(word, GRAM_SEED, i, i + CHAR_GRAM) & mask);
    grams.add(Math.imul(fnv1a32(word, GRAM_SEED, last, word.length) ^ 0x20, 0x01000193) >>> 0 & mask);
  }
  const buckets = grams.take();
  if (buckets.length > 0) {
    const value = 0.7 / Math.sqrt(buckets.length);
    for (const bucket of buckets) into.add(bucket, value);
  }
  return terms;
}

/**
 * A set of buckets in insertion order without a hash set: a mark per bucket plus the list of
 * buckets added, cleared by `take`. One per hash size, reused (extraction is synchronous).
 */
class BucketSet {
  private readonly marked: Uint8Array;
  private buckets: number[] = [];

  constructor(size: number) {
    this.marked = new Uint8Array(size);
  }

  add(bucket: number): void {
    if (this.marked[bucket] === 0) {
      this.marked[bucket] = 1;
      this.buckets.push(bucket);
    }
  }

  /** The buckets added since the last take, in the order first added; the set is left empty. */
  take(): number[] {
    const out = this.buckets;
    for (const bucket of out) this.marked[bucket] = 0;
    this.buckets = [];
    return out;
  }
}

const bucketSets = new Map<number, BucketSet>();

function bucketSetFor(hashBits: number): BucketSet {
  let set = bucketSets.get(hashBits);
  if (set === undefined) {
    set = new BucketSet(1 << hashBits);
    bucketSets.set(hashBits, set);
  }
  return set;
}

/**
 * Word bigrams, hashed as "first second" without building the string, and counted once per
 * bucket; the label is only built when it is kept (to explain a score).
 */
function addBigrams(sequences: readonly (readonly string[])[], mask: number, into: SparseAccumulator, terms: NamedTerm[] | undefined): void {
  const buckets = new Map<number, string>();
  for (const tokens of sequences) {
    for (let i = 1; i < tokens.length; i++) {
      const first = tokens[i - 1]!;
      const second = tokens[i]!;
      const bucket = fnv1a32(second, fnv1a32(' ', fnv1a32(first, BIGRAM_SEED))) & mask;
      if (!buckets.has(bucket)) buckets.set(bucket, terms === undefined ? '' : `${first} ${second}`);
    }
  }
  if (buckets.size === 0) return;
  const value = 1 / Math.sqrt(buckets.size);
  for (const [bucket, label] of buckets) {
    into.add(bucket, value);
    terms?.push({ label, bucket, value });
  }
}

function addGroup(features: ReadonlySet<string>, seed: number, scale: number, mask: number, into: SparseAccumulator, terms: NamedTerm[] | undefined): void {
  if (features.size === 0) return;
  const value = scale / Math.sqrt(features.size);
  for (const feature of features) {
    const bucket = fnv1a32(feature, seed) & mask;
    into.add(bucket, value);
    terms?.push({ label: feature, bucket, value });
  }
}
