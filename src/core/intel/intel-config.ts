import { z } from 'zod';

/** Feed formats `vigil intel pull` and `vigil intel import` read. */
export const FEED_FORMATS = ['vigil-csv', 'plain', 'urlhaus', 'threatfox', 'feodo', 'spamhaus-drop', 'misp-event', 'stix', 'taxii'] as const;
/** One feed format. */
export type FeedFormat = (typeof FEED_FORMATS)[number];

/**
 * Where a secret comes from: an environment variable or a file (a mounted secret). Secrets are
 * never written in the configuration itself.
 */
const secretSchema = z.union([z.strictObject({ env: z.string().min(1).max(256) }), z.strictObject({ file: z.string().min(1).max(4096) })]);
/** A secret reference. */
export type SecretRef = z.infer<typeof secretSchema>;

const authSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('bearer'), token: secretSchema }),
  z.strictObject({ type: z.literal('basic'), username: z.string().min(1).max(256), password: secretSchema }),
]);
/** HTTP authentication of a feed. */
export type FeedAuth = z.infer<typeof authSchema>;

const feedNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-", starting with a letter or digit');

/** One feed `vigil intel pull` reads: from a URL or a file, in a format, at most once per interval. */
export const feedConfigSchema = z
  .strictObject({
    name: feedNameSchema,
    url: z.url({ protocol: /^https?$/ }).max(4096).optional(),
    file: z.string().min(1).max(4096).optional(),
    format: z.enum(FEED_FORMATS),
    /** Minutes between pulls; a feed pulled more recently is skipped unless `--force`. */
    intervalMinutes: z.number().positive().max(366 * 24 * 60).default(60),
    auth: authSchema.optional(),
    /** Source name of the indicators (default: the feed name). */
    source: z.string().min(1).max(256).optional(),
    confidence: z.number().int().min(0).max(100).optional(),
    tlp: z.enum(['clear', 'white', 'green', 'amber', 'amber+strict', 'red']).optional(),
    /** Largest response or file accepted, in bytes. */
    maxBytes: z.number().int().positive().max(4 * 1024 * 1024 * 1024).default(256 * 1024 * 1024),
    /** Seconds a request may take from start to last byte. */
    timeoutSeconds: z.number().positive().max(3600).default(120),
    /** TAXII only: the collection to read (`url` is the discovery or API-root URL). */
    collection: z.string().min(1).max(256).optional(),
    /** TAXII only: bounds against servers that never end their pagination. */
    maxPages: z.number().int().positive().max(100_000).default(1000),
    maxObjects: z.number().int().positive().max(50_000_000).default(2_000_000),
  })
  .refine((f) => (f.url === undefined) !== (f.file === undefined), { error: 'a feed has exactly one of "url" and "file"' })
  .refine((f) => f.format !== 'taxii' || (f.url !== undefined && f.collection !== undefined), { error: 'a taxii feed needs "url" and "collection"' });
/** One configured feed. */
export type FeedConfig = z.infer<typeof feedConfigSchema>;

/**
 * MISP warninglists applied as known-good suppression: the default set covers addresses that are
 * never attackers (private, reserved, multicast and documentation ranges, public DNS resolvers),
 * the big providers' own names, empty-file and well-known false-positive hashes, sandbox domains and
 * role mailboxes; one list of each of the five types at least.
 */
export const DEFAULT_WARNINGLISTS = [
  'rfc1918',
  'rfc5735',
  'rfc6598',
  'rfc3849',
  'rfc6761',
  'multicast',
  'ipv6-linklocal',
  'public-dns-v4',
  'public-dns-v6',
  'public-dns-hostname',
  'google',
  'microsoft',
  'microsoft-office365',
  'crl-hostname',
  'tlds',
  'empty-hashes',
  'common-ioc-false-positive',
  'automated-malware-analysis',
  'common-contact-emails',
] as const;

/** The `intel:` section of the configuration. */
export const intelConfigSchema = z.strictObject({
  feeds: z.array(feedConfigSchema).max(1000).default([]),
  warninglists: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** Folder holding `lists/<name>/list.json` (default: the shared misp-warninglists checkout). */
      path: z.string().min(1).max(4096).optional(),
      lists: z.array(z.string().min(1).max(128)).max(1000).default([...DEFAULT_WARNINGLISTS]),
    })
    .prefault({}),
});
/** The `intel:` configuration. */
export type IntelConfig = z.infer<typeof intelConfigSchema>;
