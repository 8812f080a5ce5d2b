/**
 * Worker thread entry: counts one input's lines (see `countLines`) and posts the lines a detector
 * wants to the main thread in batches, so that reading and parsing run beside detection.
 * Started by `countInWorker`; its messages are {@link WorkerMessage}s.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createLinuxAuthParser } from '../../components/parsers/linux-auth/index.js';
import { wantsOf } from '../../core/detect/dispatch.js';
import { isVigilError } from '../../lib/errors.js';
import { countLines } from './count-lines.js';
import { emptyInputSummary } from './summary.js';
import { IN_FLIGHT, MAX_BATCHES_IN_FLIGHT, type WorkerInput, type WorkerMessage } from './worker-protocol.js';

const input = workerData as WorkerInput;
const port = parentPort!;
const flow = new Int32Array(input.flow);
const post = (message: WorkerMessage): void => { port.postMessage(message); };

const summary = emptyInputSummary(input.path);
const actions = new Map<string, number>();
let texts: string[] = [];
let lineNumbers: number[] = [];
let offsets: number[] = [];
let yearStates: number[] = [];

function sendLines(): void {
  if (texts.length === 0) return;
  // Wait while the main thread is behind, so a large file never piles up in memory.
  for (let inFlight = Atomics.load(flow, IN_FLIGHT); inFlight >= MAX_BATCHES_IN_FLIGHT; inFlight = Atomics.load(flow, IN_FLIGHT)) {
    Atomics.wait(flow, IN_FLIGHT, inFlight);
  }
  Atomics.add(flow, IN_FLIGHT, 1);
  post({ kind: 'lines', texts, lineNumbers, offsets, yearStates });
  texts = [];
  lineNumbers = [];
  offsets = [];
  yearStates = [];
}

try {
  await countLines(
    input.path,
    createLinuxAuthParser(input.parser),
    wantsOf(input.interest),
    summary,
    actions,
    (_line, text, lineNumber, offset, yearState) => {
      texts.push(text);
      lineNumbers.push(lineNumber);
      offsets.push(offset);
      yearStates.push(yearState);
    },
    {
      onProgress: (bytesRead, totalBytes, lines) => { post({ kind: 'progress', bytesRead, totalBytes, lines }); },
      afterBatch: sendLines,
    },
  );
  sendLines();
  post({ kind: 'done', summary, actions, error: undefined });
} catch (error) {
  sendLines();
  if (!isVigilError(error)) throw error;
  post({ kind: 'done', summary, actions, error: { code: error.code, message: error.message } });
}
