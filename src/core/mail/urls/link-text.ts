import { parse as parseDomain } from 'tldts';
import { FILE_EXTENSION_TLDS } from '../../intel/extract/scan-web.js';
import { asciiDomain } from '../protected-domains.js';

/**
 * The host a link's visible text shows, when the whole text reads as a URL or a domain
 * (`https://www.paypal.com/signin`, `www.paypal.com`, `paypal.com`); undefined for prose ("Click
 * here"), e-mail addresses and names without a known public suffix.
 */
export function hostShownIn(text: string): string | undefined {
  let t = text.trim();
  if (t.length < 4 || t.length > 500) return undefined;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) return undefined;
  }
  t = t.replace(/^[<([{"']+|[>)\]}"'.,;:!?]+$/g, '');
  const scheme = t.indexOf('://');
  if (scheme !== -1) {
    if (!/^https?$/i.test(t.slice(0, scheme))) return undefined;
    t = t.slice(scheme + 3);
  }
  let end = t.length;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '/' || c === '?' || c === '#' || c === ':' || c === '\\') {
      end = i;
      break;
    }
  }
  let host = t.slice(0, end);
  const at = host.lastIndexOf('@');
  if (at !== -1) {
    if (scheme === -1) return undefined;
    host = host.slice(at + 1);
  }
  if (!host.includes('.')) return undefined;
  const ascii = asciiDomain(host);
  if (ascii === '') return undefined;
  const p = parseDomain(ascii);
  if (p.isIp === true) return ascii;
  if (p.isIcann !== true || p.domain === null) return undefined;
  // `invoice.zip`, `clip.mov`: a file name more often than a domain, unless written as a URL
  if (scheme === -1 && ascii.split('.').length === 2 && FILE_EXTENSION_TLDS.has(p.publicSuffix ?? '')) return undefined;
  return ascii;
}
