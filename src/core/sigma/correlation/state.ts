import type { EventView, FieldValue, MatchExplanation } from '../contract.js';
import { scalarNumber, scalarText } from '../match-context.js';
import { conditionHolds, decidedAtClose } from './compile.js';
import type { CorrelationMatch, CorrelationRule, MatchSource } from './types.js';
import { GroupWindow } from './window.js';

/** Memory bounds of one correlation's state. */
export interface StateLimits {
  readonly maxGroups: number;
  readonly maxEventsPerGroup: number;
  readonly maxContributions: number;
}

/**
 * The windows of one correlation, keyed by group. Time comes only from events. Groups live in a
 * Map kept in order of last use, so idle groups are found at its front and expire in O(1) each.
 *
 * Emission: a condition with only lower bounds (gt, gte — the usual "at least N") is checked after
 * every event on the sliding window ending at that event; when it holds, the match is emitted and
 * the group starts afresh (so 250 events with `gte: 100` give two matches, not 151). A condition
 * with an upper bound (lt, lte, eq, neq) can only be decided once the window is over: windows then
 * start at a group's first event, are decided when an event falls past their end or the group goes
 * idle (`advance`) or input ends (`flush`), and the next window starts with the next event.
 */
export class CorrelationState {
  private readonly groups = new Map<string, GroupWindow>();
  private readonly atClose: boolean;
  private watermark = Number.NEGATIVE_INFINITY;
  dropped = 0;

  constructor(
    readonly rule: CorrelationRule,
    private readonly limits: StateLimits,
  ) {
    this.atClose = decidedAtClose(rule.condition);
  }

  get groupCount(): number {
    return this.groups.size;
  }

  /** Adds one match of the rule at `positions` of the correlation's `rules`; returns the matches it completes. */
  push(source: MatchSource, positions: readonly number[], event: EventView, explanation: MatchExplanation | undefined): CorrelationMatch[] {
    const t = event.time;
    if (!Number.isFinite(t)) return [];
    const out = this.advance(t);
    const span = this.rule.timespanMs;
    const group = this.groupOf(source, event);
    const key = JSON.stringify(this.rule.groupBy.map((g) => group[g] ?? null));
    let w = this.groups.get(key);
    if (w === undefined) {
      if (this.groups.size >= this.limits.maxGroups) this.evictOldestGroup();
      w = new GroupWindow(this.rule.type, this.rule.rules.length, group);
    } else {
      this.groups.delete(key); // re-inserted below: the Map stays in order of last use
    }
    if (this.atClose) {
      if (w.size > 0 && t - w.firstTime > span) this.close(w, out);
    } else {
      w.expireBefore(t - span);
    }
    if (w.size >= this.limits.maxEventsPerGroup) {
      w.shift();
      this.dropped += 1;
    }
    w.add({ time: t, refs: positions, value: this.valueOf(source, event), contribution: { rule: source.meta.id, title: source.meta.title, time: t, ...(explanation === undefined ? {} : { explanation }) } }, span);
    this.groups.set(key, w);
    if (!this.atClose) {
      const v = w.measure(this.rule.percentile, t, span);
      if (conditionHolds(this.rule.condition, v)) {
        out.push(this.matchOf(w, v));
        w.clear();
      }
    }
    return out;
  }

  /** Moves event time forward: closes and forgets groups idle for longer than the timespan. */
  advance(time: number): CorrelationMatch[] {
    const out: CorrelationMatch[] = [];
    if (time > this.watermark) this.watermark = time;
    const cutoff = this.watermark - this.rule.timespanMs;
    for (const [key, w] of this.groups) {
      if (w.lastTime >= cutoff) break;
      if (this.atClose) this.close(w, out);
      this.groups.delete(key);
    }
    return out;
  }

  /** End of input: decides every open window. */
  flush(): CorrelationMatch[] {
    const out: CorrelationMatch[] = [];
    if (this.atClose) for (const w of this.groups.values()) this.close(w, out);
    this.groups.clear();
    return out;
  }

  private close(w: GroupWindow, out: CorrelationMatch[]): void {
    if (w.size === 0) return;
    const v = w.measure(this.rule.percentile, w.lastTime, this.rule.timespanMs);
    if (conditionHolds(this.rule.condition, v)) out.push(this.matchOf(w, v));
    w.clear();
  }

  private evictOldestGroup(): void {
    for (const key of this.groups.keys()) {
      this.groups.delete(key);
      this.dropped += 1;
      return;
    }
  }

  private matchOf(w: GroupWindow, value: number): CorrelationMatch {
    return { correlation: this.rule, group: w.group, firstTime: w.firstTime, lastTime: w.lastTime, count: w.size, value, contributions: w.contributions(this.limits.maxContributions) };
  }

  /** The field to read for `name` in events of `source`: its alias mapping when one is defined. */
  private fieldFor(name: string, source: MatchSource): string {
    const alias = this.rule.aliases[name];
    if (alias === undefined) return name;
    return alias[source.meta.id] ?? (source.meta.name === undefined ? undefined : alias[source.meta.name]) ?? name;
  }

  private groupOf(source: MatchSource, event: EventView): Record<string, string | null> {
    const group: Record<string, string | null> = {};
    for (const g of this.rule.groupBy) group[g] = textOf(event.get(this.fieldFor(g, source)));
    return group;
  }

  private valueOf(source: MatchSource, event: EventView): string | number | undefined {
    const fields = this.rule.valueFields;
    if (fields.length === 0) return undefined;
    if (this.rule.type === 'value_count') {
      const parts = fields.map((f) => textOf(event.get(this.fieldFor(f, source))));
      if (parts.every((p) => p === null)) return undefined;
      return parts.length === 1 ? (parts[0] ?? undefined) : JSON.stringify(parts);
    }
    return scalarNumber(event.get(this.fieldFor(fields[0] ?? '', source)));
  }
}

function textOf(v: FieldValue): string | null {
  if (v === undefined || v === null) return null;
  const s = scalarText(v);
  if (s !== undefined) return s;
  try {
    return JSON.stringify(v);
  } catch {
    return null;
  }
}
