import type { ParsedMail, Reason } from '../contract.js';
import { methodResult, parseAuthResults, type AuthResults } from './authentication-results.js';
import { isFreemail, registrableDomain } from './domains.js';
import { headerReason } from './header-reasons.js';

/** The results the receiving server recorded, and which header they came from. */
export interface RecordedAuth {
  readonly header: 'authentication-results' | 'arc-authentication-results';
  readonly raw: string;
  readonly results: AuthResults;
}

const MAX_MERGED = 20;
const HAS_METHOD = /(?:^|[\s;])(?:spf|dkim|dmarc|compauth)\s*=/i;

/**
 * The authentication results to trust: the topmost Authentication-Results header that records a
 * method (added by the last receiving server; lower ones can be forged by the sender), else the
 * ARC-Authentication-Results with the highest instance.
 */
export function recordedAuth(headers: ParsedMail['headers']): RecordedAuth | undefined {
  const ar = headers.find((h) => h.name === 'authentication-results' && HAS_METHOD.test(h.value));
  if (ar !== undefined) {
    const top = parseAuthResults(ar.value);
    // Some servers (Gmail, Proton) write one header per method: merge those of the same server.
    if (top.authservId === undefined) return { header: 'authentication-results', raw: ar.value, results: top };
    const same = headers
      .filter((h) => h.name === 'authentication-results')
      .slice(0, MAX_MERGED)
      .map((h) => ({ raw: h.value, parsed: parseAuthResults(h.value) }))
      .filter((h) => h.parsed.authservId === top.authservId);
    return {
      header: 'authentication-results',
      raw: same.map((h) => h.raw).join(' | '),
      results: { authservId: top.authservId, instance: undefined, results: same.flatMap((h) => h.parsed.results) },
    };
  }
  let best: RecordedAuth | undefined;
  for (const h of headers) {
    if (h.name !== 'arc-authentication-results') continue;
    const results = parseAuthResults(h.value);
    if (best === undefined || (results.instance ?? 0) > (best.results.instance ?? 0)) best = { header: 'arc-authentication-results', raw: h.value, results };
  }
  return best;
}

/** Free cloud tenants' signing domains (`<tenant>.onmicrosoft.com`). */
const TENANT_SIGNER = /\.onmicrosoft\.com$/i;

/**
 * The tenant domain that signed the message when every passing DKIM signature comes from a free
 * Microsoft 365 tenant and the From address is elsewhere (an organisation signs with its own domain).
 */
function tenantSignature(results: AuthResults, fromDomain: string | undefined): string | undefined {
  if (fromDomain === undefined || fromDomain.endsWith('onmicrosoft.com')) return undefined;
  const signers = results.results.filter((r) => r.method === 'dkim' && r.result === 'pass').map((r) => r.properties['header.d'] ?? '');
  return signers.length > 0 && signers.every((d) => TENANT_SIGNER.test(d)) ? signers[0] : undefined;
}

/** Reasons from SPF, DKIM, DMARC and compauth as the receiving server recorded them. */
export function checkRecordedAuth(mail: ParsedMail, auth: RecordedAuth | undefined): Reason[] {
  if (auth === undefined) return [];
  const reasons: Reason[] = [];
  const where = auth.header;
  const spf = methodResult(auth.results, 'spf');
  if (spf?.result === 'fail') reasons.push(headerReason('auth.spf_fail', `SPF failed: ${spf.properties['smtp.mailfrom'] ?? 'the sending domain'} does not allow the server that sent it.`, where, auth.raw));
  else if (spf?.result === 'softfail') reasons.push(headerReason('auth.spf_softfail', `SPF soft-failed for ${spf.properties['smtp.mailfrom'] ?? 'the sending domain'}.`, where, auth.raw));
  else if (spf?.result === 'none') reasons.push(headerReason('auth.spf_none', `${spf.properties['smtp.mailfrom'] ?? 'The sending domain'} publishes no SPF record.`, where, auth.raw));
  const dkims = auth.results.results.filter((r) => r.method === 'dkim');
  if (dkims.length > 0 && dkims.every((d) => d.result === 'fail')) {
    reasons.push(headerReason('auth.dkim_fail', `The DKIM signature${dkims.length > 1 ? 's' : ''} did not verify (${dkims.map((d) => d.properties['header.d'] ?? d.properties['header.i'] ?? '?').join(', ')}).`, where, auth.raw));
  }
  const dmarc = methodResult(auth.results, 'dmarc');
  const fromDomain = mail.from === undefined ? undefined : registrableDomain(mail.from.address);
  const dmarcDomain = dmarc?.properties['header.from'];
  if (dmarc?.result === 'fail') {
    reasons.push(headerReason('auth.dmarc_fail', `DMARC failed for ${dmarcDomain ?? 'the From domain'}: the From address is not backed by an aligned SPF or DKIM pass.`, where, auth.raw));
  } else if (dmarc?.result === 'none') {
    reasons.push(headerReason('auth.dmarc_none', `${dmarcDomain ?? 'The From domain'} publishes no DMARC policy, so anyone can send in its name.`, where, auth.raw));
  } else if (dmarc?.result === 'permerror' || dmarc?.result === 'temperror') {
    reasons.push(headerReason('auth.dmarc_error', `DMARC could not be evaluated for ${dmarcDomain ?? 'the From domain'} (${dmarc.result}).`, where, auth.raw));
  } else if (dmarc?.result === 'pass' && fromDomain !== undefined && !isFreemail(fromDomain) && dmarcDomain !== undefined && registrableDomain(dmarcDomain) === fromDomain) {
    // (At a free mailbox provider a DMARC pass only says someone has an account there.)
    reasons.push(headerReason('auth.dmarc_pass', `DMARC passed for ${dmarcDomain}: the From domain really sent it (which says nothing about whether that domain is honest).`, where, auth.raw));
  }
  const tenant = tenantSignature(auth.results, fromDomain);
  if (tenant !== undefined) {
    reasons.push(headerReason('auth.tenant_signature', `The only valid DKIM signature is by ${tenant}, a Microsoft 365 tenant domain anyone can open, not by the From domain ${fromDomain ?? ''}: the domain in From does not vouch for the service that sent it.`, where, auth.raw));
  }
  const compauth = methodResult(auth.results, 'compauth');
  if (compauth?.result === 'fail') {
    reasons.push(headerReason('auth.compauth_fail', `The receiving server's composite authentication failed (reason ${compauth.properties['reason'] ?? 'not given'}).`, where, auth.raw));
  }
  return reasons;
}
