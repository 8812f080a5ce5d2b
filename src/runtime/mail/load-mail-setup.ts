import { readFile } from 'node:fs/promises';
import type { MessageAnalysers } from '../../core/mail/analyze-message.js';
import { analyzeAttachments } from '../../core/mail/attachments/index.js';
import { classifyMail, loadShippedMailModel, type MailModel } from '../../core/mail/classifier/index.js';
import type { MailLookups } from '../../core/mail/contract.js';
import { analyzeSenderDomains } from '../../core/mail/lookalike/index.js';
import { analyzeUrls } from '../../core/mail/urls/index.js';
import {
  buildProtectedDomains,
  MAIL_CONTENT_FILES,
  parseMailContent,
  protectedDomainsConfigSchema,
  type ProtectedDomains,
} from '../../core/mail/protected-domains.js';
import { VigilError } from '../../lib/errors.js';

/** Everything a batch needs to analyse messages, loaded once. */
export interface MailSetup {
  readonly protectedDomains: ProtectedDomains;
  readonly analysers: MessageAnalysers;
  readonly lookups: MailLookups | undefined;
}

export interface MailSetupOptions {
  /** The `protectedDomains` section of the configuration, as written (validated here). */
  readonly protectedDomainsSection?: unknown;
  /** A model to use instead of the shipped one; `false` runs without the classifier. */
  readonly model?: MailModel | false;
  readonly lookups?: MailLookups;
}

// dist/runtime/mail/ → the package root.
const CONTENT_DIR = new URL('../../../content/mail/', import.meta.url);

/** Reads and checks the shipped `content/mail/` files (brands, URL shorteners, confusables). */
export async function loadMailContent() {
  const read = (file: string): Promise<string> => readFile(new URL(file, CONTENT_DIR), 'utf8');
  const [protectedBrands, urlShorteners, confusables] = await Promise.all([
    read(MAIL_CONTENT_FILES.protectedBrands),
    read(MAIL_CONTENT_FILES.urlShorteners),
    read(MAIL_CONTENT_FILES.confusables),
  ]);
  const content = parseMailContent({ protectedBrands, urlShorteners, confusables });
  if (!content.ok) throw content.error;
  return content.value;
}

/**
 * Loads protected domains (shipped brands plus configuration), the classifier and binds every
 * analyser of the other mail parts, so `analyzeMessage` gets them as plain functions.
 */
export async function loadMailSetup(options: MailSetupOptions = {}): Promise<MailSetup> {
  const section = protectedDomainsConfigSchema.safeParse(options.protectedDomainsSection ?? {});
  if (!section.success) {
    throw new VigilError('INVALID_CONFIG', `protectedDomains: ${section.error.issues.map((i) => `${i.path.join('.') || '(section)'}: ${i.message}`).join('; ')}`);
  }
  const protectedDomains = buildProtectedDomains(section.data, await loadMailContent());
  const model = options.model === undefined ? loadShippedMailModel() : options.model;
  const analysers: MessageAnalysers = {
    attachments: (mail, lookups) => analyzeAttachments(mail, lookups),
    senderDomains: (mail) => analyzeSenderDomains(mail, protectedDomains),
    ...urlAnalyser(protectedDomains, options.lookups),
    ...(model === false ? {} : { classify: (mail) => classifyMail(model, mail) }),
  };
  return { protectedDomains, analysers, lookups: options.lookups };
}

/** URL analysis (part D), bound to the protected domains. */
function urlAnalyser(protectedDomains: ProtectedDomains, lookups: MailLookups | undefined): Pick<MessageAnalysers, 'urls'> {
  const options = lookups === undefined ? { protectedDomains } : { protectedDomains, lookups };
  return { urls: (mail, extraUrls) => analyzeUrls(mail, extraUrls, options) };
}
