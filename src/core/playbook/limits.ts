/** Bounds on everything a playbook file or the data it handles can make the engine do. */
export const PLAYBOOK_LIMITS = {
  maxFileBytes: 256 * 1024,
  maxSteps: 200,
  maxExpressionLength: 2000,
  maxExpressionDepth: 32,
  /** AST nodes visited in one evaluation (functions over arrays count each element). */
  maxEvaluationSteps: 10_000,
  /** Longest string an expression may build (join, lower, interpolation). */
  maxStringLength: 64 * 1024,
  maxForEachItems: 1000,
  maxConcurrency: 64,
  maxAttempts: 20,
  /** Longest wait the engine honours from a Retry-After, a backoff or a timeout. */
  maxDelayMs: 60 * 60 * 1000,
  maxTemplateDepth: 16,
} as const;
