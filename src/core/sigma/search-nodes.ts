import type { FieldValue } from './contract.js';
import { SIGMA_LIMITS } from './limits.js';
import { explainText, MatchContext } from './match-context.js';
import { displayValue, type ValueSpec } from './value-spec.js';
import { LiteralScanner } from '../../lib/aho-corasick.js';
import { MemoBudget, StringMemo } from '../../lib/string-memo.js';
import { substringOf, type Glob } from './glob.js';
import { KeywordGate } from './keyword-gate.js';
import type { ValueTest } from './value-tests.js';

/** One field test that held, as a match explanation shows it. */
export interface FieldHit {
  readonly field: string;
  readonly modifiers: readonly string[];
  readonly expected: string;
  readonly actual: string;
}

/** A compiled piece of a search identifier: evaluated per event, explained only when a rule matched. */
export interface SearchNode {
  test(ctx: MatchContext): boolean;
  /** Same answer as `test`; also records the field tests that made it hold. */
  explain(ctx: MatchContext, hits: FieldHit[]): boolean;
}

/** A compiled value with what it was compiled from (for explanations). */
export interface CompiledValue {
  readonly spec: ValueSpec;
  readonly test: ValueTest;
}

/** From this many OR-ed `contains` values on, an item scans with Aho-Corasick rather than value by value. */
const MIN_SCANNER_VALUES = 6;

/** Keyword search remembers its answer for strings of this length and up (they repeat from event to event). */
const KEYWORD_MEMO_MIN_LENGTH = 16;
const KEYWORD_MEMO_MAX_LENGTH = 1024;
/** Characters of keyword strings one item remembers (about 1 to 2 MB); few items search keywords. */
const KEYWORD_MEMO_BUDGET_CHARS = 500_000;

/** Keyword items have no field; explanations name them so. */
export const KEYWORDS_FIELD = '(keywords)';

/** `field|modifiers: values` — the values OR-ed (AND-ed with `|all`), negated with `|neq`. */
export class ItemNode implements SearchNode {
  constructor(
    readonly field: string | null,
    readonly modifiers: readonly string[],
    readonly values: readonly CompiledValue[],
    readonly all: boolean,
    readonly negated: boolean,
  ) {
    this.fieldName = field ?? KEYWORDS_FIELD;
    this.tests = values.map((v) => v.test);
    this.single = this.tests.length === 1 ? this.tests[0] : undefined;
    const absent = this.tests.map((t) => t.absent);
    this.whenAbsent = (all ? absent.every(Boolean) : absent.some(Boolean)) !== negated;
    const globs = this.tests.map((t) => t.lowerGlob);
    const allGlobs = globs.every((g) => g !== undefined);
    this.globs = field !== null && allGlobs ? globs : undefined;
    this.keywordGlobs = field === null && allGlobs && !all ? globs : undefined;
    const substrings = allGlobs && !all ? globs.map(substringOf) : [];
    this.literals = substrings.every((l) => l !== undefined) ? substrings : [];
    this.substrings = this.literals.length >= MIN_SCANNER_VALUES ? new LiteralScanner(this.literals) : undefined;
    this.keywordGate = field === null ? KeywordGate.of(this.literals) : undefined;
  }

  private readonly fieldName: string;
  /** The values in Sigma notation, for explanations, each made when first needed. */
  private displays: (string | undefined)[] | undefined;
  private readonly tests: readonly ValueTest[];
  /** Keyword strings → whether one of `substrings` occurs in them; made on the first keyword search. */
  private keywordHits: StringMemo<boolean> | undefined;
  private readonly single: ValueTest | undefined;
  /** The item's answer for an absent field, known at compile time. */
  private readonly whenAbsent: boolean;
  /** Set when every value is a case-insensitive pattern: a string value is then lower-cased once and scanned by each. */
  private readonly globs: readonly Glob[] | undefined;
  /** For a keyword item (OR of case-insensitive patterns): the patterns, tried on each lower-cased event string. */
  private readonly keywordGlobs: readonly Glob[] | undefined;
  /**
   * When the values are many `contains` (OR-ed, case-insensitive): one Aho-Corasick pass over the text
   * instead of one substring search per value (keyword rules list dozens, tried on every event string).
   */
  private readonly substrings: LiteralScanner | undefined;
  /** The text each value must contain, in value order, when every value is a case-insensitive `contains` (else empty). */
  private readonly literals: readonly string[];
  /** For a keyword item of `contains` values: rules most events out on their JSON text alone. */
  private readonly keywordGate: KeywordGate | undefined;

