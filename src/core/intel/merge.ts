import type { Indicator } from './indicator.js';

/** The identity of an indicator in a store: the same value from the same source is one indicator. */
export function indicatorKey(i: Pick<Indicator, 'type' | 'value' | 'source'>): string {
  return `${i.type}\u0000${i.value}\u0000${i.source}`;
}

/**
 * What a re-import of an indicator makes of the stored one: the newer import decides confidence,
 * TLP, validity, revocation and description (a feed that revokes or extends an indicator is obeyed);
 * first/last seen widen to cover both; labels are the union. `incoming` must have the same key.
 */
export function mergeIndicator(stored: Indicator, incoming: Indicator): Indicator {
  const labels = [...new Set([...stored.labels, ...incoming.labels])].slice(0, 256);
  const out: Indicator = { ...stored, ...incoming, labels };
  const firstSeen = minDefined(stored.firstSeen, incoming.firstSeen);
  const lastSeen = maxDefined(stored.lastSeen, incoming.lastSeen);
  if (firstSeen !== undefined) out.firstSeen = firstSeen;
  if (lastSeen !== undefined) out.lastSeen = lastSeen;
  return out;
}

/** Merges a batch: one indicator per key, in first-seen order. */
export function mergeIndicators(batch: readonly Indicator[]): Indicator[] {
  const byKey = new Map<string, Indicator>();
  for (const i of batch) {
    const k = indicatorKey(i);
    const prev = byKey.get(k);
    byKey.set(k, prev === undefined ? i : mergeIndicator(prev, i));
  }
  return [...byKey.values()];
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}
