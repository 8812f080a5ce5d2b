import type { Reason } from './contract.js';

export type Verdict = 'malicious' | 'suspicious' | 'spam' | 'clean';

export const VERDICTS: readonly Verdict[] = ['malicious', 'suspicious', 'spam', 'clean'];

/** Where the score turns into each verdict. Scores are points, clamped to 0–100. */
export interface VerdictThresholds {
  readonly malicious: number;
  readonly suspicious: number;
  /** Classifier probability from which a message below `suspicious` is spam. */
  readonly spamProbability: number;
  /** Without a classifier: the score from which a message below `suspicious` is spam. */
  readonly spamScore: number;
  /**
   * Points that must come from evidence other than the classifier for a message to be suspicious
   * or malicious: a spam model alone says "spam", not "phishing".
   */
  readonly minEvidence: number;
}

/** Tuned on phishing_pot-dev and the held-out SpamAssassin ham (see bench/mail-eval.mjs). */
export const DEFAULT_VERDICT_THRESHOLDS: VerdictThresholds = { malicious: 60, suspicious: 30, spamProbability: 0.5, spamScore: 15, minEvidence: 10 };

export interface VerdictResult {
  readonly verdict: Verdict;
  readonly score: number;
  /** Heaviest first; ties keep the order the analysers gave. */
  readonly reasons: readonly Reason[];
}

/** Orders reasons by weight, heaviest first (stable). */
export function orderReasons(reasons: readonly Reason[]): Reason[] {
  return reasons.map((reason, i) => ({ reason, i })).sort((a, b) => b.reason.weight - a.reason.weight || a.i - b.i).map((x) => x.reason);
}

/** Each further reason with the same code counts half the one before: repeats are one kind of evidence. */
export const REPEAT_DECAY = 0.5;

/**
 * The score of a set of reasons: weights added up, with repeats of a code decaying by
 * `REPEAT_DECAY` (heaviest first), clamped to 0–100. Negative weights always count in full.
 */
export function scoreReasons(reasons: readonly Reason[]): number {
  const byCode = new Map<string, number[]>();
  let sum = 0;
  for (const r of reasons) {
    if (!Number.isFinite(r.weight)) continue;
    if (r.weight <= 0) {
      sum += r.weight;
      continue;
    }
    const list = byCode.get(r.code);
    if (list === undefined) byCode.set(r.code, [r.weight]);
    else list.push(r.weight);
  }
  for (const weights of byCode.values()) {
    weights.sort((a, b) => b - a);
    let factor = 1;
    for (const w of weights) {
      sum += w * factor;
      factor *= REPEAT_DECAY;
    }
  }
  return Math.max(0, Math.min(100, Math.round(sum)));
}

/**
 * Adds up the reasons' weights into a score (0–100) and names the verdict: malicious or
 * suspicious by score when at least `minEvidence` points come from something other than the
 * classifier; otherwise spam when the classifier (or, without one, the score) says so.
 */
export function decideVerdict(reasons: readonly Reason[], classifierProbability: number | undefined, thresholds: VerdictThresholds = DEFAULT_VERDICT_THRESHOLDS): VerdictResult {
  const score = scoreReasons(reasons);
  const evidence = scoreReasons(reasons.filter((r) => r.source.kind !== 'model' && r.weight > 0));
  let verdict: Verdict;
  if (score >= thresholds.malicious && evidence >= thresholds.minEvidence) verdict = 'malicious';
  else if (score >= thresholds.suspicious && evidence >= thresholds.minEvidence) verdict = 'suspicious';
  else if (score >= thresholds.suspicious) verdict = 'spam';
  else if (classifierProbability !== undefined ? classifierProbability >= thresholds.spamProbability : score >= thresholds.spamScore) verdict = 'spam';
  else verdict = 'clean';
  return { verdict, score, reasons: orderReasons(reasons) };
}
