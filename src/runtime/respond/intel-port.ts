import { ActionFailure } from '../../core/respond/action.js';
import { buildIndicator, detectIndicatorType, type IndicatorType as StoredType } from '../../core/intel/index.js';
import type { IndicatorStore } from '../intel/indicator-store.js';
import type { StoreLookup } from '../intel/store-lookup.js';
import type { IntelMatch, IntelPort } from '../playbook/index.js';

type PortType = IntelMatch['type'];

/** The stored type of a value the playbook calls `ip` or `hash` (the store keeps the precise one). */
function storedTypeOf(type: PortType, value: string): StoredType | undefined {
  if (type !== 'ip' && type !== 'hash') return type;
  const detected = detectIndicatorType(value);
  if (type === 'ip') return detected === 'ipv4' || detected === 'ipv6' ? detected : undefined;
  return detected === 'md5' || detected === 'sha1' || detected === 'sha256' || detected === 'sha512' ? detected : undefined;
}

function portTypeOf(type: StoredType): PortType {
  switch (type) {
    case 'ipv4':
    case 'ipv6':
      return 'ip';
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'sha512':
      return 'hash';
    case 'cidr':
    case 'domain':
    case 'email':
    case 'url':
      return type;
  }
}

/**
 * Playbooks' intel actions over the indicator store: lookups in a snapshot of its active indicators
 * (exact values, enclosing CIDR blocks, parent domains; known-good values never match), and new
 * indicators written to the store (the snapshot is refreshed so later steps see them).
 */
export function createIntelPort(store: IndicatorStore, lookup: StoreLookup, now: () => number): IntelPort {
  return {
    lookup(type, value) {
      const matches = lookup.lookupIndicator(type === 'hash' ? 'hash' : type, value, now());
      return Promise.resolve(
        matches.map((m) => ({
          type: portTypeOf(m.indicator.type),
          value: m.indicator.value,
          source: m.indicator.source,
          confidence: m.indicator.confidence ?? 50,
          tags: m.indicator.labels,
        })),
      );
    },
    async addIndicator(indicator) {
      const type = storedTypeOf(indicator.type, indicator.value);
      if (type === undefined) throw new ActionFailure(`not a valid ${indicator.type}: ${indicator.value.slice(0, 200)}`, { retryable: false });
      const at = now();
      const expires = indicator.expiresAt === undefined ? undefined : Date.parse(indicator.expiresAt);
      const built = buildIndicator(type, indicator.value, {
        source: indicator.source,
        confidence: indicator.confidence,
        labels: [...indicator.tags],
        firstSeen: at,
        lastSeen: at,
        revoked: false,
        ...(expires === undefined || Number.isNaN(expires) ? {} : { validUntil: expires }),
      });
      if (!built.ok) throw new ActionFailure(`not a valid ${indicator.type}: ${built.error.message}`, { retryable: false });
      const result = await store.putIndicators([built.value]);
      await lookup.refresh(at);
      return { added: result.inserted > 0 };
    },
  };
}
