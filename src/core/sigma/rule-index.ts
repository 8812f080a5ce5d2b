import { LiteralScanner } from '../../lib/aho-corasick.js';
import { MemoBudget, StringMemo } from '../../lib/string-memo.js';
import type { EventView, FieldValue } from './contract.js';
import { SIGMA_LIMITS } from './limits.js';
import { MatchContext, scalarText } from './match-context.js';
import type { SigmaRule } from './rule.js';

/** The rules of a set that may match an event, found cheaply so that only those are evaluated. */
export interface RuleCandidates {
  readonly rules: readonly SigmaRule[];
  /**
   * The rules that may match the event, in the order of `rules`; every other rule certainly does
   * not match (its literal clauses fail). Accepts the event's shared `MatchContext`.
   */
  candidates(event: EventView | MatchContext): SigmaRule[];
}

/** A literal prefilter over a rule set, with cheap views over parts of it (e.g. a logsource bucket). */
export interface RuleIndex extends RuleCandidates {
  /**
   * The same prefilter restricted to `rules` (each one of the index's rules): only the fields those
   * rules read are scanned. Costs one pass over `rules`; the literal scanners are shared.
   */
  subset(rules: readonly SigmaRule[]): RuleCandidates;
}

/** The literals the rules look for in one field, gathered before the field's scanner is built. */
interface FieldLiterals {
  readonly field: string;
  /** Position in the index's scanner list. */
  readonly index: number;
  readonly literals: string[];
  /** Literal id (per field) → global need id. */
  readonly needs: number[];
  /** Literal → global need id. */
  readonly needOf: Map<string, number>;
}

/** One field's scanner, built with the index (before the first event, so matching never pays for it). */
interface FieldScanner extends FieldLiterals {
  readonly scanner: LiteralScanner;
  /** Value → the literal ids a scan of it finds: values repeat, so most are looked up, not scanned. */
  readonly found: StringMemo<readonly number[]>;
}

/** Values shorter than this are scanned every time (as fast as looking them up); longer ones are remembered. */
const MEMO_MIN_LENGTH = 16;
/** Longer values are rarely repeated: not remembered. */
const MEMO_MAX_LENGTH = 1024;
/** Characters of values the field memos of one index remember together (about 4 to 8 MB). */
const MEMO_BUDGET_CHARS = 2_000_000;
const NOTHING_FOUND: readonly number[] = [];

/**
 * Indexes rules by their literal clauses (`SigmaRule.literalClauses`): per event, each indexed field
 * is scanned once, as if lower-cased, for every literal of every rule (Aho-Corasick); a rule is a
 * candidate only when each of its clauses found one of its literals. Rules without clauses are
 * always candidates. On SigmaHQ's Windows process-creation rules this leaves about 1 rule in 40.
 * Build one index for the whole rule set and a `subset` per logsource bucket: the scanners are
 * built once, however many buckets share a rule.
 *
 * The work per event follows what the event contains, not how many rules there are: each rule is
 * posted under the literals of one "anchor" clause (the one least likely to hold), and only the
 * rules posted under a literal that was found have their other clauses checked.
 */
