import type { EventView, MatchExplanation } from '../contract.js';
import type { SigmaError } from '../errors.js';
import { CorrelationState, type StateLimits } from './state.js';
import type { CorrelationMatch, CorrelationRule, MatchSource } from './types.js';

/** Options of the correlation engine. */
export interface CorrelationEngineOptions {
  /** The single-event rules correlations may reference (by id or name). */
  readonly rules: readonly MatchSource[];
  /** Groups kept per correlation before the least recently used is dropped (default 100,000). */
  readonly maxGroups?: number;
  /** Base matches kept per group window before the oldest is dropped (default 10,000). */
  readonly maxEventsPerGroup?: number;
  /** Contributions listed per correlation match (default 20: the earliest and latest halves). */
  readonly maxContributions?: number;
}

/**
 * Correlates base-rule matches over event time. Pure and deterministic: state changes only through
 * `push`, `advance` and `flush`, and time comes only from the events. Feed matches in event-time order.
 */
export interface CorrelationEngine {
  readonly correlations: readonly CorrelationRule[];
  /** Records a base-rule match; returns the correlation matches it completes, chained ones included. */
  push(rule: MatchSource, event: EventView, explanation?: MatchExplanation): CorrelationMatch[];
  /** Event time moved on without matches: closes windows that ended (decides lt/lte/eq/neq conditions). */
  advance(time: number): CorrelationMatch[];
  /** End of input: decides every open window. */
  flush(): CorrelationMatch[];
  /**
   * False for a rule or correlation whose own matches should not be reported: it is referenced by
   * a correlation and no referencing correlation sets `generate: true`.
   */
  reportsOwnMatches(idOrName: string): boolean;
  /** State size, for monitoring the memory bounds. */
  stats(): { readonly groups: number; readonly dropped: number };
}

type Node = { readonly kind: 'rule'; readonly key: string } | { readonly kind: 'correlation'; readonly index: number };

interface Route {
  readonly target: number;
  readonly positions: readonly number[];
}

