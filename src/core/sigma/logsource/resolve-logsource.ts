import { err, ok, type Result } from '../../../lib/result.js';
import type { SigmaLogsource } from '../contract.js';
import type { FieldCondition, LogsourceMappings } from './logsource-mappings.js';

/** One kind of event a rule's logsource accepts. */
export type LogsourceTarget =
  /** Events of a channel; all of its ids when `eventIds` is undefined; `where` further narrows. */
  | { readonly kind: 'channel'; readonly channel: string; readonly eventIds: readonly number[] | undefined; readonly where: FieldCondition | undefined }
  /** Syslog-style events of a product's service. */
  | { readonly kind: 'service'; readonly product: string; readonly service: string }
  /** Every event of a product (a logsource with a product only). */
  | { readonly kind: 'product'; readonly product: string };

/** What a logsource resolved to. */
export interface ResolvedLogsource {
  readonly product: string;
  readonly targets: readonly LogsourceTarget[];
}

/** Why a logsource cannot be served. Stable identifiers for the linter. */
export type UnmappedReason = 'no_product' | 'unknown_product' | 'unknown_category' | 'unknown_service' | 'no_overlap';

/** A logsource no mapping can serve, with a sentence for people. */
export interface UnmappedLogsource {
  readonly reason: UnmappedReason;
  readonly message: string;
}

function unmapped(reason: UnmappedReason, message: string): { ok: false; error: UnmappedLogsource } {
  return err({ reason, message });
}

const lower = (name: string | undefined): string | undefined => (name === undefined || name === '' ? undefined : name.toLowerCase());

/**
 * Resolves a rule's logsource through the mappings. `category` selects the category's sources,
 * `service` the service's channels or syslog condition; with both, the category's sources on the
 * service's channels. `definition` is free text and plays no part.
 */
export function resolveLogsource(logsource: SigmaLogsource, mappings: LogsourceMappings): Result<ResolvedLogsource, UnmappedLogsource> {
  const category = lower(logsource.category);
  const service = lower(logsource.service);
  const product = lower(logsource.product) ?? (category === undefined ? undefined : mappings.categoriesWithoutProduct.get(category));
  if (product === undefined) {
    return unmapped('no_product', category === undefined ? 'the logsource names no product' : `category ${category} without a product is not mapped`);
  }
  const mapping = mappings.products.get(product);
  if (mapping === undefined) return unmapped('unknown_product', `no mapping serves product ${product}`);

  if (category !== undefined) {
    const sources = mapping.categories.get(category);
    if (sources === undefined) return unmapped('unknown_category', `no mapping serves category ${category} of product ${product}`);
    let allowed: ReadonlySet<string> | undefined;
    if (service !== undefined) {
      const channels = mapping.channelServices.get(service);
      if (channels === undefined) {
        return mapping.syslogServices.has(service)
          ? unmapped('no_overlap', `category ${category} and service ${service} of ${product} share no events`)
          : unmapped('unknown_service', `no mapping serves service ${service} of product ${product}`);
      }
      allowed = new Set(channels.map((c) => c.toLowerCase()));
    }
    const targets: LogsourceTarget[] = [];
    for (const source of sources) {
      for (const channel of source.channels) {
        if (allowed !== undefined && !allowed.has(channel.toLowerCase())) continue;
        targets.push({ kind: 'channel', channel, eventIds: source.eventIds, where: source.where });
      }
    }
    if (targets.length === 0) return unmapped('no_overlap', `category ${category} has no events on the channels of service ${service ?? ''}`);
    return ok({ product, targets });
  }

  if (service !== undefined) {
    const channels = mapping.channelServices.get(service);
    if (channels !== undefined) return ok({ product, targets: channels.map((channel) => ({ kind: 'channel', channel, eventIds: undefined, where: undefined })) });
    if (mapping.syslogServices.has(service)) return ok({ product, targets: [{ kind: 'service', product, service }] });
    return unmapped('unknown_service', `no mapping serves service ${service} of product ${product}`);
  }
  return ok({ product, targets: [{ kind: 'product', product }] });
}
