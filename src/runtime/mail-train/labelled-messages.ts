import { open, opendir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { readMbox } from '../../components/mail/mbox-reader.js';
import { VigilError } from '../../lib/errors.js';

/** One raw message from a user's labelled folder, with where it came from. */
export interface RawMessage {
  readonly origin: string;
  readonly raw: Uint8Array;
  readonly format: 'eml' | 'msg';
}

export interface FolderLimits {
  readonly maxMessages: number;
  readonly maxMessageBytes: number;
  readonly maxDepth: number;
}

export const DEFAULT_FOLDER_LIMITS: FolderLimits = { maxMessages: 200_000, maxMessageBytes: 20 * 1024 * 1024, maxDepth: 8 };

const MESSAGE_EXTENSIONS = new Set(['.eml', '.msg']);
const MBOX_EXTENSIONS = new Set(['.mbox', '.mbx']);
const MAILDIR_FOLDERS = new Set(['cur', 'new']);

/**
 * The messages under each path: `.eml`/`.msg` files and Maildir messages (files in `cur/` and `new/`)
 * found by walking folders (symbolic links are not followed), and mbox files (`.mbox`, or any file
 * given directly that starts with `From `). Bounded in count, size per message and folder depth.
 */
export async function* readLabelledMessages(paths: readonly string[], limits: FolderLimits = DEFAULT_FOLDER_LIMITS, signal?: AbortSignal): AsyncGenerator<RawMessage> {
  let count = 0;
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (cause) {
      throw new VigilError('INPUT_NOT_FOUND', `${path} does not exist`, { cause });
    }
    const files: AsyncIterable<FoundFile> | Iterable<FoundFile> = info.isDirectory() ? walk(path, limits.maxDepth, signal) : [{ path, direct: true }];
    for await (const file of files) {
      for await (const message of messagesIn(file.path, file.direct, limits, signal)) {
        if (count >= limits.maxMessages) throw new VigilError('INVALID_ARGUMENT', `more than ${limits.maxMessages} messages to train on; split the folders`);
        count++;
        yield message;
      }
    }
  }
}

interface FoundFile {
  readonly path: string;
  /** Named on the command line (so any content is taken as a message), not found in a folder. */
  readonly direct: boolean;
}

async function* walk(folder: string, depth: number, signal: AbortSignal | undefined): AsyncGenerator<FoundFile> {
  signal?.throwIfAborted();
  const entries = [];
  for await (const entry of await opendir(folder)) entries.push(entry);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (depth > 0) yield* walk(path, depth - 1, signal);
    } else if (entry.isFile()) {
      const extension = extname(entry.name).toLowerCase();
      if (MESSAGE_EXTENSIONS.has(extension) || MBOX_EXTENSIONS.has(extension) || MAILDIR_FOLDERS.has(basename(folder))) yield { path, direct: false };
    }
  }
}

async function* messagesIn(path: string, direct: boolean, limits: FolderLimits, signal: AbortSignal | undefined): AsyncGenerator<RawMessage> {
  const extension = extname(path).toLowerCase();
  if (MBOX_EXTENSIONS.has(extension) || (direct && extension !== '.eml' && extension !== '.msg' && (await startsWithFrom(path)))) {
    for await (const message of readMbox(path, { maxMessageBytes: limits.maxMessageBytes, ...(signal === undefined ? {} : { signal }) })) {
      yield { origin: `${path}#${message.index + 1}`, raw: message.raw, format: 'eml' };
    }
    return;
  }
  const size = (await stat(path)).size;
  if (size > limits.maxMessageBytes) return; // a message this large is not what a text model learns from
  let raw: Uint8Array;
  try {
    raw = await readFile(path, signal === undefined ? {} : { signal });
  } catch (cause) {
    throw new VigilError('INPUT_UNREADABLE', `cannot read ${path}`, { cause });
  }
  yield { origin: path, raw, format: extension === '.msg' ? 'msg' : 'eml' };
}

async function startsWithFrom(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(5);
    const { bytesRead } = await handle.read(head, 0, 5, 0);
    return bytesRead === 5 && head.toString('latin1') === 'From ';
  } finally {
    await handle.close();
  }
}
