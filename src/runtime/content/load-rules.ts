import { applyFilters, loadRuleText, type CorrelationRule, type SigmaError, type SigmaFilter, type SigmaRule } from '../../core/sigma/index.js';
import type { Placeholders } from '../../core/sigma/index.js';
import { readFileStart } from '../input/index.js';
import { isYamlName, listFiles } from './list-files.js';

const MAX_RULE_FILES = 50_000;
const MAX_RULE_FILE_BYTES = 4 * 1024 * 1024;

/** Everything loaded from rule files and folders. */
export interface LoadedRules {
  /** Single-event rules, with meta filters applied. */
  readonly rules: SigmaRule[];
  readonly correlations: CorrelationRule[];
  readonly filters: SigmaFilter[];
  /** Problems that kept a rule (or a file) from loading: file, line, reason. */
  readonly errors: SigmaError[];
  readonly warnings: SigmaError[];
  readonly files: number;
}

/**
 * Reads every Sigma YAML file under the given files and folders (recursively) and compiles them.
 * A file that cannot be read or compiled is reported and never stops the others.
 */
export async function loadRules(paths: readonly string[], options: { placeholders?: Placeholders } = {}): Promise<LoadedRules> {
  const out = { rules: [] as SigmaRule[], correlations: [] as CorrelationRule[], filters: [] as SigmaFilter[], errors: [] as SigmaError[], warnings: [] as SigmaError[], files: 0 };
  const readError = (file: string, message: string): SigmaError => ({ code: 'SIGMA_INVALID_RULE', message, location: { file } });
  for (const root of paths) {
    let files: string[];
    try {
      files = await listFiles(root, isYamlName, MAX_RULE_FILES);
    } catch (cause) {
      out.errors.push(readError(root, `cannot read rules from ${root}: ${cause instanceof Error ? cause.message : String(cause)}`));
      continue;
    }
    if (files.length > MAX_RULE_FILES) {
      out.errors.push(readError(root, `more than ${MAX_RULE_FILES} rule files under ${root}; only the first were loaded`));
      files = files.slice(0, MAX_RULE_FILES);
    }
    for (const file of files) {
      out.files++;
      try {
        // Synchronous: thousands of small files would each cost a thread-pool round trip otherwise
        // (SigmaHQ's 2,407 Windows rules took over a second longer that way).
        const { bytes, size } = readFileStart(file, MAX_RULE_FILE_BYTES);
        if (size > MAX_RULE_FILE_BYTES) {
          out.errors.push(readError(file, `the file is larger than ${MAX_RULE_FILE_BYTES} bytes`));
          continue;
        }
        const loaded = loadRuleText(bytes.toString('utf8'), file, options.placeholders === undefined ? {} : { placeholders: options.placeholders });
        out.rules.push(...loaded.rules);
        out.correlations.push(...loaded.correlations);
        out.filters.push(...loaded.filters);
        out.errors.push(...loaded.errors);
        out.warnings.push(...loaded.warnings);
      } catch (cause) {
        out.errors.push(readError(file, `cannot read the file: ${cause instanceof Error ? cause.message : String(cause)}`));
      }
    }
  }
  return { ...out, rules: applyFilters(out.rules, out.filters) };
}