/** Builds the engine, resolving references; correlations with unknown references or in a cycle are left out and reported. */
export function createCorrelationEngine(correlations: readonly CorrelationRule[], options: CorrelationEngineOptions): { engine: CorrelationEngine; errors: SigmaError[] } {
  const errors: SigmaError[] = [];
  const nodes = new Map<string, Node>();
  for (const r of options.rules) {
    nodes.set(r.meta.id, { kind: 'rule', key: r.meta.id });
    if (r.meta.name !== undefined) nodes.set(r.meta.name, { kind: 'rule', key: r.meta.id });
  }
  correlations.forEach((c, index) => {
    nodes.set(c.meta.id, { kind: 'correlation', index });
    if (c.meta.name !== undefined) nodes.set(c.meta.name, { kind: 'correlation', index });
  });

  const broken = new Set<number>();
  const fail = (index: number, message: string): void => {
    const c = correlations[index];
    broken.add(index);
    if (c !== undefined) errors.push({ code: 'SIGMA_UNKNOWN_REFERENCE', message, location: { file: c.meta.path }, rule: c.meta.id });
  };
  const routes = new Map<string, Route[]>();
  const referenced = new Map<string, boolean>(); // node key → some referrer generates
  const dependsOn: number[][] = correlations.map(() => []);
  correlations.forEach((c, index) => {
    const byKey = new Map<string, number[]>();
    c.rules.forEach((ref, position) => {
      const node = nodes.get(ref);
      if (node === undefined) {
        fail(index, `correlation '${c.meta.title}' references '${ref}', which is not a loaded rule or correlation`);
        return;
      }
      const key = node.kind === 'rule' ? node.key : `correlation:${node.index}`;
      if (node.kind === 'correlation') dependsOn[index]?.push(node.index);
      byKey.set(key, [...(byKey.get(key) ?? []), position]);
      referenced.set(key, (referenced.get(key) ?? false) || c.generate);
    });
    for (const [key, positions] of byKey) routes.set(key, [...(routes.get(key) ?? []), { target: index, positions }]);
  });
  markCycles(dependsOn, (index, path) => {
    fail(index, `correlation references form a cycle: ${path.map((i) => correlations[i]?.meta.title ?? i).join(' → ')}`);
  });
  // A correlation fed by a broken one is broken too.
  for (let changed = true; changed; ) {
    changed = false;
    dependsOn.forEach((deps, index) => {
      if (!broken.has(index) && deps.some((d) => broken.has(d))) {
        broken.add(index);
        changed = true;
      }
    });
  }

  const limits: StateLimits = { maxGroups: options.maxGroups ?? 100_000, maxEventsPerGroup: options.maxEventsPerGroup ?? 10_000, maxContributions: options.maxContributions ?? 20 };
  const states = correlations.map((c) => new CorrelationState(c, limits));
  const reportable = (index: number): boolean => referenced.get(`correlation:${index}`) ?? true;
  const indexOf = new Map(correlations.map((c, i) => [c, i]));

  /** Sends correlation matches on to the correlations that reference them; collects what is reported. */
  const chain = (matches: readonly CorrelationMatch[], out: CorrelationMatch[]): void => {
    for (const m of matches) {
      const index = indexOf.get(m.correlation) ?? -1;
      if (reportable(index)) out.push(m);
      deliver(`correlation:${index}`, m.correlation, chainedEvent(m), undefined, out);
    }
  };
  const deliver = (key: string, source: MatchSource, event: EventView, explanation: MatchExplanation | undefined, out: CorrelationMatch[]): void => {
    for (const route of routes.get(key) ?? []) {
      const state = states[route.target];
      if (state === undefined || broken.has(route.target)) continue;
      chain(state.push(source, route.positions, event, explanation), out);
    }
  };

  const engine: CorrelationEngine = {
    correlations: correlations.filter((_, i) => !broken.has(i)),
    push(rule, event, explanation) {
      const out: CorrelationMatch[] = [];
      deliver(rule.meta.id, rule, event, explanation, out);
      return out;
    },
    advance(time) {
      const out: CorrelationMatch[] = [];
      states.forEach((s, i) => {
        if (!broken.has(i)) chain(s.advance(time), out);
      });
      return out;
    },
    flush() {
      const out: CorrelationMatch[] = [];
      // In dependency order, so a chained correlation sees what flushing its sources produced.
      for (const i of topological(dependsOn)) {
        const s = states[i];
        if (s !== undefined && !broken.has(i)) chain(s.flush(), out);
      }
      return out;
    },
    reportsOwnMatches(idOrName) {
      const node = nodes.get(idOrName);
      if (node === undefined) return true;
      return referenced.get(node.kind === 'rule' ? node.key : `correlation:${node.index}`) ?? true;
    },
    stats: () => ({ groups: states.reduce((n, s) => n + s.groupCount, 0), dropped: states.reduce((n, s) => n + s.dropped, 0) }),
  };
  return { engine, errors };
}

/** A correlation match seen as an event by the correlations that chain on it: group values first, then the last event's fields. */
function chainedEvent(m: CorrelationMatch): EventView {
  return {
    get: (f) => (Object.hasOwn(m.group, f) ? m.group[f] : undefined),
    keywords: () => Object.values(m.group).filter((v): v is string => v !== null),
    time: m.lastTime,
  };
}

function markCycles(dependsOn: readonly (readonly number[])[], report: (index: number, path: number[]) => void): void {
  const state = new Array<0 | 1 | 2>(dependsOn.length).fill(0);
  const visit = (i: number, path: number[]): void => {
    if (state[i] === 2) return;
    if (state[i] === 1) {
      const cycle = path.slice(path.indexOf(i));
      for (const c of cycle) report(c, [...cycle, i]);
      return;
    }
    state[i] = 1;
    for (const d of dependsOn[i] ?? []) visit(d, [...path, i]);
    state[i] = 2;
  };
  dependsOn.forEach((_, i) => {
    visit(i, []);
  });
}

function topological(dependsOn: readonly (readonly number[])[]): number[] {
  const order: number[] = [];
  const seen = new Set<number>();
  const visit = (i: number): void => {
    if (seen.has(i)) return;
    seen.add(i);
    for (const d of dependsOn[i] ?? []) visit(d);
    order.push(i);
  };
  dependsOn.forEach((_, i) => {
    visit(i);
  });
  return order;
}
