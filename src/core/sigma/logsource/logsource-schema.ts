import { z } from 'zod';

/** Sigma logsource names are lower-case words with `_`, `.`, `-` (specification §logsource). */
const sigmaName = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,127}$/, 'a lower-case Sigma name such as process_creation');
const channel = z.string().min(1).max(256);
const eventId = z.number().int().min(0).max(0xffffffff);

/** One source of a category: a service's channels, optionally only some event ids and field values. */
const categorySource = z.strictObject({
  service: sigmaName,
  eventIds: z.array(eventId).min(1).optional(),
  /** Field → accepted values (case-insensitive), all fields must hold: Sysmon 12's EventType. */
  where: z.record(z.string().min(1).max(256), z.array(z.union([z.string(), z.number()])).min(1)).optional(),
});

/** `kind: channel-logsources`: a product's services as event log channels, its categories as channel + ids. */
export const channelLogsourcesFileSchema = z.strictObject({
  kind: z.literal('channel-logsources'),
  product: sigmaName,
  /** Channel events whose channel no mapping names belong to this product (one file may say so). */
  default: z.boolean().optional(),
  services: z.record(sigmaName, z.array(channel).min(1)),
  categories: z.record(sigmaName, z.array(categorySource).min(1)).optional(),
  /** Categories rules may name without a product (SigmaHQ's `category: antivirus`). */
  categoriesWithoutProduct: z.array(sigmaName).optional(),
});

/** A validated `kind: channel-logsources` file. */
export type ChannelLogsourcesFile = z.infer<typeof channelLogsourcesFileSchema>;

const names = z.array(z.string().min(1).max(256)).min(1);

/** `kind: service-logsources`: a product's services as conditions on Vigil's syslog events. */
export const serviceLogsourcesFileSchema = z.strictObject({
  kind: z.literal('service-logsources'),
  product: sigmaName,
  /** Events with these `event.dataset` values belong to the product. */
  datasets: names,
  /** A service holds for an event when each of its lists (if given) contains the event's value. */
  services: z.record(sigmaName, z.strictObject({ datasets: names.optional(), appnames: names.optional() })),
});

/** A validated `kind: service-logsources` file. */
export type ServiceLogsourcesFile = z.infer<typeof serviceLogsourcesFileSchema>;
