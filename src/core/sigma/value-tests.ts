import { cidrContains, type Cidr } from './cidr.js';
import type { FieldValue } from './contract.js';
import type { SigmaErrorCode } from './errors.js';
import { compileGlob, type Glob } from './glob.js';
import { SIGMA_LIMITS } from './limits.js';
import { scalarNumber, scalarText, type MatchContext } from './match-context.js';
import { compileRegex, type CompiledRegex } from './regex.js';
import { regexLiterals } from './regex-literals.js';
import { lowerTokens, type Tok } from './sigma-string.js';
import { timePart, type TimePart } from './time-parts.js';
import type { CompareOp, ValueSpec } from './value-spec.js';

/** A compiled test of one field's value. Never throws on event content. */
export interface ValueTest {
  test(raw: FieldValue, field: string, ctx: MatchContext): boolean;
  /** What `test` answers when the field is absent (lets items skip work for the common case). */
  readonly absent: boolean;
  /** For case-insensitive string tests: the pattern to run on the lower-cased value (items lower a value once for all of them). */
  readonly lowerGlob?: Glob | undefined;
}

/** Compiling failed (a regular expression RE2 refuses). */
export interface CompileFailure {
  readonly code: SigmaErrorCode;
  readonly message: string;
}

/** Compiles a value into its test; all pattern and regex construction happens here, never per event. */
export function compileValueTest(v: ValueSpec): ValueTest | CompileFailure {
  switch (v.kind) {
    case 'string':
      return new StringTest(compileGlob(v.cased ? v.tokens : lowerTokens(v.tokens)), v.cased);
    case 'number':
      return new StringTest(compileGlob([{ t: 'lit', s: v.raw.toLowerCase() }]), false);
    case 'bool':
      return new StringTest(compileGlob([{ t: 'lit', s: String(v.value) }]), false);
    case 'null':
      return NULL_TEST;
    case 'exists':
      return v.exists ? EXISTS_TEST : ABSENT_TEST;
    case 'regex': {
      const r = compileRegex(v.source, v.flags);
      return r.ok ? new RegexTest(r.value, regexLiterals(v.source, v.flags, 1)) : { code: r.code, message: r.reason };
    }
    case 'cidr':
      return new CidrTest(v.cidr);
    case 'compare':
      return new CompareTest(v.op, v.value);
    case 'fieldref':
      return new FieldRefTest(v.field, v.start, v.end, v.cased);
    case 'timepart':
      return new TimePartTest(v.part, v.op, v.value);
    case 'anyOf': {
      const tests: ValueTest[] = [];
      for (const child of v.values) {
        const t = compileValueTest(child);
        if ('code' in t) return t;
        tests.push(t);
      }
      return new AnyOfTest(tests);
    }
    default: {
      const never: never = v;
      throw new Error(`unknown value ${JSON.stringify(never)}`);
    }
  }
}

/** Applies `fn` to a scalar, or to the elements of a list (any may match), to a bounded depth. */
function someScalar(raw: FieldValue, depth: number, fn: (v: FieldValue) => boolean): boolean {
  if (!Array.isArray(raw)) return fn(raw);
  if (depth >= SIGMA_LIMITS.maxEventValueDepth) return false;
  for (const item of raw as readonly FieldValue[]) if (someScalar(item, depth + 1, fn)) return true;
  return false;
}

class StringTest implements ValueTest {
  readonly absent = false;
  readonly lowerGlob: Glob | undefined;
  constructor(
    private readonly glob: Glob,
    private readonly cased: boolean,
  ) {
    this.lowerGlob = cased ? undefined : glob;
  }

  test(raw: FieldValue, field: string, ctx: MatchContext): boolean {
    if (typeof raw === 'string') return this.glob.match(this.cased ? raw : ctx.lower(field, raw));
    if (typeof raw === 'number' || typeof raw === 'boolean') return this.scalar(raw);
    if (Array.isArray(raw)) return someScalar(raw, 0, (v) => this.scalar(v));
    return false;
  }

  private scalar(v: FieldValue): boolean {
    const s = scalarText(v);
    return s !== undefined && this.glob.match(this.cased ? s : s.toLowerCase());
  }
}

/**
 * `needs`: texts one of which (lower-cased) every match contains (`regexLiterals`); a string value
 * without any is refused with a native substring search instead of a call into RE2, which costs a
 * conversion to UTF-8 and a crossing into C++.
 */
class RegexTest implements ValueTest {
  readonly absent = false;
  constructor(
    private readonly re: CompiledRegex,
    private readonly needs: readonly string[] | undefined,
  ) {}
  test(raw: FieldValue, field: string, ctx: MatchContext): boolean {
    if (typeof raw === 'string') {
      if (this.needs !== undefined && !containsOne(ctx.lower(field, raw), this.needs)) return false;
      return this.re.test(raw.length > 64 ? ctx.utf8(field, raw) : raw);
    }
    return someScalar(raw, 0, (v) => {
      const s = scalarText(v);
      return s !== undefined && this.re.test(s);
    });
  }
}

function containsOne(text: string, needles: readonly string[]): boolean {
  for (let i = 0; i < needles.length; i++) if (text.includes(needles[i]!)) return true;
  return false;
}

