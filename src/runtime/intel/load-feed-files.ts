import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { VigilError } from '../../lib/errors.js';
import { IndicatorIndex, readPlainList, readVigilCsv, type Indicator, type IntelError } from '../../core/intel/index.js';

const MAX_FEED_BYTES = 512 * 1024 * 1024;

/** Indicators loaded from feed files, ready to match. */
export interface LoadedIntel {
  readonly index: IndicatorIndex;
  readonly indicators: number;
  readonly errors: readonly IntelError[];
}

/**
 * Reads local feed files: Vigil's CSV (header `indicator,type,…`) or one indicator per line. A file
 * that cannot be read is an error (exit code 1 at the CLI): an analysis that silently ran without
 * its intel would report a clean bill of health it never checked.
 */
export async function readFeedFiles(paths: readonly string[]): Promise<{ indicators: Indicator[]; errors: IntelError[] }> {
  const indicators: Indicator[] = [];
  const errors: IntelError[] = [];
  for (const path of paths) {
    let text: string;
    try {
      if ((await stat(path)).size > MAX_FEED_BYTES) throw new Error(`larger than ${MAX_FEED_BYTES} bytes`);
      text = await readFile(path, 'utf8');
    } catch (cause) {
      throw new VigilError('INPUT_UNREADABLE', `cannot read the intel feed ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
    const options = { source: basename(path) };
    const result = /^\s*indicator\s*,\s*type\b/i.test(text.slice(0, 200)) ? readVigilCsv(text, options) : readPlainList(text, options);
    for (const i of result.indicators) indicators.push(i);
    errors.push(...result.errors);
  }
  return { indicators, errors };
}

/** Reads local feed files (see `readFeedFiles`) and indexes them. */
export async function loadFeedFiles(paths: readonly string[]): Promise<LoadedIntel> {
  const { indicators, errors } = await readFeedFiles(paths);
  return { index: IndicatorIndex.build(indicators), indicators: indicators.length, errors };
}
