import type { Reason } from '../contract.js';
import { headerReason } from './header-reasons.js';

/** Answers DNS questions the way `dns.promises.resolve(name, rrtype)` does; injected so tests stay offline. */
export type DnsResolver = (name: string, rrtype: string) => Promise<string[][] | string[]>;

export interface LiveAuthOptions {
  /** Required: the core never reaches the network by itself. */
  readonly resolver: DnsResolver;
  /** The connecting address of the first external hop (SPF is checked only when it is known). */
  readonly ip?: string;
  readonly helo?: string;
  /** MAIL FROM; defaults to the Return-Path header. */
  readonly sender?: string;
  /** The name the verification is recorded under. */
  readonly mta?: string;
}

/** What live verification found. */
export interface LiveAuthResult {
  readonly dkim: readonly { readonly domain: string; readonly result: string }[];
  readonly spf: string | undefined;
  readonly dmarc: string | undefined;
  readonly reasons: readonly Reason[];
}

/**
 * Verifies DKIM signatures, SPF (when the sending address is known) and DMARC now, with mailauth,
 * asking only the given resolver. Keys may have rotated since the message was sent, so a live
 * failure weighs less than a failure the receiving server recorded.
 */
export async function verifyLive(raw: Uint8Array, options: LiveAuthOptions): Promise<LiveAuthResult> {
  let outcome;
  try {
    // Loaded on first use: mailauth takes ~0.3 s to load, and most runs never verify live.
    const { authenticate } = await import('mailauth');
    outcome = await authenticate(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), {
      resolver: options.resolver,
      mta: options.mta ?? 'vigil',
      disableArc: true,
      disableBimi: true,
      ...(options.ip === undefined ? {} : { ip: options.ip }),
      ...(options.helo === undefined ? {} : { helo: options.helo }),
      ...(options.sender === undefined ? {} : { sender: options.sender }),
    });
  } catch (error) {
    const reason = headerReason('auth.live_error', `Live verification could not run: ${error instanceof Error ? error.message : String(error)}.`, 'dkim-signature');
    return { dkim: [], spf: undefined, dmarc: undefined, reasons: [reason] };
  }
  const reasons: Reason[] = [];
  const dkim = outcome.dkim.results.map((r) => ({ domain: r.signingDomain, result: r.status.result }));
  const signed = dkim.filter((d) => d.result !== 'none');
  if (signed.length > 0 && signed.every((d) => d.result === 'fail' || d.result === 'neutral' || d.result === 'permerror')) {
    reasons.push(headerReason('auth.live_dkim_fail', `DKIM verified now: no signature holds (${signed.map((d) => `${d.domain}=${d.result}`).join(', ')}).`, 'dkim-signature'));
  }
  const spf = outcome.spf === false ? undefined : outcome.spf.status.result;
  if (options.ip !== undefined && outcome.spf !== false && (spf === 'fail' || spf === 'softfail')) {
    reasons.push(headerReason('auth.live_spf_fail', `SPF checked now: ${outcome.spf.domain} does not allow ${options.ip} (${spf}).`, 'received', options.ip));
  }
  const dmarc = outcome.dmarc === false ? undefined : outcome.dmarc.status.result;
  if (outcome.dmarc !== false && dmarc === 'fail') {
    reasons.push(headerReason('auth.live_dmarc_fail', `DMARC checked now fails for ${outcome.dmarc.domain} (policy ${outcome.dmarc.policy || 'none'}).`, 'from'));
  } else if (outcome.dmarc !== false && dmarc === 'pass') {
    reasons.push(headerReason('auth.live_dmarc_pass', `DMARC checked now passes for ${outcome.dmarc.domain}.`, 'from'));
  }
  return { dkim, spf, dmarc, reasons };
}
