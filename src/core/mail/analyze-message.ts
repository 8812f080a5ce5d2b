import type { Findings, MailLookups, Observable, ParsedMail, Reason } from './contract.js';
import { analyzeHeaders, type HeaderContext } from './headers/index.js';
import { analyzeContent } from './signals/index.js';
import { decideVerdict, type Verdict, type VerdictThresholds } from './verdict.js';

/**
 * The analysers of the other mail parts, injected (already bound to their options: protected
 * domains, lookups, the model), so this file depends only on their signatures.
 */
export interface MessageAnalysers {
  readonly attachments?: (mail: ParsedMail, lookups?: MailLookups) => Findings & { readonly urls: readonly string[] };
  readonly senderDomains?: (mail: ParsedMail) => Findings;
  readonly urls?: (mail: ParsedMail, extraUrls: readonly string[]) => Findings;
  readonly classify?: (mail: ParsedMail) => { readonly probability: number; readonly reason: Reason };
}

export interface AnalysisContext {
  readonly headers?: HeaderContext;
  readonly lookups?: MailLookups;
  readonly analysers?: MessageAnalysers;
  /** Reasons found outside the pure core (live DKIM/SPF/DMARC verification, reading problems). */
  readonly extraReasons?: readonly Reason[];
  readonly thresholds?: VerdictThresholds;
}

export interface MessageAnalysis {
  readonly verdict: Verdict;
  readonly score: number;
  readonly reasons: readonly Reason[];
  readonly observables: readonly Observable[];
  readonly classifierProbability: number | undefined;
}

const ANALYSER_FAILED_WEIGHT = 10;

function failed(name: string, error: unknown): Reason {
  return {
    code: 'analysis.failed',
    weight: ANALYSER_FAILED_WEIGHT,
    summary: `The ${name} analyser could not finish on this message (${error instanceof Error ? error.message : String(error)}); a message that breaks analysis is treated as suspicious.`,
    source: { kind: 'message' },
  };
}

/**
 * Runs every analyser on one message (headers, content signals, attachments, sender domains, URLs including those
 * found in attachments, the classifier), adds up their reasons and decides the verdict. An
 * analyser that throws is reported as a reason instead of stopping the batch.
 */
export function analyzeMessage(mail: ParsedMail, context: AnalysisContext = {}): MessageAnalysis {
  const reasons: Reason[] = [...mail.problems, ...(context.extraReasons ?? [])];
  const observables: Observable[] = [];
  const take = (findings: Findings): void => {
    reasons.push(...findings.reasons);
    observables.push(...findings.observables);
  };
  try {
    take(analyzeHeaders(mail, context.headers));
  } catch (error) {
    reasons.push(failed('header', error));
  }
  try {
    take(analyzeContent(mail));
  } catch (error) {
    reasons.push(failed('content', error));
  }
  const analysers = context.analysers ?? {};
  let extraUrls: readonly string[] = [];
  if (analysers.attachments !== undefined) {
    try {
      const found = analysers.attachments(mail, context.lookups);
      take(found);
      extraUrls = found.urls;
    } catch (error) {
      reasons.push(failed('attachment', error));
    }
  }
  if (analysers.senderDomains !== undefined) {
    try {
      take(analysers.senderDomains(mail));
    } catch (error) {
      reasons.push(failed('sender-domain', error));
    }
  }
  if (analysers.urls !== undefined) {
    try {
      take(analysers.urls(mail, extraUrls));
    } catch (error) {
      reasons.push(failed('URL', error));
    }
  }
  let classifierProbability: number | undefined;
  if (analysers.classify !== undefined) {
    try {
      const result = analysers.classify(mail);
      classifierProbability = result.probability;
      reasons.push(result.reason);
    } catch (error) {
      reasons.push(failed('classifier', error));
    }
  }
  const decided = decideVerdict(reasons, classifierProbability, context.thresholds);
  return { ...decided, observables: dedupeObservables(observables), classifierProbability };
}

function dedupeObservables(observables: readonly Observable[]): Observable[] {
  const seen = new Set<string>();
  const out: Observable[] = [];
  for (const o of observables) {
    const key = `${o.type}\u0000${o.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(o);
  }
  return out;
}
