import { hashTypeFromName } from '../hash.js';
import { type IndicatorType, type NormalizedValue, normalizeIndicator } from '../indicator.js';
import { detectIndicatorType } from '../detect-type.js';
import { type ComparisonExpr, type ObjectPath, type ObservationExpr, type PatternLiteral, formatPath } from './pattern-ast.js';

/** Operators and qualifiers that make a pattern more than "any of these values", by their STIX name. */
export type PatternFeature =
  | 'NOT' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET' | 'EXISTS' | 'FOLLOWEDBY' | 'WITHIN' | 'REPEATS' | 'START';

/** One indicator value a pattern names, with the path it was compared on. */
export interface PatternValue extends NormalizedValue {
  readonly path: string;
}

/** What a pattern says about the indicator values Vigil matches. */
export interface PatternValues {
  /** Canonical values compared with `=`, `IN` or (for IP paths) `ISSUBSET`, deduplicated, in pattern order. */
  readonly values: readonly PatternValue[];
  /**
   * True when the pattern is exactly "an observation with any one of `values`": only `OR` of such
   * comparisons, no `AND`, negation, other operator or qualifier. A false pattern still lists the
   * values it compares with equality, which are necessary for it to match; the importer decides.
   */
  readonly anyOf: boolean;
  /** Features beyond equality, deduplicated, in the order they appear in the pattern text. */
  readonly features: readonly PatternFeature[];
  /** Why `anyOf` is false, for people. */
  readonly reasons: readonly string[];
  /** Paths compared for equality that name no observable Vigil matches (`file:name`, `x509-certificate:issuer` …). */
  readonly unsupportedPaths: readonly string[];
  /** Values on supported paths that are not valid for their type. */
  readonly invalidValues: readonly { readonly path: string; readonly raw: string; readonly reason: string }[];
}

/** `auto` detects the type of a value reached through a reference (`network-traffic:dst_ref.value`). */
type PathTarget = IndicatorType | 'ip-or-cidr' | 'auto';

/**
 * The indicator type a path compares, or undefined. Supported: `ipv4-addr:value`, `ipv6-addr:value`
 * (a CIDR there is a block), `domain-name:value`, `url:value`, `email-addr:value`, a `hashes.<MD5|SHA-1|
 * SHA-256|SHA-512>` key on any object (file, artifact, or through a reference), the `value` of
 * `network-traffic:src_ref/dst_ref`, and the addresses of `email-message` sender and recipients.
 */
export function pathTarget(p: ObjectPath): PathTarget | undefined {
  const keys = p.steps.map((s) => (s.kind === 'key' ? s.name : '[]'));
  const last = keys[keys.length - 1];
  if (keys.length >= 2 && keys[keys.length - 2] === 'hashes' && last !== undefined) return hashTypeFromName(last);
  const joined = keys.join('.');
  switch (p.objectType) {
    case 'ipv4-addr':
    case 'ipv6-addr':
      return joined === 'value' ? 'ip-or-cidr' : undefined;
    case 'domain-name':
      return joined === 'value' ? 'domain' : undefined;
    case 'url':
      return joined === 'value' ? 'url' : undefined;
    case 'email-addr':
      return joined === 'value' ? 'email' : undefined;
    case 'network-traffic':
      return joined === 'src_ref.value' || joined === 'dst_ref.value' ? 'auto' : undefined;
    case 'email-message':
      return ['from_ref.value', 'sender_ref.value', 'to_refs.[].value', 'cc_refs.[].value', 'bcc_refs.[].value'].includes(joined) ? 'email' : undefined;
    default:
      return undefined;
  }
}

interface Acc {
  values: PatternValue[];
  seen: Set<string>;
  features: { feature: PatternFeature; pos: number }[];
  reasons: string[];
  unsupported: Set<string>;
  invalid: { path: string; raw: string; reason: string }[];
}

/** Walks a parsed pattern and says which values it names and whether it is a plain "any of". */
export function patternValues(root: ObservationExpr): PatternValues {
  const acc: Acc = { values: [], seen: new Set(), features: [], reasons: [], unsupported: new Set(), invalid: [] };
  const anyOf = observation(root, acc);
  acc.features.sort((a, b) => a.pos - b.pos);
  const features: PatternFeature[] = [];
  for (const f of acc.features) if (!features.includes(f.feature)) features.push(f.feature);
  return { values: acc.values, anyOf, features, reasons: [...new Set(acc.reasons)], unsupportedPaths: [...acc.unsupported], invalidValues: acc.invalid };
}

