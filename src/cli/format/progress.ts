import type { AnalyzeProgress } from '../../runtime/analyze/analyze.js';
import { thousands } from './thousands.js';

const INTERVAL_MS = 250;

/** A one-line progress display on a terminal stream, redrawn at most four times a second. */
export function createProgressPrinter(stream: NodeJS.WriteStream): { update(p: AnalyzeProgress): void; done(): void } {
  let last = 0;
  let shown = false;
  const started = performance.now();
  return {
    update(p) {
      const now = performance.now();
      if (now - last < INTERVAL_MS) return;
      last = now;
      shown = true;
      const pct = p.totalBytes ? ` ${Math.min(100, (100 * p.bytesRead) / p.totalBytes).toFixed(0)}%` : '';
      const rate = Math.round(p.lines / Math.max((now - started) / 1000, 1e-3));
      stream.write(`\r\x1b[K[${p.inputIndex + 1}/${p.inputCount}] ${p.path}${pct}  ${thousands(p.lines)} lines  ${thousands(rate)} lines/s`);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
