import { getPublicSuffix } from 'tldts';

/**
 * True when a domain is itself a public suffix of the ICANN section of the Public Suffix List
 * (`com`, `co.uk`, `gov.br` …). Such a name is never matched by suffix: a feed or warninglist entry
 * `co.uk` would otherwise cover every British company. Private-section suffixes (`github.io`,
 * `duckdns.org`) are registrable by their operators and stay matchable.
 */
export function isPublicSuffix(domain: string): boolean {
  return getPublicSuffix(domain, { allowPrivateDomains: false }) === domain;
}
