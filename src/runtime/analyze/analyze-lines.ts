import type { LinuxAuthParser } from '../../components/parsers/linux-auth/index.js';
import type { Dispatcher } from '../../core/detect/dispatch.js';
import { readLines } from '../input/index.js';
import type { InputSummary } from './summary.js';

/** The most batches (of about 1 MiB) read without the common-line shortcut before it is tried again. */
const MAX_SKIPPED_BATCHES = 63;

export interface AnalyzeLinesOptions {
  readonly signal?: AbortSignal | undefined;
  /** After each batch of lines: the bytes read so far, the input's size (undefined for stdin) and the lines so far. */
  readonly onProgress?: ((bytesRead: number, totalBytes: number | undefined, lines: number) => void) | undefined;
}

/**
 * Reads one input through `parser`, counting every line into `summary` and `actions`, and gives the
 * events some detector wants to `detection`. Read statistics reach `summary` even when reading fails
 * part-way (the error is rethrown).
 */
export async function analyzeLines(
  path: string,
  parser: LinuxAuthParser,
  detection: Dispatcher,
  summary: InputSummary,
  actions: Map<string, number>,
  options: AnalyzeLinesOptions = {},
): Promise<void> {
  const { onProgress } = options;
  const source = readLines(path, {
    signal: options.signal,
    onProgress: onProgress === undefined ? undefined : (bytesRead, totalBytes) => { onProgress(bytesRead, totalBytes, source.stats.lines); },
  });
  // Batches still to read without trying the common-line shortcut, and how many were skipped last time (see below).
  let skipCommon = 0;
  let skipStreak = 0;
  try {
    for await (const batch of source) {
      const tryCommon = skipCommon === 0;
      let claimed = 0;
      for (let i = 0; i < batch.count; i++) {
        // Most lines (cron, sessions) reach no detector: they are only counted, and the commonest
        // shapes are recognised in place, without even slicing the line. The check assumes the line
        // names an address, so a detector that wants those (threat intel) still gets it.
        const common = tryCommon && batch.flags[i] === 0 ? parser.scanCommon(batch.holder(i), batch.start[i]!, batch.end[i]!) : undefined;
        if (common !== undefined && !detection.wants(common.action, true)) {
          claimed++;
          countEvent(summary, actions, common.ts, common.action, true);
          continue;
        }
        const line = parser.scan(batch.line(i), batch.lineNumber[i]!, batch.offset[i]!);
        if (line === undefined) {
          summary.unparsable++;
          continue;
        }
        countEvent(summary, actions, line.ts, line.action, line.understood);
        if (detection.wants(line.action, line.hasObservables)) detection.observe(line.ts, line.event());
      }
      // The shortcut pays only where most lines are common ones; in a log of other lines, near misses
      // would cost up to twice the parse. After a batch where it served few lines, the next batches
      // go straight to the parser, twice as many after each failed try (so in such a log it is tried
      // on a few batches only), and it is back for good once it serves a batch again.
      if (!tryCommon) skipCommon--;
      else if (claimed * 4 >= batch.count) skipStreak = 0;
      else skipCommon = skipStreak = Math.min(2 * skipStreak + 1, MAX_SKIPPED_BATCHES);
    }
  } finally {
    const s = source.stats;
    summary.lines = s.lines + s.longLines;
    summary.bytes = s.bytes;
    summary.gzip = s.gzip;
    summary.longLines = s.longLines;
    summary.invalidUtf8Lines = s.invalidUtf8Lines;
    summary.controlByteLines = s.controlByteLines;
  }
}

function countEvent(summary: InputSummary, actions: Map<string, number>, ts: number, action: string, understood: boolean): void {
  summary.events++;
  if (understood) summary.understood++;
  else summary.notUnderstood++;
  if (summary.firstEvent === undefined || ts < summary.firstEvent) summary.firstEvent = ts;
  if (summary.lastEvent === undefined || ts > summary.lastEvent) summary.lastEvent = ts;
  actions.set(action, (actions.get(action) ?? 0) + 1);
}
