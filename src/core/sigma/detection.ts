import { isRecord } from './collection.js';
import { issue, type SigmaIssue } from './errors.js';
import { SIGMA_LIMITS } from './limits.js';
import { applyValueModifier, isSigmaModifier, type ModifierContext } from './modifiers.js';
import { AndNode, ItemNode, OrNode, type CompiledValue, type SearchNode } from './search-nodes.js';
import { countLeaves, specOfYaml, type ValueSpec } from './value-spec.js';
import { compileKeywordTest, compileValueTest } from './value-tests.js';

type Path = readonly (string | number)[];

/** What compiling search identifiers collects besides the matchers. */
export interface DetectionAccumulator {
  readonly errors: SigmaIssue[];
  readonly warnings: SigmaIssue[];
  /** Every field a test reads (including `|fieldref` targets). */
  readonly fields: Set<string>;
  /** Leaf values compiled so far (bounded by `maxValuesPerRule`). */
  values: number;
}

/** Creates an empty accumulator. */
export function newAccumulator(): DetectionAccumulator {
  return { errors: [], warnings: [], fields: new Set(), values: 0 };
}

/**
 * Compiles one search identifier: a map (AND of its entries), a list (OR of its elements; a list of
 * plain values is one keyword selection), or a single plain value (a keyword).
 */
export function compileSearch(definition: unknown, path: Path, ctx: ModifierContext, acc: DetectionAccumulator, depth = 0): SearchNode | undefined {
  if (depth > SIGMA_LIMITS.maxDetectionDepth) {
    acc.errors.push(issue('SIGMA_TOO_LARGE', `search identifier nests lists deeper than ${SIGMA_LIMITS.maxDetectionDepth}`, path));
    return undefined;
  }
  if (isRecord(definition)) {
    const entries = Object.entries(definition);
    if (entries.length === 0) {
      acc.errors.push(issue('SIGMA_INVALID_RULE', 'a selection map must not be empty', path));
      return undefined;
    }
    const nodes: (SearchNode | undefined)[] = entries.map(([key, value]) => compileItem(key, value, [...path, key], ctx, acc));
    return allDefined(nodes) ? (nodes.length === 1 ? nodes[0] : new AndNode(nodes)) : undefined;
  }
  if (Array.isArray(definition)) {
    const list = definition as readonly unknown[];
    if (list.length === 0) {
      acc.errors.push(issue('SIGMA_INVALID_RULE', 'a selection list must not be empty', path));
      return undefined;
    }
    if (list.every(isScalar)) return compileItem(null, list, path, ctx, acc);
    const nodes: (SearchNode | undefined)[] = list.map((element, i) => (isScalar(element) ? compileItem(null, element, [...path, i], ctx, acc) : compileSearch(element, [...path, i], ctx, acc, depth + 1)));
    return allDefined(nodes) ? (nodes.length === 1 ? nodes[0] : new OrNode(nodes)) : undefined;
  }
  if (typeof definition === 'string' || typeof definition === 'number' || typeof definition === 'boolean') return compileItem(null, definition, path, ctx, acc);
  acc.errors.push(issue('SIGMA_INVALID_RULE', 'a search identifier must be a map, a list, or a keyword value', path));
  return undefined;
}

function allDefined(nodes: readonly (SearchNode | undefined)[]): nodes is readonly SearchNode[] {
  return nodes.every((n) => n !== undefined);
}

function isScalar(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** Compiles `field|mod|mod: value(s)` (key null or starting with `|`: a keyword item). */
function compileItem(key: string | null, value: unknown, path: Path, base: ModifierContext, acc: DetectionAccumulator): ItemNode | undefined {
  const [fieldPart = '', ...modifiers] = key === null ? [''] : key.split('|');
  const field = fieldPart === '' ? null : fieldPart;
  const ctx: ModifierContext = { ...base, field };
  const unknown = modifiers.filter((m) => !isSigmaModifier(m));
  if (unknown.length > 0) {
    for (const m of unknown) acc.errors.push(issue('SIGMA_UNKNOWN_MODIFIER', `unknown modifier '${m}' in '${key ?? ''}'`, path));
    return undefined;
  }
  const raws: readonly unknown[] = Array.isArray(value) ? (value as readonly unknown[]) : [value];
  const listPath = (i: number): Path => (Array.isArray(value) ? [...path, i] : path);
  let specs: ValueSpec[] = [];
  if (raws.length === 0) specs.push({ kind: 'null' }); // `Field: []` is null, as in pySigma
  let failed = false;
  for (const [i, raw] of raws.entries()) {
    if (typeof raw === 'string' && raw.length > SIGMA_LIMITS.maxValueLength) {
      acc.errors.push(issue('SIGMA_TOO_LARGE', `value has ${raw.length} characters; the limit is ${SIGMA_LIMITS.maxValueLength}`, listPath(i)));
      failed = true;
      continue;
    }
    const spec = specOfYaml(raw);
    if (spec === undefined) {
      acc.errors.push(issue('SIGMA_INVALID_VALUE', 'a value must be a string, a number, a boolean or null, not a map or a list', listPath(i)));
      failed = true;
    } else if (spec.kind === 'null' && field === null) {
      acc.errors.push(issue('SIGMA_INVALID_VALUE', 'null must be the value of a field', listPath(i)));
      failed = true;
    } else {
      specs.push(spec);
    }
  }
  if (failed) return undefined;

  let all = false;
  let negated = false;
  const applied: string[] = [];
  for (const m of modifiers) {
    if (!isSigmaModifier(m)) continue;
    if (m === 'all') {
      all = true;
      if (raws.length === 1) acc.warnings.push(issue('SIGMA_INVALID_MODIFIER', `'|all' on a single value has no effect (the specification disallows it)`, path));
      continue;
    }
    if (m === 'neq') {
      negated = true;
      continue;
    }
    const next: ValueSpec[] = [];
    for (const [i, spec] of specs.entries()) {
      const r = applyValueModifier(m, spec, applied, ctx);
      if ('code' in r) {
        acc.errors.push(issue(r.code, r.message, specs.length > 1 ? listPath(i) : path));
        return undefined;
      }
      next.push(r);
    }
    specs = next;
    applied.push(m);
  }

  const values: CompiledValue[] = [];
  for (const [i, spec] of specs.entries()) {
    const leaves = countLeaves(spec);
    if (leaves > SIGMA_LIMITS.maxExpansion) {
      acc.errors.push(issue('SIGMA_TOO_LARGE', `value expands into ${leaves} variants; the limit is ${SIGMA_LIMITS.maxExpansion}`, listPath(i)));
      return undefined;
    }
    acc.values += leaves;
    if (acc.values > SIGMA_LIMITS.maxValuesPerRule) {
      acc.errors.push(issue('SIGMA_TOO_LARGE', `the rule has more than ${SIGMA_LIMITS.maxValuesPerRule} values`, path));
      return undefined;
    }
    const test = field === null ? compileKeywordTest(spec) : compileValueTest(spec);
    if ('code' in test) {
      acc.errors.push(issue(test.code, test.message, specs.length > 1 ? listPath(i) : path));
      return undefined;
    }
    values.push({ spec, test });
    if (spec.kind === 'fieldref') acc.fields.add(spec.field);
  }
  if (field !== null) acc.fields.add(field);
  return new ItemNode(field, modifiers, values, all, negated);
}
