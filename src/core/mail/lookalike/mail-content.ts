import { parse } from 'yaml';
import { z } from 'zod';
import { VigilError } from '../../../lib/errors.js';
import { err, ok, type Result } from '../../../lib/result.js';
import { type BrandConfig, brandSchema, domainNameSchema } from './config-schema.js';

/**
 * The data files of `content/mail/` that lookalike and URL analysis read. The core never reads files:
 * the caller reads these (paths relative to `content/mail/`) and hands the texts to `parseMailContent`.
 */
export const MAIL_CONTENT_FILES = {
  protectedBrands: 'protected-brands.yaml',
  /** The URL host lists: shorteners, user-content hosting, abused TLDs (key kept for existing loaders). */
  urlShorteners: 'url-hosts.yaml',
  confusables: 'confusables.yaml',
} as const;

/** The texts of the files in `MAIL_CONTENT_FILES`, by key. */
export type MailContentTexts = { readonly [K in keyof typeof MAIL_CONTENT_FILES]: string };

const protectedBrandsFileSchema = z.strictObject({ kind: z.literal('protected-brands'), brands: z.array(brandSchema).max(1_000) });
const urlHostsFileSchema = z.strictObject({
  kind: z.literal('url-hosts'),
  shorteners: z.array(domainNameSchema).max(10_000),
  /** Hosting where anyone can publish a page. */
  userContentHosts: z.array(z.string().min(1).max(253).regex(/^[\p{L}\p{N}._/-]+$/u, 'a host name, optionally with a path')).max(10_000).default([]),
  abusedTlds: z.array(z.string().min(2).max(63).regex(/^[\p{L}\p{N}-]+$/u, 'a top-level domain')).max(2_000).default([]),
});
const confusablesFileSchema = z.strictObject({
  kind: z.literal('confusables'),
  characters: z.record(z.string().min(1).max(2), z.string().min(1).max(4)),
  sequences: z.record(z.string().min(2).max(4), z.string().min(1).max(2)),
});

/** The parsed, validated data of `content/mail/`. */
export interface MailContent {
  readonly brands: readonly BrandConfig[];
  readonly urlShorteners: readonly string[];
  /** Hosts (optionally `host/path-prefix`) where anyone can publish a page. */
  readonly userContentHosts: readonly string[];
  /** Top-level domains where abuse dominates. */
  readonly abusedTlds: readonly string[];
  readonly confusables: { readonly characters: Readonly<Record<string, string>>; readonly sequences: Readonly<Record<string, string>> };
}

const MAX_FILE_CHARS = 1024 * 1024;

function parseFile<T>(file: string, text: string, schema: z.ZodType<T>): Result<T, VigilError> {
  if (text.length > MAX_FILE_CHARS) return err(new VigilError('INVALID_CONFIG', `${file} is larger than ${MAX_FILE_CHARS} characters`, { location: { file } }));
  let value: unknown;
  try {
    value = parse(text, { maxAliasCount: 10, uniqueKeys: true });
  } catch (cause) {
    return err(new VigilError('INVALID_CONFIG', `${file} is not valid YAML`, { cause, location: { file } }));
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : ` at ${issue.path.join('.') || '(top)'}: ${issue.message}`;
    return err(new VigilError('INVALID_CONFIG', `${file} is invalid${where}`, { cause: parsed.error, location: { file } }));
  }
  return ok(parsed.data);
}

/** Validates the texts of the mail content files. Never throws; the error names the file. */
export function parseMailContent(texts: MailContentTexts): Result<MailContent, VigilError> {
  const brands = parseFile(MAIL_CONTENT_FILES.protectedBrands, texts.protectedBrands, protectedBrandsFileSchema);
  if (!brands.ok) return brands;
  const shorteners = parseFile(MAIL_CONTENT_FILES.urlShorteners, texts.urlShorteners, urlHostsFileSchema);
  if (!shorteners.ok) return shorteners;
  const confusables = parseFile(MAIL_CONTENT_FILES.confusables, texts.confusables, confusablesFileSchema);
  if (!confusables.ok) return confusables;
  return ok({
    brands: brands.value.brands,
    urlShorteners: shorteners.value.shorteners,
    userContentHosts: shorteners.value.userContentHosts,
    abusedTlds: shorteners.value.abusedTlds,
    confusables: { characters: confusables.value.characters, sequences: confusables.value.sequences },
  });
}

/** No content at all (no default brands, shorteners or confusables): for tests and minimal setups. */
export const EMPTY_MAIL_CONTENT: MailContent = { brands: [], urlShorteners: [], userContentHosts: [], abusedTlds: [], confusables: { characters: {}, sequences: {} } };
