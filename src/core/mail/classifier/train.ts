import { STRUCTURE_FEATURES } from './structure-features.js';
import type { MailFeatures } from './features.js';
import type { MailModel, MailModelTraining } from './model.js';

/** One labelled message: its features and whether it is spam/phishing (1) or legitimate (0). */
export interface LabelledExample {
  readonly features: Pick<MailFeatures, 'indices' | 'values'>;
  readonly label: 0 | 1;
}

export interface TrainOptions {
  readonly name: string;
  readonly version: string;
  readonly hashBits: number;
  readonly seed: number;
  readonly epochs: number;
  readonly l2: number;
  /** L2 strength on the structure features (dense flags and counts), at least `l2`. */
  readonly structureL2: number;
  readonly learningRate: number;
  /**
   * Structure features kept at weight 0: those the training data cannot teach, because its
   * legitimate class never shows them (the shipped model freezes `html_only`: 0.1% of SpamAssassin's
   * training ham is HTML-only, against 44.5% of its spam, so the weight would learn how the corpus
   * was collected, not what spam is).
   */
  readonly frozen?: readonly string[];
  readonly data: string;
  readonly command: string;
}

export const DEFAULT_TRAIN_OPTIONS = { hashBits: 17, seed: 1, epochs: 12, l2: 1e-5, structureL2: 1e-5, learningRate: 0.5 } as const;

/** Mulberry32: a tiny seeded generator, so the example order (and the model) depends only on the seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * L2-regularised logistic regression by stochastic gradient descent (Bottou's schedule
 * η_t = η0 / (1 + η0·λ·t), weight decay kept as one scale factor so a step costs only the
 * example's non-zeros). Risk structure features are projected to weights >= 0 after each step.
 * Deterministic: the same examples, in the same order, with the same options give the same model.
 */
export function trainMailModel(examples: readonly LabelledExample[], options: TrainOptions): MailModel {
  const textDims = 1 << options.hashBits;
  const dims = textDims + STRUCTURE_FEATURES.length;
  const nonNegative = new Uint8Array(dims);
  const frozen = new Uint8Array(dims);
  STRUCTURE_FEATURES.forEach((f, k) => {
    if (f.risk) nonNegative[textDims + k] = 1;
    if (options.frozen?.includes(f.name) === true) frozen[textDims + k] = 1;
  });
  const v = new Float64Array(dims);
  let scale = 1;
  let bias = 0;
  let t = 0;
  const extraDecay = Math.max(0, options.structureL2 - options.l2);
  const order = Array.from(examples.keys());
  const random = seededRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const swap = order[i]!;
      order[i] = order[j]!;
      order[j] = swap;
    }
    for (const index of order) {
      const { features, label } = examples[index]!;
      const { indices, values } = features;
      let dot = 0;
      for (let n = 0; n < indices.length; n++) dot += v[indices[n]!]! * values[n]!;
      const p = sigmoid(bias + scale * dot);
      const eta = options.learningRate / (1 + options.learningRate * options.l2 * t);
      scale *= 1 - eta * options.l2;
      if (extraDecay > 0) {
        const keep = 1 - eta * extraDecay;
        for (let d = textDims; d < dims; d++) v[d] = v[d]! * keep;
      }
      const step = (eta * (p - label)) / scale;
      for (let n = 0; n < indices.length; n++) {
        const d = indices[n]!;
        let w = v[d]! - step * values[n]!;
        if ((nonNegative[d] === 1 && w < 0) || frozen[d] === 1) w = 0;
        v[d] = w;
      }
      bias -= eta * (p - label);
      if (scale < 1e-9) {
        for (let d = 0; d < dims; d++) v[d] = v[d]! * scale;
        scale = 1;
      }
      t++;
    }
  }
  const weights = Float32Array.from(v, (w) => w * scale);
  const counts = examples.reduce((acc, e) => (e.label === 1 ? { ...acc, spam: acc.spam + 1 } : { ...acc, ham: acc.ham + 1 }), { ham: 0, spam: 0 });
  const training: MailModelTraining = {
    algorithm: 'logistic-regression-sgd',
    seed: options.seed,
    epochs: options.epochs,
    l2: options.l2,
    structureL2: options.structureL2,
    frozen: [...(options.frozen ?? [])],
    learningRate: options.learningRate,
    examples: counts,
    data: options.data,
    command: options.command,
  };
  return {
    name: options.name,
    version: options.version,
    hashBits: options.hashBits,
    bias: Math.fround(bias),
    textWeights: weights.slice(0, textDims),
    structureWeights: weights.slice(textDims),
    training,
  };
}
