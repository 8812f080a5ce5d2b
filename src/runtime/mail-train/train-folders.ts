import { DEFAULT_TRAIN_OPTIONS, trainMailModel, type LabelledExample, type MailModel } from '../../core/mail/classifier/index.js';
import { VigilError } from '../../lib/errors.js';
import { exampleFrom } from './build-examples.js';
import { readLabelledMessages, type FolderLimits, DEFAULT_FOLDER_LIMITS } from './labelled-messages.js';

export interface FolderTrainingOptions {
  readonly ham: readonly string[];
  readonly spam: readonly string[];
  readonly seed: number;
  readonly name: string;
  readonly version: string;
  readonly epochs?: number;
  readonly limits?: FolderLimits;
  readonly signal?: AbortSignal;
  readonly onProgress?: (label: 'ham' | 'spam', done: number) => void;
}

/** Minimum examples per class: fewer cannot give a model worth shipping to anyone. */
export const MIN_EXAMPLES_PER_CLASS = 2;

/** Trains a classifier on a user's labelled folders (legitimate mail under `ham`, spam/phishing under `spam`). */
export async function trainOnFolders(options: FolderTrainingOptions): Promise<MailModel> {
  const examples: LabelledExample[] = [];
  const counts = { ham: 0, spam: 0 };
  for (const label of ['ham', 'spam'] as const) {
    for await (const message of readLabelledMessages(options[label], options.limits ?? DEFAULT_FOLDER_LIMITS, options.signal)) {
      examples.push(await exampleFrom(message.raw, label === 'spam' ? 1 : 0, DEFAULT_TRAIN_OPTIONS.hashBits, message.format));
      counts[label]++;
      options.onProgress?.(label, counts[label]);
    }
    if (counts[label] < MIN_EXAMPLES_PER_CLASS) {
      throw new VigilError('INVALID_ARGUMENT', `found ${counts[label]} ${label} message(s) under ${options[label].join(', ')}; at least ${MIN_EXAMPLES_PER_CLASS} are needed (.eml, .msg, Maildir or mbox)`);
    }
  }
  return trainMailModel(examples, {
    ...DEFAULT_TRAIN_OPTIONS,
    ...(options.epochs === undefined ? {} : { epochs: options.epochs }),
    seed: options.seed,
    name: options.name,
    version: options.version,
    data: `labelled folders: ${counts.ham} ham, ${counts.spam} spam`,
    command: 'vigil mail train',
  });
}
