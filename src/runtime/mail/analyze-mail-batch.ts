import { createHash } from 'node:crypto';
import { analyzeMessage, type MessageAnalysis } from '../../core/mail/analyze-message.js';
import type { ParsedMail, Reason } from '../../core/mail/contract.js';
import { verifyLive, type DnsResolver } from '../../core/mail/headers/index.js';
import { parseProblem } from '../../components/mail/parse-problems.js';
import { parseEml } from '../../components/mail/parse-eml.js';
import { resolveParseLimits, type ParseLimits } from '../../components/mail/parse-limits.js';
import { parseMsg } from '../../components/mail/parse-msg.js';
import type { Verdict } from '../../core/mail/verdict.js';
import type { Alert } from '../../schema/alert.js';
import type { VigilError } from '../../lib/errors.js';
import type { HeaderContext } from '../../core/mail/headers/index.js';
import { mailAlert } from './mail-alert.js';
import { readMailInputs } from './mail-inputs.js';
import type { MailSetup } from './load-mail-setup.js';

/** One analysed message. */
export interface MailResult {
  readonly label: string;
  readonly mail: ParsedMail;
  readonly analysis: MessageAnalysis;
  readonly sha256: string;
  readonly alert: Alert | undefined;
  readonly durationMs: number;
}

export interface MailBatchOptions {
  readonly paths: readonly string[];
  readonly setup: MailSetup;
  readonly limits?: Partial<ParseLimits>;
  /** Live DKIM/SPF/DMARC verification through this resolver (off when absent). */
  readonly resolver?: DnsResolver;
  /** Sender history and internal people for header analysis. */
  readonly headerContext?: Omit<HeaderContext, 'protectedDomains'>;
  /** Called after each message, before the next is read (the caller writes output, stores alerts). */
  readonly onResult: (result: MailResult) => void | Promise<void>;
  readonly onFailure?: (label: string, error: VigilError) => void;
  readonly signal?: AbortSignal;
  readonly now?: () => Date;
}

export interface MailBatchSummary {
  readonly messages: number;
  readonly byVerdict: Readonly<Record<Verdict, number>>;
  readonly failures: readonly { readonly label: string; readonly error: VigilError }[];
  readonly alerts: number;
  readonly durationMs: number;
}

/**
 * Reads every message behind the paths (files, directories, mbox, Maildir), parses it within the
 * limits, analyses it and hands each result on as it is ready: memory holds one message at a time.
 */
export async function analyzeMailBatch(options: MailBatchOptions): Promise<MailBatchSummary> {
  const started = performance.now();
  const limits = resolveParseLimits(options.limits);
  const byVerdict: Record<Verdict, number> = { malicious: 0, suspicious: 0, spam: 0, clean: 0 };
  const failures: { label: string; error: VigilError }[] = [];
  const now = options.now ?? ((): Date => new Date());
  let messages = 0;
  let alerts = 0;
  const inputOptions = { maxMessageBytes: limits.maxTotalBytes + 1, ...(options.signal === undefined ? {} : { signal: options.signal }) };
  for await (const input of readMailInputs(options.paths, inputOptions)) {
    options.signal?.throwIfAborted();
    if (!input.ok) {
      failures.push({ label: input.label, error: input.error });
      options.onFailure?.(input.label, input.error);
      continue;
    }
    const t0 = performance.now();
    const mail = input.format === 'msg' ? await parseMsg(input.raw, limits) : await parseEml(input.raw, limits);
    const extraReasons: Reason[] = [];
    if (input.truncated && !mail.problems.some((p) => p.code === 'parse.truncated')) {
      extraReasons.push(parseProblem('parse.truncated', `The message is larger than ${limits.maxTotalBytes} bytes; only its start was read.`));
    }
    if (options.resolver !== undefined && input.format === 'eml') {
      const live = await verifyLive(input.raw, { resolver: options.resolver });
      extraReasons.push(...live.reasons);
    }
    const analysis = analyzeMessage(mail, {
      headers: { ...options.headerContext, protectedDomains: options.setup.protectedDomains },
      analysers: options.setup.analysers,
      extraReasons,
      ...(options.setup.lookups === undefined ? {} : { lookups: options.setup.lookups }),
    });
    const sha256 = createHash('sha256').update(input.raw).digest('hex');
    const alert = mailAlert(mail, analysis, { file: input.label, sha256 }, now());
    messages++;
    byVerdict[analysis.verdict]++;
    if (alert !== undefined) alerts++;
    await options.onResult({ label: input.label, mail, analysis, sha256, alert, durationMs: performance.now() - t0 });
  }
  return { messages, byVerdict, failures, alerts, durationMs: performance.now() - started };
}
