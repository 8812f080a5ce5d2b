/** Test helper (no tests of its own): the shipped `content/mail/` files, read from disk. */
import { readFileSync } from 'node:fs';
import { MAIL_CONTENT_FILES, type MailContent, type MailContentTexts, parseMailContent } from './mail-content.js';
import { buildProtectedDomains, type ProtectedDomainsConfig, protectedDomainsConfigSchema, type ProtectedDomains } from '../protected-domains.js';

const CONTENT_DIR = new URL('../../../../content/mail/', import.meta.url);

/** The texts of the shipped `content/mail/` files. */
export function shippedContentTexts(): MailContentTexts {
  const read = (file: string): string => readFileSync(new URL(file, CONTENT_DIR), 'utf8');
  return { protectedBrands: read(MAIL_CONTENT_FILES.protectedBrands), urlShorteners: read(MAIL_CONTENT_FILES.urlShorteners), confusables: read(MAIL_CONTENT_FILES.confusables) };
}

/** The shipped content, parsed (throws when it is invalid: a test failure). */
export function shippedContent(): MailContent {
  const r = parseMailContent(shippedContentTexts());
  if (!r.ok) throw r.error;
  return r.value;
}

/** Protected domains from a config section (as in vigil.yml) and the shipped content. */
export function shippedProtectedDomains(section: unknown = {}): ProtectedDomains {
  const config: ProtectedDomainsConfig = protectedDomainsConfigSchema.parse(section);
  return buildProtectedDomains(config, shippedContent());
}
