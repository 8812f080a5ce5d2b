import { Resolver } from 'node:dns/promises';
import type { DnsResolver } from '../../core/mail/headers/index.js';

/**
 * A DNS resolver for live DKIM/SPF/DMARC checks that gives up after `timeoutMs` per query
 * and retries once, so an unresponsive server cannot stall a batch.
 */
export function createDnsResolver(timeoutMs = 3000): DnsResolver {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 2 });
  // mailauth expects the answers of dns.promises.resolve (MX as objects and all), so pass them through.
  return (name, rrtype) => resolver.resolve(name, rrtype) as Promise<string[][] | string[]>;
}
