import type { ResolvedCondition } from './condition-eval.js';
import { AndNode, ItemNode, OrNode, type SearchNode } from './search-nodes.js';
import { hasSpecial, literalText } from './sigma-string.js';
import type { ValueSpec } from './value-spec.js';

/** Field → the lower-cased exact values one of which the field must have for the rule to match. */
type Requirements = Map<string, Set<string>>;

/**
 * Works out which exact field values a rule needs (typically `EventID` and `Channel`), so a
 * dispatcher can skip rules cheaply. The answer is a necessary condition only: an event with
 * another value (or without the field) cannot match; an event with one of them still has to be
 * matched. Values are lower-cased strings; numbers are written as Sigma compares them (`4688`).
 */
export function requiredValues(condition: ResolvedCondition, searches: readonly SearchNode[]): Record<string, string[]> {
  const req = ofCondition(condition, searches);
  const out: Record<string, string[]> = {};
  for (const [field, values] of req) out[field] = [...values].sort();
  return out;
}

function ofCondition(node: ResolvedCondition, searches: readonly SearchNode[]): Requirements {
  switch (node.kind) {
    case 'search': {
      const s = searches[node.index];
      return s === undefined ? none() : ofSearch(s);
    }
    case 'not':
      return none();
    case 'and':
      return intersectAll(node.args.map((a) => ofCondition(a, searches)));
    case 'or':
      return unionCommon(node.args.map((a) => ofCondition(a, searches)));
    default: {
      const never: never = node;
      throw new Error(`unknown condition node ${JSON.stringify(never)}`);
    }
  }
}

function none(): Requirements {
  return new Map<string, Set<string>>();
}

function ofSearch(node: SearchNode): Requirements {
  if (node instanceof AndNode) return intersectAll(node.nodes.map(ofSearch));
  if (node instanceof OrNode) return unionCommon(node.nodes.map(ofSearch));
  if (node instanceof ItemNode) {
    if (node.field === null || node.negated || (node.all && node.values.length > 1)) return none();
    const values = new Set<string>();
    for (const v of node.values) if (!collectExact(v.spec, values)) return none();
    return new Map([[node.field, values]]);
  }
  return none();
}

function collectExact(v: ValueSpec, into: Set<string>): boolean {
  switch (v.kind) {
    case 'string':
      if (hasSpecial(v.tokens) || v.bytes) return false;
      into.add(literalText(v.tokens).toLowerCase());
      return true;
    case 'number':
      into.add(v.raw.toLowerCase());
      return true;
    case 'bool':
      into.add(String(v.value));
      return true;
    case 'anyOf':
      return v.values.every((c) => collectExact(c, into));
    case 'null':
    case 'regex':
    case 'cidr':
    case 'compare':
    case 'exists':
    case 'fieldref':
    case 'timepart':
      return false;
    default: {
      const never: never = v;
      throw new Error(`unknown value ${JSON.stringify(never)}`);
    }
  }
}

/** AND: every requirement holds; a field required twice must satisfy both sets. */
function intersectAll(parts: readonly Requirements[]): Requirements {
  const out: Requirements = new Map();
  for (const part of parts) {
    for (const [field, values] of part) {
      const have = out.get(field);
      out.set(field, have === undefined ? new Set(values) : new Set([...have].filter((v) => values.has(v))));
    }
  }
  return out;
}

/** OR: only fields every branch requires stay required, with the union of their values. */
function unionCommon(parts: readonly Requirements[]): Requirements {
  const [first, ...rest] = parts;
  if (first === undefined) return none();
  const out: Requirements = new Map();
  for (const [field, values] of first) {
    if (rest.every((p) => p.has(field))) {
      const all = new Set(values);
      for (const p of rest) for (const v of p.get(field) ?? []) all.add(v);
      out.set(field, all);
    }
  }
  return out;
}
