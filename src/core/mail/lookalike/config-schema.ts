import { z } from 'zod';

/*
 * The configuration shapes of protected domains, with no dependency but zod, so `src/schema/config.ts`
 * can include the section without pulling in the analysers.
 */

/** A domain name as configured (Unicode or ASCII). */
export const domainNameSchema = z.string().min(1).max(253).regex(/^[\p{L}\p{N}._-]+$/u, 'a domain name');

/** One protected brand: what it owns, the tokens that imitate it, the phrases that name it. */
export const brandSchema = z.strictObject({
  name: z.string().min(1).max(100),
  /** Domains the brand owns; they and their subdomains are never flagged. */
  domains: z.array(domainNameSchema).max(1_000),
  /** Distinctive tokens compared with domain labels; default: the first labels of `domains`. */
  keywords: z.array(z.string().min(2).max(63).regex(/^[\p{L}\p{N}-]+$/u, 'a domain label')).max(100).optional(),
  /** Phrases that name the brand in text (display names); default: the name and the keywords. */
  names: z.array(z.string().min(2).max(100)).max(100).optional(),
  /** The brand owns `<keyword>.<ccTLD>` and `<keyword>.co(m).<ccTLD>`. */
  countryDomains: z.boolean().optional(),
});

/** A brand as configured (`z.infer` of `brandSchema`). */
export type BrandConfig = z.infer<typeof brandSchema>;

/**
 * The `protectedDomains` section of vigil.yml: the organisation's own domains and the brands its
 * users trust. The shipped brands (`content/mail/protected-brands.yaml`) apply unless
 * `defaultBrands` is false; a configured brand with the name of a shipped one replaces it.
 */
export const protectedDomainsConfigSchema = z.strictObject({
  /** The organisation's name as it appears in display names ("Acme Corp"). */
  organisation: z.string().min(1).max(100).optional(),
  /** The organisation's own registrable domains. */
  ownDomains: z.array(domainNameSchema).max(1_000).default([]),
  /** Further phrases that name the organisation in text. */
  ownNames: z.array(z.string().min(2).max(100)).max(100).default([]),
  brands: z.array(brandSchema).max(1_000).default([]),
  defaultBrands: z.boolean().default(true),
  /** Domains never flagged as lookalikes (partners whose names happen to look like a brand). */
  trustedDomains: z.array(domainNameSchema).max(10_000).default([]),
});

/** The section as parsed (defaults filled in). */
export type ProtectedDomainsConfig = z.infer<typeof protectedDomainsConfigSchema>;

