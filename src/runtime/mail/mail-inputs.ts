import type { Dirent } from 'node:fs';
import { readdir, lstat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { readMbox } from '../../components/mail/mbox-reader.js';
import { looksLikeOle } from '../../components/mail/parse-msg.js';
import { VigilError } from '../../lib/errors.js';
import { readFileStart } from '../input/index.js';

/** One message to analyse, read from a file, an mbox or a Maildir. */
export interface MailInput {
  readonly ok: true;
  /** What the analyst sees: the file, or `file#n` for the n-th message of an mbox. */
  readonly label: string;
  readonly format: 'eml' | 'msg';
  readonly raw: Uint8Array;
  /** True when the input was larger than the limit and only its start was read. */
  readonly truncated: boolean;
}

/** An input that could not be read. */
export interface MailInputFailure {
  readonly ok: false;
  readonly label: string;
  readonly error: VigilError;
}

export interface MailInputOptions {
  readonly maxMessageBytes: number;
  readonly signal?: AbortSignal;
}

const MAIL_EXTENSIONS = new Set(['.eml', '.msg', '.mbox', '.mbx']);
const MAX_DIRECTORY_DEPTH = 8;
const SNIFF_BYTES = 4096;
const HEADER_NAMES = /^(received|from|return-path|delivered-to|subject|date|message-id|to|mime-version|x-[a-z0-9-]+|dkim-signature|authentication-results):/im;

function isMboxStart(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(5, bytes.length)).toString('latin1') === 'From ';
}

/** An extensionless file is taken as mail only when its start looks like a message. */
function looksLikeMail(start: Uint8Array): boolean {
  if (looksLikeOle(start) || isMboxStart(start)) return true;
  const text = Buffer.from(start.buffer, start.byteOffset, start.length).toString('latin1');
  return /^[\x21-\x39\x3b-\x7e]+:/.test(text) && HEADER_NAMES.test(text);
}

function failure(label: string, error: unknown): MailInputFailure {
  const code = (error as { code?: unknown }).code === 'ENOENT' ? 'INPUT_NOT_FOUND' : 'INPUT_UNREADABLE';
  return { ok: false, label, error: new VigilError(code, `${label}: ${error instanceof Error ? error.message : String(error)}`, { cause: error }) };
}

async function* readFileInput(path: string, options: MailInputOptions): AsyncGenerator<MailInput | MailInputFailure> {
  // One open and one read for a message file; an mbox (known by its first bytes) is then streamed.
  let head: { bytes: Uint8Array; size: number };
  try {
    head = readFileStart(path, options.maxMessageBytes);
  } catch (error) {
    yield failure(path, error);
    return;
  }
  if (isMboxStart(head.bytes)) {
    try {
      for await (const message of readMbox(path, { maxMessageBytes: options.maxMessageBytes, ...(options.signal === undefined ? {} : { signal: options.signal }) })) {
        yield { ok: true, label: `${path}#${message.index + 1}`, format: 'eml', raw: message.raw, truncated: message.truncated };
      }
    } catch (error) {
      yield failure(path, error);
    }
    return;
  }
  yield { ok: true, label: path, format: looksLikeOle(head.bytes) ? 'msg' : 'eml', raw: head.bytes, truncated: head.size > head.bytes.length };
}

async function* readDirectory(path: string, depth: number, inMaildir: boolean, options: MailInputOptions): AsyncGenerator<MailInput | MailInputFailure> {
  let entries: Dirent[];
  try {
    entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    yield failure(path, error);
    return;
  }
  const maildir = entries.some((e) => e.isDirectory() && (e.name === 'cur' || e.name === 'new'));
  for (const entry of entries) {
    options.signal?.throwIfAborted();
    const name = entry.name;
    const child = join(path, name);
    if (entry.isDirectory()) {
      if (name === 'tmp' && maildir) continue; // Maildir's tmp holds messages still being delivered
      if (depth < MAX_DIRECTORY_DEPTH) yield* readDirectory(child, depth + 1, maildir && (name === 'cur' || name === 'new'), options);
      continue;
    }
    if (!entry.isFile()) continue; // symbolic links and devices are not followed
    const extension = extname(name).toLowerCase();
    if (inMaildir || MAIL_EXTENSIONS.has(extension)) {
      yield* readFileInput(child, options);
    } else if (extension === '' && !basename(name).startsWith('.')) {
      try {
        if (looksLikeMail(readFileStart(child, SNIFF_BYTES).bytes)) yield* readFileInput(child, options);
      } catch (error) {
        yield failure(child, error);
      }
    }
  }
}

/**
 * The messages behind the paths on the command line, in order: a file is one message (.eml or
 * .msg, told apart by content) or an mbox (it starts with `From `); a directory is walked (sorted,
 * without following links), Maildir `cur`/`new` folders included. Reads are bounded per message.
 */
export async function* readMailInputs(paths: readonly string[], options: MailInputOptions): AsyncGenerator<MailInput | MailInputFailure> {
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = (await lstat(path)).isDirectory();
    } catch (error) {
      yield failure(path, error);
      continue;
    }
    if (isDirectory) yield* readDirectory(path, 0, false, options);
    else yield* readFileInput(path, options);
  }
}
