import type { LinuxAuthParserOptions } from '../../components/parsers/linux-auth/index.js';
import type { EventInterest } from '../../core/detect/dispatch.js';
import type { ErrorCode } from '../../lib/errors.js';
import type { InputSummary } from './summary.js';

/** What the counting worker is started with. */
export interface WorkerInput {
  readonly path: string;
  readonly parser: LinuxAuthParserOptions;
  readonly interest: EventInterest;
  /** An Int32Array's buffer: slot {@link IN_FLIGHT} counts batches posted and not yet processed. */
  readonly flow: SharedArrayBuffer;
}

export const IN_FLIGHT = 0;
/** The worker waits when this many batches of wanted lines are ahead of the main thread. */
export const MAX_BATCHES_IN_FLIGHT = 8;

/** What the counting worker posts. */
export type WorkerMessage =
  | {
      readonly kind: 'lines';
      readonly texts: readonly string[];
      readonly lineNumbers: readonly number[];
      readonly offsets: readonly number[];
      readonly yearStates: readonly number[];
    }
  | { readonly kind: 'progress'; readonly bytesRead: number; readonly totalBytes: number | undefined; readonly lines: number }
  | {
      readonly kind: 'done';
      readonly summary: InputSummary;
      readonly actions: Map<string, number>;
      readonly error: { readonly code: ErrorCode; readonly message: string } | undefined;
    };
