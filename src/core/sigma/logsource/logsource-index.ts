import type { SigmaLogsource } from '../contract.js';
import { type EventRoute, toEventId } from '../events/event-route.js';
import type { RoutedEventView } from '../events/mapped-view.js';
import type { LogsourceMappings } from './logsource-mappings.js';
import { resolveLogsource, type UnmappedReason } from './resolve-logsource.js';
import { type BucketEntry, RuleBucket } from './rule-bucket.js';

/** What the index needs of a rule: its logsource (a contract `CompiledRule` has it). */
export interface IndexableRule {
  readonly meta: { readonly logsource: SigmaLogsource };
  /** Exact values some fields must have (a compiled Sigma rule's); `EventID` narrows the rule's buckets. */
  readonly requiredValues?: Readonly<Record<string, readonly string[]>>;
}

/** A rule the index cannot place, with the reason (the linter lists these). */
export interface UnmappedRule<R> {
  readonly rule: R;
  readonly reason: UnmappedReason;
  readonly message: string;
}

/** Offers each event only the rules whose logsource can match it. */
export interface LogsourceIndex<R> {
  /** The rules for `event`, in load order; never the whole rule list unless every rule is product-wide. */
  candidates(event: RoutedEventView): readonly R[];
  /**
   * The stable bucket of rules for events routed like `event` (same object for every such event),
   * before field conditions: callers that cache per-bucket work (a literal prefilter) use
   * `bucket.rules`, then check `bucket.admits(rule, event)` for the rules they keep.
   */
  bucket(event: RoutedEventView): RuleBucket<R>;
  /** Rules whose logsource no mapping serves: never offered any event. */
  readonly unmapped: readonly UnmappedRule<R>[];
  /** Number of rules placed in the index. */
  readonly indexed: number;
}

interface ChannelBuckets<R> {
  /** Events whose id has no bucket of its own: the rules that need no particular id. */
  readonly all: RuleBucket<R>;
  /** Events without a readable id: every rule of the channel. */
  readonly noId: RuleBucket<R>;
  readonly byId: ReadonlyMap<number, RuleBucket<R>>;
}

/**
 * The event ids a rule needs (`EventID: 4624` in every branch of its condition), or undefined. A rule
 * can only match an event whose `EventID` reads as one of them, and such an event's route has that id:
 * the format reads both from the same place, and each value is parsed as the route parses it.
 */