  test(ctx: MatchContext): boolean {
    const field = this.field;
    let raw: FieldValue;
    if (field !== null) {
      raw = ctx.event.get(field);
      if (raw === undefined) return this.whenAbsent;
      const globs = this.globs;
      if (globs !== undefined && typeof raw === 'string') {
        const lower = ctx.lower(field, raw);
        if (this.substrings !== undefined) return this.substrings.firstMatch(lower) >= 0 !== this.negated;
        let held = this.all;
        for (let i = 0; i < globs.length; i++) {
          if (globs[i]!.match(lower) !== this.all) {
            held = !this.all;
            break;
          }
        }
        return held !== this.negated;
      }
    } else if (this.keywordGlobs !== undefined) {
      return this.anyKeyword(ctx, this.keywordGlobs) !== this.negated;
    }
    if (this.single !== undefined) return this.single.test(raw, this.fieldName, ctx) !== this.negated;
    let held: boolean;
    const tests = this.tests;
    if (this.all) {
      held = true;
      for (let i = 0; i < tests.length; i++) {
        if (!tests[i]!.test(raw, this.fieldName, ctx)) {
          held = false;
          break;
        }
      }
    } else {
      held = false;
      for (let i = 0; i < tests.length; i++) {
        if (tests[i]!.test(raw, this.fieldName, ctx)) {
          held = true;
          break;
        }
      }
    }
    return held !== this.negated;
  }

  private anyKeyword(ctx: MatchContext, globs: readonly Glob[]): boolean {
    if (this.keywordGate !== undefined && !this.keywordGate.mayMatch(ctx)) return false;
    const scanner = this.substrings;
    if (scanner !== undefined) {
      const keywords = ctx.keywords();
      const memo = (this.keywordHits ??= new StringMemo(KEYWORD_MEMO_MIN_LENGTH, KEYWORD_MEMO_MAX_LENGTH, new MemoBudget(KEYWORD_MEMO_BUDGET_CHARS)));
      for (let k = 0; k < keywords.length; k++) {
        const text = keywords[k]!;
        let hit = memo.get(text);
        if (hit === undefined) {
          hit = scanner.firstMatchLowerCased(text) >= 0;
          memo.set(text, hit);
        }
        if (hit) return true;
      }
      return false;
    }
    const keywords = ctx.keywordsLower();
    for (let k = 0; k < keywords.length; k++) {
      const text = keywords[k]!;
      for (let i = 0; i < globs.length; i++) if (globs[i]!.match(text)) return true;
    }
    return false;
  }

  explain(ctx: MatchContext, hits: FieldHit[]): boolean {
    if (!this.test(ctx)) return false;
    const raw: FieldValue = this.field === null ? undefined : ctx.event.get(this.field);
    const field = this.field ?? KEYWORDS_FIELD;
    const actual = this.field === null ? matchedKeyword(this.values, ctx) : explainText(raw, SIGMA_LIMITS.maxExplainLength);
    if (this.negated) {
      const expected = `not ${this.values.map((_, i) => this.display(i)).join(this.all ? ' and ' : ' or ')}`;
      hits.push({ field, modifiers: this.modifiers, expected, actual });
      return true;
    }
    // A long `contains` list: one scan finds the values that hold, rather than one search per value.
    const found = this.substrings !== undefined && this.field !== null && typeof raw === 'string' ? this.foundLiterals(ctx.lower(this.field, raw)) : undefined;
    for (let i = 0; i < this.values.length; i++) {
      const held = found !== undefined ? found.has(this.literals[i]!) : this.values[i]!.test.test(raw, field, ctx);
      if (held) hits.push({ field, modifiers: this.modifiers, expected: this.display(i), actual });
    }
    return true;
  }

  private foundLiterals(lower: string): ReadonlySet<string> {
    return new Set(this.substrings!.allMatches(lower).map((id) => this.literals[id]!));
  }

  /** Value `i` in Sigma notation, made once (lists of thousands of hashes are explained one value at a time). */
  private display(i: number): string {
    const displays = (this.displays ??= []);
    return (displays[i] ??= displayValue(this.values[i]!.spec));
  }
}

/** The first event string that satisfies one of the keyword values (tested one string at a time). */
function matchedKeyword(values: readonly CompiledValue[], ctx: MatchContext): string {
  const event = ctx.event;
  for (const k of ctx.keywords()) {
    const one = new MatchContext({ get: (f) => event.get(f), keywords: () => [k], time: event.time });
    if (values.some((v) => v.test.test(undefined, KEYWORDS_FIELD, one))) return explainText(k, SIGMA_LIMITS.maxExplainLength);
  }
  return '';
}

/** A map: every entry must hold. */
export class AndNode implements SearchNode {
  constructor(readonly nodes: readonly SearchNode[]) {}
  test(ctx: MatchContext): boolean {
    const nodes = this.nodes;
    for (let i = 0; i < nodes.length; i++) if (!nodes[i]!.test(ctx)) return false;
    return true;
  }
  explain(ctx: MatchContext, hits: FieldHit[]): boolean {
    const mine: FieldHit[] = [];
    for (const n of this.nodes) if (!n.explain(ctx, mine)) return false;
    hits.push(...mine);
    return true;
  }
}

/** A list of maps (or of keyword lists): one must hold. */
export class OrNode implements SearchNode {
  constructor(readonly nodes: readonly SearchNode[]) {}
  test(ctx: MatchContext): boolean {
    const nodes = this.nodes;
    for (let i = 0; i < nodes.length; i++) if (nodes[i]!.test(ctx)) return true;
    return false;
  }
  explain(ctx: MatchContext, hits: FieldHit[]): boolean {
    for (const n of this.nodes) if (n.explain(ctx, hits)) return true;
    return false;
  }
}
