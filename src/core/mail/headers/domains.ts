import { getDomain } from 'tldts';

/** The registrable domain (public-suffix list) of an address or host, lower-cased; undefined when none. */
export function registrableDomain(addressOrHost: string): string | undefined {
  const at = addressOrHost.lastIndexOf('@');
  const host = (at >= 0 ? addressOrHost.slice(at + 1) : addressOrHost).trim().replace(/\.$/, '').toLowerCase();
  if (host === '') return undefined;
  return getDomain(host, { allowPrivateDomains: false }) ?? undefined;
}

/** The host part of an address, lower-cased. */
export function addressDomain(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  if (at < 0) return undefined;
  const host = address.slice(at + 1).trim().replace(/\.$/, '').toLowerCase();
  return host === '' ? undefined : host;
}

/** Free mailbox providers: anyone can get an address there, so a brand or a company never writes from one. */
export const FREEMAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'ymail.com', 'aol.com',
  'icloud.com', 'me.com', 'mail.com', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 'proton.me', 'protonmail.com', 'zoho.com',
  'yandex.com', 'yandex.ru', 'mail.ru', 'qq.com', '163.com', '126.com', 'tutanota.com', 'hushmail.com', 'inbox.com',
]);

/** True when the registrable domain is a free mailbox provider (country variants of the big ones included). */
export function isFreemail(registrable: string): boolean {
  return FREEMAIL_DOMAINS.has(registrable) || /^(?:hotmail|outlook|yahoo|live|gmail)\.[a-z.]{2,6}$/.test(registrable);
}
