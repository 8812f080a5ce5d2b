import type { Findings, Observable, ParsedMail, Reason } from '../contract.js';
import type { ProtectedDomains } from '../protected-domains.js';
import { checkDomainLookalike } from './check-domain.js';

/** The domain of an address (`local@domain`, `<local@domain>`), lower case; undefined without one. */
export function domainOfAddress(address: string): string | undefined {
  let s = address.trim();
  if (s.startsWith('<') && s.endsWith('>')) s = s.slice(1, -1).trim();
  const at = s.lastIndexOf('@');
  if (at === -1 || at === s.length - 1) return undefined;
  let d = s.slice(at + 1).toLowerCase();
  if (d.endsWith('>')) d = d.slice(0, -1);
  if (d.endsWith('.')) d = d.slice(0, -1);
  return d === '' || d.length > 253 ? undefined : d;
}

/**
 * Lookalike domains among the sender's addresses: From, Sender, Reply-To and Return-Path. Each
 * domain is checked once; its reasons point at the first header that carries it.
 */
export function analyzeSenderDomains(mail: ParsedMail, protectedDomains: ProtectedDomains): Findings {
  const addresses: { header: string; address: string }[] = [];
  if (mail.from !== undefined) addresses.push({ header: 'from', address: mail.from.address });
  if (mail.sender !== undefined) addresses.push({ header: 'sender', address: mail.sender.address });
  for (const r of mail.replyTo.slice(0, 20)) addresses.push({ header: 'reply-to', address: r.address });
  if (mail.returnPath !== undefined) addresses.push({ header: 'return-path', address: mail.returnPath });

  const reasons: Reason[] = [];
  const observables: Observable[] = [];
  const seen = new Set<string>();
  for (const { header, address } of addresses) {
    const domain = domainOfAddress(address);
    if (domain === undefined) continue;
    const check = checkDomainLookalike(domain, protectedDomains);
    const key = check.domain === '' ? domain : check.domain;
    if (seen.has(key)) continue;
    seen.add(key);
    if (check.domain !== '' && !check.isIp) observables.push({ type: 'domain', value: check.domain });
    for (const f of check.findings) {
      reasons.push({ code: f.code, weight: f.weight, summary: `${headerTitle(header)} domain: ${f.summary}`, source: { kind: 'header', name: header, value: address } });
    }
  }
  return { reasons, observables };
}

function headerTitle(header: string): string {
  switch (header) {
    case 'from':
      return 'From';
    case 'sender':
      return 'Sender';
    case 'reply-to':
      return 'Reply-To';
    default:
      return 'Return-Path';
  }
}
