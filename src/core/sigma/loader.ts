import { applyCollectionActions, type LogicalDocument } from './collection.js';
import { compileCorrelationDocument } from './correlation/compile.js';
import type { CorrelationRule } from './correlation/types.js';
import type { SigmaError } from './errors.js';
import { compileFilterDocument, type SigmaFilter } from './filters.js';
import { compileRuleDocument, documentKey, type CompileOptions, type DocumentOutcome } from './rule-compiler.js';
import type { SigmaRule } from './rule.js';
import { parseSource } from './yaml-source.js';

/** Everything one file yielded. Errors never stop the other documents of the file. */
export interface LoadResult {
  readonly rules: SigmaRule[];
  /** Correlation rules; their references are resolved by `createCorrelationEngine`, across files. */
  readonly correlations: CorrelationRule[];
  /** Meta filters, to give to `applyFilters` with the rules of every file. */
  readonly filters: SigmaFilter[];
  readonly errors: SigmaError[];
  /** Problems that do not keep a rule from loading (bad date format, `|all` on one value …). */
  readonly warnings: SigmaError[];
}

/**
 * Parses Sigma YAML text (one rule, a multi-document file, or a rule collection with
 * `action: global|reset|repeat`) and compiles each rule, correlation and filter once. A document
 * with a `correlation` key is a correlation, one with a `filter` key a filter, any other a rule.
 * Pure: the caller reads the file. Never throws; every problem is a located `SigmaError`.
 */
export function loadRuleText(text: string, path: string, options: CompileOptions = {}): LoadResult {
  const result: LoadResult = { rules: [], correlations: [], filters: [], errors: [], warnings: [] };
  const parsed = parseSource(text, path);
  result.errors.push(...parsed.errors);
  const collected = applyCollectionActions(parsed.documents, path);
  result.errors.push(...collected.errors);
  for (const doc of collected.documents) {
    switch (doc.kind) {
      case 'rule':
        take(guard(doc, path, () => compileRuleDocument(doc, path, options)), result.rules, result);
        break;
      case 'correlation':
        take(guard(doc, path, () => compileCorrelationDocument(doc, path)), result.correlations, result);
        break;
      case 'filter':
        take(guard(doc, path, () => compileFilterDocument(doc, path, options)), result.filters, result);
        break;
      default: {
        const never: never = doc.kind;
        throw new Error(`unknown document kind ${String(never)}`);
      }
    }
  }
  return result;
}

function take<T>(outcome: DocumentOutcome<T>, into: T[], result: LoadResult): void {
  if (outcome.value !== undefined) into.push(outcome.value);
  result.errors.push(...outcome.errors);
  result.warnings.push(...outcome.warnings);
}

/** Last line of defence: a bug while compiling one document becomes an error of that document only. */
function guard<T>(doc: LogicalDocument, path: string, compile: () => DocumentOutcome<T>): DocumentOutcome<T> {
  try {
    return compile();
  } catch (cause) {
    const message = cause instanceof RangeError ? `the document is too deeply nested to compile (${cause.message})` : `internal error: ${cause instanceof Error ? cause.message : String(cause)}`;
    return {
      value: undefined,
      errors: [{ code: cause instanceof RangeError ? 'SIGMA_TOO_LARGE' : 'SIGMA_INTERNAL', message, location: { file: path }, document: doc.index, rule: documentKey(doc, path) }],
      warnings: [],
    };
  }
}
