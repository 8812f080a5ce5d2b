import type { LogicalDocument } from './collection.js';
import type { RuleMeta, SigmaLogsource } from './contract.js';
import { compileDetectionSection } from './detection-section.js';
import type { SigmaError, SigmaIssue } from './errors.js';
import type { Placeholders } from './placeholders.js';
import { createRule, type SigmaRule } from './rule.js';
import { detectionSchema, ruleDocumentSchema, zodProblems, type RuleDocument } from './schema.js';
import { locationOf } from './yaml-source.js';

/** Options that change how rules compile. */
export interface CompileOptions {
  /** Values for `|expand` placeholders (`%Servers%`); a rule using an unknown one is rejected. */
  readonly placeholders?: Placeholders;
}

/** Outcome of compiling one document: the compiled thing, or errors; warnings either way. */
export interface DocumentOutcome<T> {
  readonly value: T | undefined;
  readonly errors: SigmaError[];
  readonly warnings: SigmaError[];
}

/** Turns path-based issues into located errors of one document. */
export function locateIssues(issues: readonly SigmaIssue[], doc: LogicalDocument, file: string, rule: string | undefined): SigmaError[] {
  return issues.map((i) => ({
    code: i.code,
    message: i.message,
    location: locationOf(file, doc.locate, i.path, i.offset),
    document: doc.index,
    ...(rule === undefined ? {} : { rule }),
  }));
}

/** A name for messages and meta when a document has no id: its id, name, or position in the file. */
export function documentKey(doc: LogicalDocument, file: string): string {
  const { id, name } = doc.value;
  if (typeof id === 'string' && id !== '') return id;
  if (typeof name === 'string' && name !== '') return name;
  return `${file}#${doc.index}`;
}

/** Validates and compiles one rule document. */
export function compileRuleDocument(doc: LogicalDocument, file: string, options: CompileOptions): DocumentOutcome<SigmaRule> {
  const key = documentKey(doc, file);
  const parsed = ruleDocumentSchema.safeParse(doc.value);
  if (!parsed.success) {
    const issues = zodProblems(parsed.error).map((p): SigmaIssue => ({ code: 'SIGMA_INVALID_RULE', message: p.message, path: p.path }));
    // A linter wants every problem: when only the metadata is wrong, still check the detection.
    const detection = detectionSchema.safeParse(doc.value['detection']);
    if (detection.success) {
      const checked = compileDetectionSection(detection.data, detection.data.condition, ['detection'], { field: null, placeholders: options.placeholders ?? {} });
      if (!checked.ok) issues.push(...checked.errors);
    }
    return { value: undefined, errors: locateIssues(issues, doc, file, key), warnings: [] };
  }
  const rule = parsed.data;
  const result = compileDetectionSection(rule.detection, rule.detection.condition, ['detection'], { field: null, placeholders: options.placeholders ?? {} });
  const warnings = locateIssues([...result.warnings, ...metaWarnings(rule)], doc, file, key);
  if (!result.ok) return { value: undefined, errors: locateIssues(result.errors, doc, file, key), warnings };
  return {
    value: createRule(ruleMeta(rule, key, file), result.detection, result.hints),
    errors: [],
    warnings,
  };
}

/** Rule metadata as the contract describes it. */
export function ruleMeta(rule: RuleDocument, id: string, file: string): RuleMeta {
  const logsource: SigmaLogsource = {
    ...(rule.logsource.category === undefined ? {} : { category: rule.logsource.category }),
    ...(rule.logsource.product === undefined ? {} : { product: rule.logsource.product }),
    ...(rule.logsource.service === undefined ? {} : { service: rule.logsource.service }),
    ...(rule.logsource.definition === undefined ? {} : { definition: rule.logsource.definition }),
  };
  const fp = rule.falsepositives;
  return {
    id,
    title: rule.title,
    logsource,
    path: file,
    ...(rule.name === undefined ? {} : { name: rule.name }),
    ...(rule.status === undefined ? {} : { status: rule.status }),
    ...(rule.level === undefined ? {} : { level: rule.level }),
    ...(rule.description === undefined ? {} : { description: rule.description }),
    ...(rule.author === undefined ? {} : { author: rule.author }),
    ...(rule.references === undefined ? {} : { references: rule.references }),
    ...(rule.tags === undefined ? {} : { tags: rule.tags }),
    ...(fp === undefined ? {} : { falsepositives: typeof fp === 'string' ? [fp] : fp }),
  };
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TAG = /^[a-z0-9_-]+\.[a-z0-9._-]+$/;

/** Form problems the specification's schema flags but that do not change what a rule detects. */
function metaWarnings(rule: RuleDocument): SigmaIssue[] {
  const out: SigmaIssue[] = [];
  for (const key of ['date', 'modified'] as const) {
    const v = rule[key];
    if (v !== undefined && !DATE.test(v)) out.push({ code: 'SIGMA_INVALID_RULE', message: `${key} '${v}' is not YYYY-MM-DD`, path: [key] });
  }
  (rule.tags ?? []).forEach((t, i) => {
    if (!TAG.test(t)) out.push({ code: 'SIGMA_INVALID_RULE', message: `tag '${t}' is not namespace.value in lower case`, path: ['tags', i] });
  });
  if (rule.id === undefined) out.push({ code: 'SIGMA_INVALID_RULE', message: 'the rule has no id; correlations and filters cannot reference it by id', path: [] });
  return out;
}