function requiredEventIds(rule: IndexableRule): number[] | undefined {
  const values = rule.requiredValues?.EventID;
  if (values === undefined || values.length === 0) return undefined;
  const ids = values.map(toEventId);
  return ids.every((id) => id >= 0) ? ids : undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * Builds the dispatch index of `rules`: per channel (and event id) and per syslog dataset and program,
 * the rule list is computed once, so that routing an event costs two or three Map lookups.
 */
export function buildLogsourceIndex<R extends IndexableRule>(rules: readonly R[], mappings: LogsourceMappings): LogsourceIndex<R> {
  const unmapped: UnmappedRule<R>[] = [];
  const productWide = new Map<string, BucketEntry<R>[]>();
  const channelWide = new Map<string, BucketEntry<R>[]>();
  const channelById = new Map<string, Map<number, BucketEntry<R>[]>>();
  const serviceRules = new Map<string, BucketEntry<R>[]>(); // key: product + '\0' + service

  rules.forEach((rule, order) => {
    const resolved = resolveLogsource(rule.meta.logsource, mappings);
    if (!resolved.ok) {
      unmapped.push({ rule, reason: resolved.error.reason, message: resolved.error.message });
      return;
    }
    for (const target of resolved.value.targets) {
      switch (target.kind) {
        case 'channel': {
          const entry = { order, rule, where: target.where };
          const channel = target.channel.toLowerCase();
          if (target.eventIds === undefined) push(channelWide, channel, entry);
          else {
            let byId = channelById.get(channel);
            if (byId === undefined) channelById.set(channel, (byId = new Map<number, BucketEntry<R>[]>()));
            for (const id of target.eventIds) push(byId, id, entry);
          }
          break;
        }
        case 'service':
          push(serviceRules, `${target.product}\0${target.service}`, { order, rule, where: undefined });
          break;
        case 'product':
          push(productWide, target.product, { order, rule, where: undefined });
          break;
        default: {
          const unreachable: never = target;
          return unreachable;
        }
      }
    }
  });

  // Channel events: every channel a mapping or a rule names gets its buckets; others fall to the default product.
  const channels = new Map<string, ChannelBuckets<R>>();
  const channelKeys = new Set([...mappings.channelProducts.keys(), ...channelWide.keys(), ...channelById.keys()]);
  for (const key of channelKeys) {
    const product = mappings.channelProducts.get(key) ?? mappings.defaultChannelProduct;
    const base = [...(product === undefined ? [] : (productWide.get(product) ?? [])), ...(channelWide.get(key) ?? [])];
    // Channel-wide rules that need particular event ids (SigmaHQ's `service: security` rules) join only those ids' buckets.
    const open: BucketEntry<R>[] = [];
    const needing = new Map<number, BucketEntry<R>[]>();
    for (const entry of base) {
      const ids = requiredEventIds(entry.rule);
      if (ids === undefined) open.push(entry);
      else for (const id of ids) push(needing, id, entry);
    }
    const mapped = channelById.get(key) ?? new Map<number, BucketEntry<R>[]>();
    const byId = new Map<number, RuleBucket<R>>();
    for (const id of new Set([...mapped.keys(), ...needing.keys()])) byId.set(id, new RuleBucket([...open, ...(mapped.get(id) ?? []), ...(needing.get(id) ?? [])]));
    channels.set(key, { all: new RuleBucket(open), noId: new RuleBucket(base), byId });
  }
  // Exact spellings from the mappings too, so the usual event needs no toLowerCase.
  for (const mapping of mappings.products.values()) {
    for (const list of mapping.channelServices.values()) {
      for (const channel of list) {
        const buckets = channels.get(channel.toLowerCase());
        if (buckets !== undefined) channels.set(channel, buckets);
      }
    }
  }
  const defaultProduct = mappings.defaultChannelProduct;
  const unknownChannel = new RuleBucket(defaultProduct === undefined ? [] : (productWide.get(defaultProduct) ?? []));

  // Syslog events: one bucket per (dataset, program) pair the mappings can tell apart; other programs share ''.
  const datasets = new Map<string, Map<string, RuleBucket<R>>>();
  for (const mapping of mappings.products.values()) {
    const programs = new Set<string>(['']);
    for (const service of mapping.syslogServices.values()) for (const name of service.appnames ?? []) programs.add(name);
    for (const dataset of mapping.datasets) {
      const byProgram = new Map<string, RuleBucket<R>>();
      for (const program of programs) {
        const entries = [...(productWide.get(mapping.product) ?? [])];
        for (const [name, service] of mapping.syslogServices) {
          const datasetHolds = service.datasets === undefined || service.datasets.has(dataset);
          const programHolds = service.appnames === undefined || service.appnames.has(program);
          if (datasetHolds && programHolds) entries.push(...(serviceRules.get(`${mapping.product}\0${name}`) ?? []));
        }
        byProgram.set(program, new RuleBucket(entries));
      }
      datasets.set(dataset, byProgram);
    }
  }
  const none = new RuleBucket<R>([]);

  const bucketFor = (route: EventRoute): RuleBucket<R> => {
    if (route.kind === 'channel') {
      const buckets = channels.get(route.channel) ?? channels.get(route.channel.toLowerCase());
      if (buckets === undefined) return unknownChannel;
      return buckets.byId.get(route.eventId) ?? (route.eventId < 0 ? buckets.noId : buckets.all);
    }
    const byProgram = datasets.get(route.dataset);
    if (byProgram === undefined) return none;
    return byProgram.get(route.appname) ?? byProgram.get('') ?? none;
  };

  return {
    candidates: (event: RoutedEventView) => bucketFor(event.route).candidates(event),
    bucket: (event: RoutedEventView) => bucketFor(event.route),
    unmapped,
    indexed: rules.length - unmapped.length,
  };
}
