import { parseCidr } from './cidr.js';
import { base64, base64Offsets, utf16be, utf16bom, utf16le, windash } from './encoding.js';
import type { SigmaErrorCode } from './errors.js';
import { expandPlaceholders, type Placeholders } from './placeholders.js';
import { hasSpecial, literal, literalText, withLeadingStar, withTrailingStar } from './sigma-string.js';
import { TIME_PARTS, type TimePart } from './time-parts.js';
import { asStringSpec, type ValueSpec } from './value-spec.js';

/** Every modifier of the specification (v2.1.0) plus pySigma's long names of the regex flags. */
export const SIGMA_MODIFIERS = [
  'contains', 'startswith', 'endswith', 'all', 'exists', 'cased', 'neq',
  're', 'i', 'm', 's', 'ignorecase', 'multiline', 'dotall',
  'base64', 'base64offset', 'wide', 'utf16le', 'utf16be', 'utf16', 'windash',
  'cidr', 'lt', 'lte', 'gt', 'gte', 'expand', 'fieldref', ...TIME_PARTS,
] as const;
/** One modifier name. */
export type SigmaModifier = (typeof SIGMA_MODIFIERS)[number];

const KNOWN = new Set<string>(SIGMA_MODIFIERS);

/** True for a modifier name the specification defines. */
export function isSigmaModifier(name: string): name is SigmaModifier {
  return KNOWN.has(name);
}

/** What a modifier may need besides the value: the field (null for keywords) and the placeholder values. */
export interface ModifierContext {
  readonly field: string | null;
  readonly placeholders: Placeholders;
}

/** A modifier refused the value. */
export interface ModifierFailure {
  readonly code: SigmaErrorCode;
  readonly message: string;
}

type Outcome = ValueSpec | ModifierFailure;

/**
 * Applies one value modifier to one value (`all` and `neq` act on the whole list and are handled by
 * the caller). `applied` holds the value modifiers already applied to it, for the ordering rules
 * (`re`, `cidr` and `exists` must come first, as pySigma requires).
 */
