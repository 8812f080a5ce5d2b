/**
 * The limits that keep a hostile or broken rule from costing unbounded time or memory. Passing one
 * is a `SIGMA_TOO_LARGE` error naming the limit; none of them is reached by any SigmaHQ rule.
 */
export const SIGMA_LIMITS = {
  /** Characters of one rule file. */
  maxTextLength: 4 * 1024 * 1024,
  /** YAML documents in one file. */
  maxDocuments: 10_000,
  /** Characters of one detection value (a 1 MB string is rejected, not matched). */
  maxValueLength: 64 * 1024,
  /** Values of one rule after modifiers expanded them (windash, base64offset, placeholders). */
  maxValuesPerRule: 100_000,
  /** Variants one value may expand into (windash permutations, placeholder values). */
  maxExpansion: 4_096,
  /** Characters of one condition. */
  maxConditionLength: 64 * 1024,
  /** Nesting of `not` and parentheses in one condition; deeper conditions are rejected, not parsed. */
  maxConditionDepth: 256,
  /** Nesting of lists inside lists in a search identifier. */
  maxDetectionDepth: 32,
  /** Nesting of arrays inside event values that matching descends into. */
  maxEventValueDepth: 8,
  /** Characters of an actual event value quoted in a match explanation. */
  maxExplainLength: 256,
} as const;
