import { Worker } from 'node:worker_threads';
import type { LinuxAuthParserOptions } from '../../components/parsers/linux-auth/index.js';
import type { EventInterest } from '../../core/detect/dispatch.js';
import { ERROR_CODES, VigilError } from '../../lib/errors.js';
import type { InputSummary } from './summary.js';
import { IN_FLIGHT, type WorkerInput, type WorkerMessage } from './worker-protocol.js';

export interface WorkerInputOptions {
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((bytesRead: number, totalBytes: number | undefined, lines: number) => void) | undefined;
}

/**
 * `countLines` in a worker thread: the worker reads, parses and counts every line of `path` (into
 * `summary` and `actions` when it is done) while this thread receives the lines a detector wants,
 * in file order, each with the year state its parser had before the line. Settles when the worker
 * is done: rejects with the worker's VigilError (statistics up to the failure are kept), with the
 * signal's reason on abort, or with whatever `onWanted` throws.
 */
export function countInWorker(
  path: string,
  parser: LinuxAuthParserOptions,
  interest: EventInterest,
  summary: InputSummary,
  actions: Map<string, number>,
  onWanted: (text: string, lineNumber: number, offset: number, yearState: number) => void,
  options: WorkerInputOptions = {},
): Promise<void> {
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  const flow = new Int32Array(new SharedArrayBuffer(4));
  const workerData: WorkerInput = { path, parser, interest, flow: flow.buffer };
  const worker = new Worker(new URL('./count-worker.js', import.meta.url), { workerData });
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', abort);
      void worker.terminate();
      if (error === undefined) resolve();
      else reject(error instanceof Error ? error : new Error('the line-counting worker failed', { cause: error }));
    };
    const abort = (): void => { settle(signal?.reason); };
    signal?.addEventListener('abort', abort, { once: true });
    worker.on('message', (message: WorkerMessage) => {
      if (settled) return;
      try {
        if (message.kind === 'lines') {
          for (let i = 0; i < message.texts.length; i++) onWanted(message.texts[i]!, message.lineNumbers[i]!, message.offsets[i]!, message.yearStates[i]!);
          Atomics.sub(flow, IN_FLIGHT, 1);
          Atomics.notify(flow, IN_FLIGHT);
        } else if (message.kind === 'progress') {
          onProgress?.(message.bytesRead, message.totalBytes, message.lines);
        } else {
          Object.assign(summary, { ...message.summary, path: summary.path, error: summary.error });
          for (const [action, n] of message.actions) actions.set(action, (actions.get(action) ?? 0) + n);
          const failure = message.error;
          settle(failure === undefined ? undefined : new VigilError(failure.code in ERROR_CODES ? failure.code : 'INPUT_UNREADABLE', failure.message));
        }
      } catch (error) {
        settle(error);
      }
    });
    worker.on('error', (error) => { settle(error); });
    worker.on('exit', (code) => { settle(new Error(`the line-counting worker for ${path} stopped early (exit code ${code})`)); });
  });
}
