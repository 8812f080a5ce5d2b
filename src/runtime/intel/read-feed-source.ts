import { readFile, stat } from 'node:fs/promises';
import { type FeedFormat, type FeedResult, type Tlp, decodeUtf8, formatIntelError, readFeed } from '../../core/intel/index.js';
import { VigilError } from '../../lib/errors.js';

/** How a feed's indicators are labelled when the feed itself does not say. */
export interface FeedLabels {
  readonly source: string;
  readonly confidence?: number | undefined;
  readonly tlp?: Tlp | undefined;
}

/**
 * Reads feed bytes as a document of `format`: UTF-8 strictly (invalid bytes fail the whole feed, with
 * the offset), then the format's reader. A document that cannot be read as a whole is a `VigilError`;
 * bad records inside it are in the result's `errors`.
 */
export function readFeedBytes(bytes: Uint8Array, format: FeedFormat, labels: FeedLabels, where: string): FeedResult {
  const text = decodeUtf8(bytes);
  if (!text.ok) throw new VigilError('INPUT_CORRUPT', `${where}: ${formatIntelError(text.error)}`);
  const result = readFeed(format, text.value, {
    source: labels.source,
    ...(labels.confidence === undefined ? {} : { defaultConfidence: labels.confidence }),
    ...(labels.tlp === undefined ? {} : { tlp: labels.tlp }),
  });
  if (!result.ok) throw new VigilError('INPUT_CORRUPT', `${where}: ${formatIntelError(result.error)}`);
  return result.value;
}

/** Reads a feed file of at most `maxBytes` (checked before reading). */
export async function readFeedFile(path: string, maxBytes: number): Promise<{ bytes: Buffer; mtimeMs: number; size: number }> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new Error('not a regular file');
    if (s.size > maxBytes) throw new Error(`${s.size} bytes, larger than the limit of ${maxBytes} bytes`);
    return { bytes: await readFile(path), mtimeMs: s.mtimeMs, size: s.size };
  } catch (cause) {
    throw new VigilError('INPUT_UNREADABLE', `cannot read the feed file ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