export function createRuleIndex(rules: readonly SigmaRule[]): RuleIndex {
  const literalOf: string[] = []; // need id → literal
  const literalsOf = new Map<string, FieldLiterals>();
  const fieldLiterals: FieldLiterals[] = [];
  const fieldsOf: number[][] = []; // rule → the scanners its clauses read
  const clauseNeeds: number[][][] = rules.map((rule, r) => {
    const fields = new Set<number>();
    const clauses = rule.literalClauses.map((clause) =>
      clause.map((n) => {
        let f = literalsOf.get(n.field);
        if (f === undefined) {
          f = { field: n.field, index: fieldLiterals.length, literals: [], needs: [], needOf: new Map() };
          literalsOf.set(n.field, f);
          fieldLiterals.push(f);
        }
        fields.add(f.index);
        let id = f.needOf.get(n.literal);
        if (id === undefined) {
          id = literalOf.length;
          f.needOf.set(n.literal, id);
          literalOf.push(n.literal);
          f.literals.push(n.literal);
          f.needs.push(id);
        }
        return id;
      }),
    );
    fieldsOf[r] = [...fields];
    return clauses;
  });
  const memoBudget = new MemoBudget(MEMO_BUDGET_CHARS);
  const scanners: FieldScanner[] = fieldLiterals.map((f) => ({
    ...f,
    scanner: new LiteralScanner(f.literals),
    found: new StringMemo(MEMO_MIN_LENGTH, MEMO_MAX_LENGTH, memoBudget),
  }));
  const { always, postings } = postRules(clauseNeeds, literalOf);
  const position = new Map<SigmaRule, number>();
  rules.forEach((rule, r) => position.set(rule, r));

  const seen = new Int32Array(literalOf.length);
  const ruleSeen = new Int32Array(rules.length);
  let stamp = 0;
  let found: number[] = [];
  let current: readonly number[] = [];
  const onFound = (id: number): void => {
    const need = current[id]!;
    if (seen[need] === stamp) return;
    seen[need] = stamp;
    found.push(need);
  };
  const clausesHold = (r: number): boolean => {
    const clauses = clauseNeeds[r]!;
    for (let c = 0; c < clauses.length; c++) {
      const ids = clauses[c]!;
      let ok = false;
      for (let i = 0; i < ids.length; i++) {
        if (seen[ids[i]!] === stamp) {
          ok = true;
          break;
        }
      }
      if (!ok) return false;
    }
    return true;
  };
  const scratch: number[] = [];
  const collect = (id: number): void => {
    scratch.push(id);
  };
  /** Reports the literals of `f` in `text` (as if lower-cased), scanning it only when it is not remembered. */
  const scanText = (f: FieldScanner, text: string): void => {
    let ids = f.found.get(text);
    if (ids === undefined) {
      scratch.length = 0;
      f.scanner.scanLowerCased(text, collect);
      ids = scratch.length === 0 ? NOTHING_FOUND : scratch.length === 1 ? [scratch[0]!] : [...new Set(scratch)];
      f.found.set(text, ids);
    }
    for (let i = 0; i < ids.length; i++) onFound(ids[i]!);
  };

  /** Candidates among the rules `member` marks (all when undefined), reading `fields`' scanners. */
  const candidatesOf = (event: EventView | MatchContext, fields: readonly FieldScanner[], member: Uint8Array | undefined, alwaysHere: Int32Array): SigmaRule[] => {
    const ctx = event instanceof MatchContext ? event : new MatchContext(event);
    stamp += 1;
    found = [];
    for (const f of fields) {
      const raw = ctx.event.get(f.field);
      if (raw === undefined || raw === null) continue;
      current = f.needs;
      // Lower-cased as it is scanned: most fields never reach a rule's own test, so no copy is made.
      if (typeof raw === 'string') scanText(f, raw);
      else scanValue(raw, f.scanner, onFound, 0);
    }
    const hits: number[] = [];
    for (const need of found) {
      const posted = postings[need];
      if (posted === undefined) continue;
      for (let i = 0; i < posted.length; i++) {
        const r = posted[i]!;
        if (ruleSeen[r] === stamp || (member !== undefined && member[r] === 0)) continue;
        ruleSeen[r] = stamp;
        if (clausesHold(r)) hits.push(r);
      }
    }
    return mergeInOrder(rules, alwaysHere, hits.sort((a, b) => a - b));
  };

  return {
    rules,
    candidates: (event) => candidatesOf(event, scanners, undefined, always),
    subset(part) {
      const member = new Uint8Array(rules.length);
      const fields = new Set<number>();
      for (const rule of part) {
        const r = position.get(rule);
        if (r === undefined) throw new Error(`rule ${rule.meta.id} is not in this index`);
        member[r] = 1;
        for (const f of fieldsOf[r]!) fields.add(f);
      }
      const read = [...fields].sort((a, b) => a - b).map((f) => scanners[f]!);
      const alwaysHere = always.filter((r) => member[r] === 1);
      const ordered = rules.filter((_, r) => member[r] === 1);
      return { rules: ordered, candidates: (event) => candidatesOf(event, read, member, alwaysHere) };
    },
  };
}

/**
 * Posts each rule under the literals of its anchor clause: the clause whose shortest literal is
 * longest (long literals occur rarely), fewer alternatives breaking ties. Rules without clauses are
 * `always` candidates.
 */
function postRules(clauseNeeds: readonly (readonly (readonly number[])[])[], literalOf: readonly string[]): { always: Int32Array; postings: (Int32Array | undefined)[] } {
  const always: number[] = [];
  const lists: number[][] = Array.from({ length: literalOf.length }, () => []);
  clauseNeeds.forEach((clauses, r) => {
    let anchor: readonly number[] | undefined;
    let best = -1;
    for (const clause of clauses) {
      const shortest = Math.min(...clause.map((id) => literalOf[id]!.length));
      const score = shortest * 1024 - clause.length;
      if (score > best) {
        best = score;
        anchor = clause;
      }
    }
    if (anchor === undefined) always.push(r);
    else for (const id of new Set(anchor)) lists[id]!.push(r);
  });
  return { always: Int32Array.from(always), postings: lists.map((l) => (l.length === 0 ? undefined : Int32Array.from(l))) };
}

/** The rules at the positions of two ascending position lists, in position order. */
function mergeInOrder(rules: readonly SigmaRule[], a: Int32Array, b: readonly number[]): SigmaRule[] {
  const out: SigmaRule[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) out.push(rules[a[i++]!]!);
    else out.push(rules[b[j++]!]!);
  }
  return out;
}

function scanValue(v: FieldValue, scanner: LiteralScanner, found: (id: number) => void, depth: number): void {
  if (Array.isArray(v)) {
    if (depth < SIGMA_LIMITS.maxEventValueDepth) for (const x of v as readonly FieldValue[]) scanValue(x, scanner, found, depth + 1);
    return;
  }
  const s = scalarText(v);
  if (s !== undefined) scanner.scan(s.toLowerCase(), found);
}