export function applyValueModifier(name: Exclude<SigmaModifier, 'all' | 'neq'>, v: ValueSpec, applied: readonly string[], ctx: ModifierContext): Outcome {
  if (v.kind === 'anyOf') {
    const values: ValueSpec[] = [];
    for (const child of v.values) {
      const r = applyValueModifier(name, child, applied, ctx);
      if ('code' in r) return r;
      if (r.kind === 'anyOf') values.push(...r.values);
      else values.push(r);
    }
    return { kind: 'anyOf', values };
  }
  const str = asStringSpec(v);
  switch (name) {
    case 'contains':
    case 'startswith':
    case 'endswith': {
      if (v.kind === 'regex') return v; // regexes are searched anywhere in the value already
      if (v.kind === 'fieldref') return { ...v, start: v.start || name !== 'endswith', end: v.end || name !== 'startswith' };
      if (str === undefined) return wrongType(name, v);
      const lead = name === 'startswith' ? str.tokens : withLeadingStar(str.tokens);
      return { ...str, tokens: name === 'endswith' ? lead : withTrailingStar(lead) };
    }
    case 'cased':
      if (v.kind === 'fieldref') return { ...v, cased: true };
      return str === undefined ? wrongType(name, v) : { ...str, cased: true };
    case 're':
      if (applied.length > 0) return order('re', applied);
      if (v.kind !== 'string' && v.kind !== 'number') return wrongType(name, v);
      return { kind: 'regex', source: v.raw, flags: { i: false, m: false, s: false } };
    case 'i':
    case 'ignorecase':
    case 'm':
    case 'multiline':
    case 's':
    case 'dotall': {
      if (v.kind !== 'regex') return { code: 'SIGMA_INVALID_MODIFIER', message: `'|${name}' is a flag of '|re' and must follow it` };
      const flag = name === 'i' || name === 'ignorecase' ? 'i' : name === 'm' || name === 'multiline' ? 'm' : 's';
      return { ...v, flags: { ...v.flags, [flag]: true } };
    }
    case 'base64':
    case 'base64offset': {
      if (str === undefined) return wrongType(name, v);
      if (hasSpecial(str.tokens)) return { code: 'SIGMA_INVALID_VALUE', message: `'|${name}' cannot encode wildcards; put '|contains' after it instead of '*' in the value` };
      const text = literalText(str.tokens);
      if (name === 'base64') return plain(base64(text, str.bytes), str.cased);
      return { kind: 'anyOf', values: base64Offsets(text, str.bytes).map((s) => plain(s, str.cased)) };
    }
    case 'wide':
    case 'utf16le':
    case 'utf16be':
    case 'utf16': {
      if (str === undefined) return wrongType(name, v);
      const tokens = name === 'utf16be' ? utf16be(str.tokens) : name === 'utf16' ? utf16bom(str.tokens) : utf16le(str.tokens);
      return { ...str, tokens, bytes: true };
    }
    case 'windash':
      return str === undefined ? wrongType(name, v) : { ...str, tokens: windash(str.tokens) };
    case 'cidr': {
      if (applied.length > 0) return order('cidr', applied);
      if (v.kind !== 'string') return wrongType(name, v);
      const parsed = parseCidr(v.raw);
      return parsed.ok ? { kind: 'cidr', cidr: parsed.value } : { code: 'SIGMA_INVALID_VALUE', message: `invalid CIDR: ${parsed.reason}` };
    }
    case 'exists':
      if (ctx.field === null) return { code: 'SIGMA_INVALID_MODIFIER', message: "'|exists' needs a field; keyword selections have none" };
      if (applied.length > 0) return order('exists', applied);
      return v.kind === 'bool' ? { kind: 'exists', exists: v.value } : { code: 'SIGMA_INVALID_VALUE', message: "'|exists' takes true or false" };
    case 'fieldref':
      if (ctx.field === null) return { code: 'SIGMA_INVALID_MODIFIER', message: "'|fieldref' needs a field; keyword selections have none" };
      if (v.kind !== 'string') return wrongType(name, v);
      if (hasSpecial(v.tokens)) return { code: 'SIGMA_INVALID_VALUE', message: "'|fieldref' takes a field name without wildcards" };
      return { kind: 'fieldref', field: literalText(v.tokens), start: false, end: false, cased: v.cased };
    case 'expand': {
      if (v.kind !== 'string') return wrongType(name, v);
      const r = expandPlaceholders(v.tokens, ctx.placeholders);
      if (!r.ok) {
        return 'missing' in r
          ? { code: 'SIGMA_UNRESOLVED_PLACEHOLDER', message: `no values configured for placeholder${r.missing.length > 1 ? 's' : ''} ${r.missing.map((m) => `%${m}%`).join(', ')}` }
          : { code: 'SIGMA_TOO_LARGE', message: `placeholders expand into ${r.tooMany} values (limit 4096)` };
      }
      const values = r.variants.map((tokens): ValueSpec => ({ ...v, tokens }));
      return values.length === 1 && values[0] !== undefined ? values[0] : { kind: 'anyOf', values };
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      if (v.kind === 'timepart' && v.op === 'eq') return { ...v, op: name };
      const n = numeric(v);
      return n === undefined ? { code: 'SIGMA_INVALID_VALUE', message: `'|${name}' compares numbers; '${describe(v)}' is not one` } : { kind: 'compare', op: name, value: n };
    }
    case 'minute':
    case 'hour':
    case 'day':
    case 'week':
    case 'month':
    case 'year': {
      const n = numeric(v);
      if (n === undefined || !Number.isInteger(n)) return { code: 'SIGMA_INVALID_VALUE', message: `'|${name}' takes a whole number; '${describe(v)}' is not one` };
      return { kind: 'timepart', part: name satisfies TimePart, op: 'eq', value: n };
    }
    default: {
      const never: never = name;
      throw new Error(`unhandled modifier ${String(never)}`);
    }
  }
}

function plain(s: string, cased: boolean): ValueSpec {
  return { kind: 'string', tokens: literal(s), raw: s, cased, bytes: false };
}

function numeric(v: ValueSpec): number | undefined {
  if (v.kind === 'number') return v.value;
  if (v.kind === 'string' && /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(v.raw)) return Number(v.raw);
  return undefined;
}

function describe(v: ValueSpec): string {
  return v.kind === 'string' ? v.raw : v.kind;
}

function wrongType(name: string, v: ValueSpec): ModifierFailure {
  const what = v.kind === 'string' ? 'a string' : v.kind === 'regex' ? 'a regular expression' : `a ${v.kind} value`;
  return { code: 'SIGMA_INVALID_MODIFIER', message: `'|${name}' cannot be applied to ${what}` };
}

function order(name: string, applied: readonly string[]): ModifierFailure {
  return { code: 'SIGMA_INVALID_MODIFIER', message: `'|${name}' must be the first value modifier, but follows |${applied.join('|')}` };
}
