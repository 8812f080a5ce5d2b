import type { FeedCollector } from './feed-result.js';
import { INTEL_LIMITS } from '../limits.js';

/**
 * Calls `fn` for each line of a feed text with its 1-based number, CR/LF stripped, a leading BOM
 * removed. Over-long lines (`maxLineLength`) and lines with U+FFFD (what invalid UTF-8 becomes when
 * bytes are decoded leniently) are reported to the collector and skipped, never handed on.
 */
export function forEachLine(text: string, collector: FeedCollector, fn: (line: string, lineNo: number) => void): void {
  const max = collector.options.maxLineLength ?? INTEL_LIMITS.maxLineLength;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNo = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNo++;
    let stop = end;
    if (stop > start && text.charCodeAt(stop - 1) === 13) stop--;
    if (stop - start > max) collector.error('INTEL_TOO_LARGE', `line longer than ${max} characters; skipped`, lineNo);
    else {
      const line = text.slice(start, stop);
      if (line.includes('\uFFFD')) collector.error('INTEL_BAD_ENCODING', 'line holds U+FFFD (invalid UTF-8 in the source bytes); skipped', lineNo, { column: line.indexOf('\uFFFD') + 1 });
      else fn(line, lineNo);
    }
    if (end === text.length) break;
    start = end + 1;
  }
}