const NULL_TEST: ValueTest = { test: (raw) => raw === null || raw === undefined, absent: true };
const EXISTS_TEST: ValueTest = { test: (raw) => raw !== undefined, absent: false };
const ABSENT_TEST: ValueTest = { test: (raw) => raw === undefined, absent: true };

class CidrTest implements ValueTest {
  readonly absent = false;
  constructor(private readonly cidr: Cidr) {}
  test(raw: FieldValue): boolean {
    if (typeof raw === 'string') return cidrContains(this.cidr, raw);
    return someScalar(raw, 0, (v) => typeof v === 'string' && cidrContains(this.cidr, v));
  }
}

function compare(op: CompareOp | 'eq', a: number, b: number): boolean {
  switch (op) {
    case 'lt':
      return a < b;
    case 'lte':
      return a <= b;
    case 'gt':
      return a > b;
    case 'gte':
      return a >= b;
    case 'eq':
      return a === b;
    default: {
      const never: never = op;
      throw new Error(`unknown comparison ${String(never)}`);
    }
  }
}

class CompareTest implements ValueTest {
  readonly absent = false;
  constructor(
    private readonly op: CompareOp,
    private readonly value: number,
  ) {}
  test(raw: FieldValue): boolean {
    return someScalar(raw, 0, (v) => {
      const n = scalarNumber(v);
      return n !== undefined && compare(this.op, n, this.value);
    });
  }
}

class TimePartTest implements ValueTest {
  readonly absent = false;
  constructor(
    private readonly part: TimePart,
    private readonly op: CompareOp | 'eq',
    private readonly value: number,
  ) {}
  test(raw: FieldValue): boolean {
    return someScalar(raw, 0, (v) => {
      const n = timePart(v, this.part);
      return n !== undefined && compare(this.op, n, this.value);
    });
  }
}

/** Compares with another field of the same event; absent or non-scalar on either side never matches. */
class FieldRefTest implements ValueTest {
  readonly absent = false;
  constructor(
    private readonly ref: string,
    private readonly start: boolean,
    private readonly end: boolean,
    private readonly cased: boolean,
  ) {}

  test(raw: FieldValue, field: string, ctx: MatchContext): boolean {
    if (raw === undefined || raw === null) return false;
    const other = ctx.event.get(this.ref);
    return someScalar(other, 0, (o) => {
      const os = scalarText(o);
      if (os === undefined) return false;
      const want = this.cased ? os : typeof o === 'string' ? ctx.lower(this.ref, o) : os.toLowerCase();
      return someScalar(raw, 0, (v) => {
        const vs = scalarText(v);
        if (vs === undefined) return false;
        const have = this.cased ? vs : typeof v === 'string' && v === raw ? ctx.lower(field, v) : vs.toLowerCase();
        if (this.start && this.end) return have.includes(want);
        if (this.start) return have.startsWith(want);
        if (this.end) return have.endsWith(want);
        return have === want;
      });
    });
  }
}

class AnyOfTest implements ValueTest {
  readonly absent: boolean;
  constructor(private readonly tests: readonly ValueTest[]) {
    this.absent = tests.some((t) => t.absent);
  }
  test(raw: FieldValue, field: string, ctx: MatchContext): boolean {
    for (const t of this.tests) if (t.test(raw, field, ctx)) return true;
    return false;
  }
}

/** Keyword values are searched inside every string of the event, case-insensitively unless `cased`. */
export function compileKeywordTest(v: ValueSpec): ValueTest | CompileFailure {
  switch (v.kind) {
    case 'string':
    case 'number':
    case 'bool': {
      const raw: readonly Tok[] = v.kind === 'string' ? v.tokens : [{ t: 'lit', s: v.kind === 'number' ? v.raw : String(v.value) }];
      const cased = v.kind === 'string' && v.cased;
      const wrapped: Tok[] = [...(raw[0]?.t === 'star' ? [] : [{ t: 'star' } as const]), ...raw, ...(raw[raw.length - 1]?.t === 'star' ? [] : [{ t: 'star' } as const])];
      const glob = compileGlob(cased ? wrapped : lowerTokens(wrapped));
      return {
        test: (_raw, _field, ctx) => (cased ? ctx.keywords() : ctx.keywordsLower()).some((k) => glob.match(k)),
        absent: false,
        // A keyword item whose values are all case-insensitive scans each event string once for all of them.
        lowerGlob: cased ? undefined : glob,
      };
    }
    case 'regex': {
      const r = compileRegex(v.source, v.flags);
      if (!r.ok) return { code: r.code, message: r.reason };
      const re = r.value;
      return { test: (_raw, _field, ctx) => ctx.keywords().some((k) => re.test(k)), absent: false };
    }
    case 'anyOf': {
      const tests: ValueTest[] = [];
      for (const child of v.values) {
        const t = compileKeywordTest(child);
        if ('code' in t) return t;
        tests.push(t);
      }
      return new AnyOfTest(tests);
    }
    case 'null':
    case 'exists':
    case 'cidr':
    case 'compare':
    case 'fieldref':
    case 'timepart':
      return { code: 'SIGMA_INVALID_VALUE', message: `keyword selections search text; a ${v.kind} value needs a field` };
    default: {
      const never: never = v;
      throw new Error(`unknown value ${JSON.stringify(never)}`);
    }
  }
}
