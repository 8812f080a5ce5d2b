import type { LinuxAuthParser, ScannedLine } from '../../components/parsers/linux-auth/index.js';
import { readLines } from '../input/index.js';
import type { InputSummary } from './summary.js';

/** A line some detector wants, as it is handed over (the view is valid only during the call). */
export type WantedLineSink = (line: ScannedLine, text: string, lineNumber: number, offset: number, yearState: number) => void;

export interface CountLinesOptions {
  readonly signal?: AbortSignal | undefined;
  /** After each batch of lines: the bytes read so far and the input's size (undefined for stdin). */
  readonly onProgress?: ((bytesRead: number, totalBytes: number | undefined, lines: number) => void) | undefined;
  /** After each batch of lines has been counted. */
  readonly afterBatch?: (() => void) | undefined;
}

/**
 * Reads one input through `parser`, counting every line into `summary` and `actions`, and hands the
 * lines some detector wants (by `wants`) to `onWanted`, with the parser's year state from before the
 * line (see `LinuxAuthParser.yearState`). Runs in the main thread or in a worker alike.
 * Read statistics reach `summary` even when reading fails part-way (the error is rethrown).
 */
export async function countLines(
  path: string,
  parser: LinuxAuthParser,
  wants: (action: string, hasObservables: boolean) => boolean,
  summary: InputSummary,
  actions: Map<string, number>,
  onWanted: WantedLineSink,
  options: CountLinesOptions = {},
): Promise<void> {
  const { onProgress, afterBatch } = options;
  const source = readLines(path, {
    signal: options.signal,
    onProgress: onProgress === undefined ? undefined : (bytesRead, totalBytes) => { onProgress(bytesRead, totalBytes, source.stats.lines); },
  });
  try {
    for await (const batch of source) {
      for (let i = 0; i < batch.count; i++) {
        const yearState = parser.yearState;
        // Most lines (cron, sessions) reach no detector: they are only counted, and the commonest
        // shapes are recognised in place, without even slicing the line. The check assumes the line
        // names an address, so a detector that wants those (threat intel) still gets it.
        const common = batch.flags[i] === 0 ? parser.scanCommon(batch.holder(i), batch.start[i]!, batch.end[i]!) : undefined;
        if (common !== undefined && !wants(common.action, true)) {
          countEvent(summary, actions, common.ts, common.action, true);
          continue;
        }
        const text = batch.line(i);
        const lineNumber = batch.lineNumber[i]!;
        const offset = batch.offset[i]!;
        const line = parser.scan(text, lineNumber, offset);
        if (line === undefined) {
          summary.unparsable++;
          continue;
        }
        countEvent(summary, actions, line.ts, line.action, line.understood);
        if (wants(line.action, line.hasObservables)) onWanted(line, text, lineNumber, offset, yearState);
      }
      afterBatch?.();
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
