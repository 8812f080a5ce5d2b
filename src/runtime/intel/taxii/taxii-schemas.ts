import { z } from 'zod';

/** The TAXII 2.1 media type (section 1.6.8.1); servers answer with it, clients ask for it. */
export const TAXII_MEDIA_TYPE = 'application/taxii+json';
/** `Accept` header of every request. */
export const TAXII_ACCEPT = 'application/taxii+json;version=2.1';

/** Discovery resource (section 4.1.1). */
export const discoverySchema = z.object({
  title: z.string().max(4096),
  description: z.string().max(65_536).optional(),
  default: z.string().max(4096).optional(),
  api_roots: z.array(z.string().max(4096)).max(1000).optional(),
});
/** A discovery resource. */
export type TaxiiDiscovery = z.infer<typeof discoverySchema>;

/** API root resource (section 4.2.1). */
export const apiRootSchema = z.object({
  title: z.string().max(4096),
  versions: z.array(z.string().max(256)).max(100),
  max_content_length: z.number().int().nonnegative(),
});
/** An API root resource. */
export type TaxiiApiRoot = z.infer<typeof apiRootSchema>;

/** Collection resource (section 5.2.1). */
export const collectionSchema = z.object({
  id: z.string().min(1).max(256),
  title: z.string().max(4096),
  can_read: z.boolean(),
  can_write: z.boolean(),
  media_types: z.array(z.string().max(256)).max(100).optional(),
});
/** A collection. */
export type TaxiiCollection = z.infer<typeof collectionSchema>;

/** Collections resource (section 5.1.1): `collections` is absent when there are none. */
export const collectionsSchema = z.object({ collections: z.array(collectionSchema).max(100_000).optional() });

/** Envelope of the objects endpoint (section 3.7). */
export const envelopeSchema = z.object({
  more: z.boolean().optional(),
  next: z.string().max(4096).optional(),
  objects: z.array(z.unknown()).optional(),
});
/** An envelope. */
export type TaxiiEnvelope = z.infer<typeof envelopeSchema>;

/** Error message resource (section 3.6.1). */
export const taxiiErrorSchema = z.object({ title: z.string().max(4096), description: z.string().max(65_536).optional() });
