import { LiteralScanner } from '../../lib/aho-corasick.js';
import type { EventView, FieldValue } from './contract.js';
import { SIGMA_LIMITS } from './limits.js';
import { MatchContext, scalarText } from './match-context.js';
import type { SigmaRule } from './rule.js';

/** Finds the rules that may match an event, cheaply, so that only those are evaluated. */
export interface RuleIndex {
  readonly rules: readonly SigmaRule[];
  /**
   * The rules that may match the event, in index order; every other rule certainly does not match
   * (its literal clauses fail). Accepts the event's shared `MatchContext`.
   */
  candidates(event: EventView | MatchContext): SigmaRule[];
}

interface FieldScanner {
  readonly field: string;
  readonly scanner: LiteralScanner;
  /** Literal id (per field) → global need id. */
  readonly needs: Int32Array;
}

/**
 * Indexes rules by their literal clauses (`SigmaRule.literalClauses`): per event, each indexed field
 * is lower-cased once and scanned once for every literal of every rule (Aho-Corasick); a rule is a
 * candidate only when each of its clauses found one of its literals. Rules without clauses are
 * always candidates. On SigmaHQ's Windows process-creation rules this leaves about 1 rule in 40.
 * Combine with logsource dispatch (one index per logsource bucket) for the full effect.
 *
 * The work per event follows what the event contains, not how many rules there are: each rule is
 * posted under the literals of one "anchor" clause (the one least likely to hold), and only the
 * rules posted under a literal that was found have their other clauses checked.
 */
export function createRuleIndex(rules: readonly SigmaRule[]): RuleIndex {
  const needIds = new Map<string, number>(); // "field\u0000literal" → need id
  const byField = new Map<string, string[]>();
  const clauseNeeds: number[][][] = rules.map((rule) =>
    rule.literalClauses.map((clause) =>
      clause.map((n) => {
        const key = `${n.field}\u0000${n.literal}`;
        let id = needIds.get(key);
        if (id === undefined) {
          id = needIds.size;
          needIds.set(key, id);
          const literals = byField.get(n.field);
          if (literals === undefined) byField.set(n.field, [n.literal]);
          else literals.push(n.literal);
        }
        return id;
      }),
    ),
  );
  const scanners: FieldScanner[] = [...byField].map(([field, literals]) => ({
    field,
    scanner: new LiteralScanner(literals),
    needs: Int32Array.from(literals, (l) => needIds.get(`${field}\u0000${l}`) ?? -1),
  }));
  const literalOf = [...needIds.keys()].map((key) => key.slice(key.indexOf('\u0000') + 1));
  const { always, postings } = postRules(clauseNeeds, literalOf, needIds.size);

  const seen = new Int32Array(needIds.size);
  const ruleSeen = new Int32Array(rules.length);
  let stamp = 0;
  let found: number[] = [];
  let current: FieldScanner | undefined;
  const onFound = (id: number): void => {
    const need = current!.needs[id]!;
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

  return {
    rules,
    candidates(event) {
      const ctx = event instanceof MatchContext ? event : new MatchContext(event);
      stamp += 1;
      found = [];
      for (const f of scanners) {
        current = f;
        const raw = ctx.event.get(f.field);
        if (typeof raw === 'string') f.scanner.scan(ctx.lower(f.field, raw), onFound);
        else if (raw !== undefined && raw !== null) scanValue(raw, f.scanner, onFound, 0);
      }
      current = undefined;
      const hits: number[] = [];
      for (const need of found) {
        const posted = postings[need];
        if (posted === undefined) continue;
        for (let i = 0; i < posted.length; i++) {
          const r = posted[i]!;
          if (ruleSeen[r] === stamp) continue;
          ruleSeen[r] = stamp;
          if (clausesHold(r)) hits.push(r);
        }
      }
      return mergeInOrder(rules, always, hits.sort((a, b) => a - b));
    },
  };
}

/**
 * Posts each rule under the literals of its anchor clause: the clause whose shortest literal is
 * longest (long literals occur rarely), fewer alternatives breaking ties. Rules without clauses are
 * `always` candidates.
 */
function postRules(clauseNeeds: readonly (readonly (readonly number[])[])[], literalOf: readonly string[], needCount: number): { always: Int32Array; postings: (Int32Array | undefined)[] } {
  const always: number[] = [];
  const lists: number[][] = Array.from({ length: needCount }, () => []);
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