function observation(e: ObservationExpr, acc: Acc): boolean {
  switch (e.kind) {
    case 'observation':
      return comparison(e.comparison, acc);
    case 'obs-or': {
      let all = true;
      for (const o of e.operands) all = observation(o, acc) && all;
      return all;
    }
    case 'obs-and':
    case 'followedby':
      if (e.kind === 'followedby') acc.features.push({ feature: 'FOLLOWEDBY', pos: e.pos });
      acc.reasons.push(e.kind === 'followedby' ? 'FOLLOWEDBY: observations in sequence' : 'AND between observations: all of them must be seen');
      for (const o of e.operands) observation(o, acc);
      return false;
    case 'qualified': {
      const q = e.qualifier;
      acc.features.push({ feature: q.kind === 'within' ? 'WITHIN' : q.kind === 'repeats' ? 'REPEATS' : 'START', pos: q.pos });
      acc.reasons.push(`${q.kind === 'start-stop' ? 'START/STOP' : q.kind.toUpperCase()} qualifier`);
      observation(e.expr, acc);
      return false;
    }
    default:
      return assertNeverExpr(e);
  }
}

function comparison(c: ComparisonExpr, acc: Acc): boolean {
  switch (c.kind) {
    case 'cmp-or': {
      let all = true;
      for (const o of c.operands) all = comparison(o, acc) && all;
      return all;
    }
    case 'cmp-and':
      acc.reasons.push('AND inside an observation: all comparisons must hold');
      for (const o of c.operands) comparison(o, acc);
      return false;
    case 'exists':
      acc.features.push({ feature: 'EXISTS', pos: c.pos });
      if (c.negated) acc.features.push({ feature: 'NOT', pos: c.pos - 1 });
      acc.reasons.push('EXISTS test');
      return false;
    case 'test': {
      const path = formatPath(c.path);
      if (c.negated) {
        acc.features.push({ feature: 'NOT', pos: c.pos - 1 });
        acc.reasons.push(`NOT on ${path}`);
        if (c.op !== '=' && c.op !== 'IN') acc.features.push({ feature: c.op, pos: c.pos });
        return false;
      }
      const target = pathTarget(c.path);
      if (c.op === '=' || c.op === 'IN') {
        if (target === undefined) {
          acc.unsupported.add(path);
          acc.reasons.push(`${path} is not an observable Vigil matches`);
          return false;
        }
        const lits: readonly PatternLiteral[] = isLiteralList(c.value) ? c.value : [c.value];
        let allValid = lits.length > 0;
        for (const lit of lits) allValid = addValue(path, target, lit, acc) && allValid;
        return allValid;
      }
      if (c.op === 'ISSUBSET' && target === 'ip-or-cidr' && !isLiteralList(c.value)) {
        acc.features.push({ feature: 'ISSUBSET', pos: c.pos });
        return addValue(path, 'cidr', c.value, acc);
      }
      acc.features.push({ feature: c.op, pos: c.pos });
      acc.reasons.push(`${c.op} on ${path}`);
      return false;
    }
    default:
      return assertNeverCmp(c);
  }
}

function addValue(path: string, target: PathTarget, lit: PatternLiteral, acc: Acc): boolean {
  if (lit.kind !== 'string') {
    acc.invalid.push({ path, raw: String(lit.value), reason: `a ${lit.kind} literal is not a value of ${path}` });
    return false;
  }
  const raw = lit.value;
  let type: IndicatorType | undefined;
  if (target === 'ip-or-cidr') type = raw.includes(':') ? 'ipv6' : 'ipv4';
  else if (target === 'auto') type = detectIndicatorType(raw);
  else type = target;
  if (type === undefined) {
    acc.invalid.push({ path, raw, reason: 'not an IP address, domain or other matchable value' });
    return false;
  }
  const n = normalizeIndicator(type, raw);
  if (!n.ok) {
    acc.invalid.push({ path, raw, reason: n.error.message });
    return false;
  }
  const key = `${n.value.type}\u0000${n.value.value}`;
  if (!acc.seen.has(key)) {
    acc.seen.add(key);
    acc.values.push({ ...n.value, path });
  }
  return true;
}

function isLiteralList(v: PatternLiteral | readonly PatternLiteral[]): v is readonly PatternLiteral[] {
  return Array.isArray(v);
}

function assertNeverExpr(x: never): never {
  throw new Error(`unexpected observation expression ${JSON.stringify(x)}`);
}

function assertNeverCmp(x: never): never {
  throw new Error(`unexpected comparison expression ${JSON.stringify(x)}`);
}
