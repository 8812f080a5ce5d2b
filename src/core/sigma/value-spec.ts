import type { Cidr } from './cidr.js';
import type { RegexFlags } from './regex.js';
import { displayTokens, literal, parseSigmaString, type Tok } from './sigma-string.js';
import type { TimePart } from './time-parts.js';

/** Numeric comparisons (`|lt`, `|lte`, `|gt`, `|gte`). */
export type CompareOp = 'lt' | 'lte' | 'gt' | 'gte';

/**
 * A detection value after its modifiers were applied, before it is compiled into a matcher: the
 * typed middle stage (like pySigma's SigmaType classes) that tests and explanations can inspect.
 */
export type ValueSpec =
  | { readonly kind: 'string'; readonly tokens: readonly Tok[]; readonly raw: string; readonly cased: boolean; readonly bytes: boolean }
  | { readonly kind: 'number'; readonly value: number; readonly raw: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'regex'; readonly source: string; readonly flags: RegexFlags }
  | { readonly kind: 'cidr'; readonly cidr: Cidr }
  | { readonly kind: 'compare'; readonly op: CompareOp; readonly value: number }
  | { readonly kind: 'exists'; readonly exists: boolean }
  | { readonly kind: 'fieldref'; readonly field: string; readonly start: boolean; readonly end: boolean; readonly cased: boolean }
  | { readonly kind: 'timepart'; readonly part: TimePart; readonly op: CompareOp | 'eq'; readonly value: number }
  | { readonly kind: 'anyOf'; readonly values: readonly ValueSpec[] };

/** The typed value of a plain YAML scalar, or undefined for maps and lists (not allowed as values). */
export function specOfYaml(value: unknown): ValueSpec | undefined {
  if (typeof value === 'string') return { kind: 'string', tokens: parseSigmaString(value), raw: value, cased: false, bytes: false };
  if (typeof value === 'number') return { kind: 'number', value, raw: numberText(value) };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (value === null) return { kind: 'null' };
  return undefined;
}

/**
 * Numbers as Sigma compares them: the shortest text that reads back as the same number, as JSON
 * wrote it (integers without a fraction or exponent below 1e21, `-0` as `0`).
 */
export function numberText(n: number): string {
  return String(n);
}

/** A number or boolean seen as the string it is compared as; strings unchanged; undefined otherwise. */
export function asStringSpec(v: ValueSpec): Extract<ValueSpec, { kind: 'string' }> | undefined {
  switch (v.kind) {
    case 'string':
      return v;
    case 'number':
      return { kind: 'string', tokens: literal(v.raw), raw: v.raw, cased: false, bytes: false };
    case 'bool':
      return { kind: 'string', tokens: literal(String(v.value)), raw: String(v.value), cased: false, bytes: false };
    case 'null':
    case 'regex':
    case 'cidr':
    case 'compare':
    case 'exists':
    case 'fieldref':
    case 'timepart':
    case 'anyOf':
      return undefined;
    default: {
      const never: never = v;
      throw new Error(`unknown value ${JSON.stringify(never)}`);
    }
  }
}

/** Counts the leaf values (expansions multiply). */
export function countLeaves(v: ValueSpec): number {
  return v.kind === 'anyOf' ? v.values.reduce((n, c) => n + countLeaves(c), 0) : 1;
}

/** How a value reads in an explanation or an error. */
export function displayValue(v: ValueSpec): string {
  switch (v.kind) {
    case 'string':
      return v.bytes ? JSON.stringify(displayTokens(v.tokens)) : displayTokens(v.tokens);
    case 'number':
      return v.raw;
    case 'bool':
      return String(v.value);
    case 'null':
      return 'null';
    case 'regex':
      return `/${v.source}/${v.flags.i ? 'i' : ''}${v.flags.m ? 'm' : ''}${v.flags.s ? 's' : ''}`;
    case 'cidr':
      return v.cidr.text;
    case 'compare':
      return `${v.op} ${v.value}`;
    case 'exists':
      return v.exists ? 'exists' : 'absent';
    case 'fieldref':
      return `field ${v.field}`;
    case 'timepart':
      return `${v.part} ${v.op} ${v.value}`;
    case 'anyOf':
      return v.values.map(displayValue).join(' | ');
    default: {
      const never: never = v;
      throw new Error(`unknown value ${JSON.stringify(never)}`);
    }
  }
}
