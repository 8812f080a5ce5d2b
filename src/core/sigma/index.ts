/**
 * Vigil's Sigma engine: Sigma YAML text in, compiled matchers out. Pure (no I/O, no clock).
 *
 *   const { rules, correlations, filters, errors } = loadRuleText(text, path, { placeholders });
 *   const tuned = applyFilters(allRules, allFilters);
 *   const { engine } = createCorrelationEngine(allCorrelations, { rules: tuned });
 *   const index = createRuleIndex(tuned);             // index.subset(rules) per logsource bucket
 *   for (const event of events) {
 *     const ctx = new MatchContext(event);            // shared by every rule tried on this event
 *     for (const rule of index.candidates(ctx)) {     // skips rules whose literals are absent
 *       const why = rule.match(ctx);
 *       if (why) engine.push(rule, event, why);       // plus: report it if engine.reportsOwnMatches(rule.meta.id)
 *     }
 *   }
 *   engine.flush();
 */
export type { CompiledRule, EventView, FieldValue, MatchExplanation, RuleMeta, SigmaLevel, SigmaLogsource } from './contract.js';
export { SIGMA_LEVELS } from './contract.js';
export { createCorrelationEngine, type CorrelationEngine, type CorrelationEngineOptions } from './correlation/engine.js';
export {
  CORRELATION_TYPES,
  type Contribution,
  type CorrelationCondition,
  type CorrelationMatch,
  type CorrelationMeta,
  type CorrelationRule,
  type CorrelationType,
  type MatchSource,
} from './correlation/types.js';
export { SIGMA_ERROR_CODES, formatSigmaError, type SigmaError, type SigmaErrorCode, type SigmaLocation } from './errors.js';
export { applyFilters, logsourceCovers, type SigmaFilter } from './filters.js';
export { SIGMA_LIMITS } from './limits.js';
export type { LiteralClauses, LiteralNeed } from './literal-hints.js';
export { loadRuleText, type LoadResult } from './loader.js';
export { MatchContext } from './match-context.js';
export { SIGMA_MODIFIERS, type SigmaModifier } from './modifiers.js';
export type { Placeholders } from './placeholders.js';
export type { CompileOptions } from './rule-compiler.js';
export { createRuleIndex, type RuleCandidates, type RuleIndex } from './rule-index.js';
export type { SigmaRule } from './rule.js';
