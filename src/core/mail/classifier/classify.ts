import type { ParsedMail, Reason } from '../contract.js';
import { extractMailFeatures } from './features.js';
import { modelId, type MailModel } from './model.js';
import { squash, STRUCTURE_FEATURES } from './structure-features.js';
import type { NamedTerm } from './text-features.js';

/** How the probability maps to a reason weight (the verdict adds weights up). */
export interface ClassifierWeighting {
  /** Weight at probability 1. */
  readonly maxWeight: number;
  /** Weight at probability 0 (negative: evidence of a legitimate message; keep it modest). */
  readonly minWeight: number;
}

export const DEFAULT_CLASSIFIER_WEIGHTING: ClassifierWeighting = { maxWeight: 30, minWeight: -5 };

export interface MailClassification {
  readonly probability: number;
  readonly reason: Reason;
}

const TOP_TERMS = 3;

/**
 * Words too common to explain anything to an analyst. They still count in the score; they are
 * only left out of the summary, which names the telling words instead.
 */
const UNTELLING_WORDS = new Set(
  ('the a an and or but if of to in on at by for with from as is are was were be been it its this that these those i you your ' +
    'yours we our ours us he she they them their my me him her his will would can could should may might do does did have has had ' +
    'not no so than then there here what which who whom when where why how all any some more most such only own same too very ' +
    'just about into over out up down off again also please url date wrote http https www com net org html htm').split(' '),
);

function isTelling(label: string): boolean {
  const words = label.split(' ');
  return !words.every((w) => UNTELLING_WORDS.has(w) || /^0+$/.test(w));
}
const TOP_STRUCTURE = 2;
const MIN_STRUCTURE_CONTRIBUTION = 0.05;

/**
 * The telling words that pushed the score most in the direction of the verdict (sign +1: towards
 * spam, -1: towards legitimate), quoted; one linear pass keeping a short sorted list.
 */
function topTerms(terms: readonly NamedTerm[], weights: Float32Array, sign: number): string[] {
  const best: { label: string; contribution: number }[] = [];
  for (const term of terms) {
    const contribution = sign * weights[term.bucket]! * term.value;
    if (contribution <= 0) continue;
    if (best.length === TOP_TERMS * 4 && contribution <= best[best.length - 1]!.contribution) continue;
    if (!isTelling(term.label) || best.some((b) => b.label === term.label)) continue;
    let at = best.length;
    while (at > 0 && (best[at - 1]!.contribution < contribution || (best[at - 1]!.contribution === contribution && best[at - 1]!.label > term.label))) at--;
    best.splice(at, 0, { label: term.label, contribution });
    if (best.length > TOP_TERMS * 4) best.pop();
  }
  return best.slice(0, TOP_TERMS).map((b) => `'${b.label}'`);
}

/** The reason weight for a probability: 0 at 0.5, growing linearly to `maxWeight` at 1 and to `minWeight` at 0. */
export function classifierWeight(probability: number, weighting: ClassifierWeighting = DEFAULT_CLASSIFIER_WEIGHTING): number {
  const w = probability >= 0.5 ? weighting.maxWeight * (probability - 0.5) * 2 : weighting.minWeight * (0.5 - probability) * 2;
  return Math.round(w * 10) / 10;
}

/**
 * Scores a message with the model: the probability that it is spam or phishing, and one reason
 * (`classifier.score`) whose summary names the features that pushed the score most.
 */
export function classifyMail(model: MailModel, mail: ParsedMail, weighting: ClassifierWeighting = DEFAULT_CLASSIFIER_WEIGHTING): MailClassification {
  const features = extractMailFeatures(mail, { hashBits: model.hashBits, keepTerms: true });
  const textDims = 1 << model.hashBits;
  let z = model.bias;
  for (let n = 0; n < features.indices.length; n++) {
    const d = features.indices[n]!;
    const w = d < textDims ? model.textWeights[d]! : (model.structureWeights[d - textDims] ?? 0);
    z += w * features.values[n]!;
  }
  const probability = 1 / (1 + Math.exp(-z));
  const suspicious = probability >= 0.5;
  const sign = suspicious ? 1 : -1;

  const terms = topTerms(features.terms, model.textWeights, sign);
  const structure = suspicious
    ? STRUCTURE_FEATURES.flatMap((feature, k) => {
        const count = features.structureCounts[k] ?? 0;
        const contribution = (model.structureWeights[k] ?? 0) * squash(count, feature.cap);
        return feature.describe !== undefined && contribution >= MIN_STRUCTURE_CONTRIBUTION ? [{ text: feature.describe(count), contribution }] : [];
      })
        .sort((a, b) => b.contribution - a.contribution)
        .slice(0, TOP_STRUCTURE)
        .map((s) => s.text)
    : [];

  const percent = `${Math.round(probability * 100)}%`;
  const evidence = [terms.length > 0 ? `words such as ${terms.join(', ')}` : '', ...structure].filter((s) => s !== '');
  const summary = suspicious
    ? `The classifier rates this message ${percent} likely spam or phishing${evidence.length > 0 ? `: ${evidence.join('; ')}` : ''}`
    : `The classifier rates this message ${percent} likely spam or phishing; it reads like ordinary mail${evidence.length > 0 ? ` (${evidence.join('; ')})` : ''}`;
  return {
    probability,
    reason: { code: 'classifier.score', weight: classifierWeight(probability, weighting), summary, source: { kind: 'model', model: modelId(model) } },
  };
}
