import type { ParsedMail } from '../contract.js';
import { scanHtml } from './html-scan.js';
import { collectLinks } from './links.js';
import { squash, STRUCTURE_FEATURES, structureCounts } from './structure-features.js';
import { accumulatorFor } from './sparse-accumulator.js';
import { addTextFeatures, MAX_TEXT_CHARS, type NamedTerm } from './text-features.js';

/**
 * A message as the model sees it: a sparse vector whose first 2^hashBits dimensions are hashed
 * text features and whose last `STRUCTURE_FEATURES.length` dimensions are structure features.
 */
export interface MailFeatures {
  /** Ascending dimension indices. */
  readonly indices: Int32Array;
  readonly values: Float64Array;
  /** Raw counts of the structure features, in `STRUCTURE_FEATURES` order (for explanations). */
  readonly structureCounts: readonly number[];
  /** Words and bigrams with their buckets (only when asked for, to explain a score). */
  readonly terms: readonly NamedTerm[];
}

export interface FeatureOptions {
  readonly hashBits: number;
  readonly keepTerms?: boolean;
}

/** Total dimensions for a given hash size. */
export function featureDimensions(hashBits: number): number {
  return (1 << hashBits) + STRUCTURE_FEATURES.length;
}

/** The visible text of a message: its text part, or its HTML converted to text. */
export function visibleText(mail: ParsedMail, htmlText: string): string {
  const text = mail.text.trim() === '' ? htmlText : mail.text;
  return text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
}

/** Extracts the feature vector of one message. Pure and deterministic. */
export function extractMailFeatures(mail: ParsedMail, options: FeatureOptions): MailFeatures {
  const html = scanHtml(mail.html);
  const body = visibleText(mail, html.text);
  const sparse = accumulatorFor(featureDimensions(options.hashBits));
  const terms = addTextFeatures(mail.subject, body, { hashBits: options.hashBits, keepTerms: options.keepTerms === true }, sparse);
  const links = collectLinks(html.anchors, mail.text);
  const counts = structureCounts(mail, links, html, `${mail.subject}\n${body}`.toLowerCase());
  const base = 1 << options.hashBits;
  STRUCTURE_FEATURES.forEach((feature, k) => {
    const value = squash(counts[k] ?? 0, feature.cap);
    if (value !== 0) sparse.add(base + k, value);
  });
  const { indices, values } = sparse.take();
  return { indices, values, structureCounts: counts, terms };
}
