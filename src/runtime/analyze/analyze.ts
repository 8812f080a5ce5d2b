import { isVigilError, VigilError } from '../../lib/errors.js';
import type { Alert } from '../../schema/alert.js';
import type { DetectionConfig } from '../../schema/config.js';
import { createAnomalyDetector } from '../../core/detect/anomaly-detector.js';
import { createAuthDetectors } from '../../core/detect/auth-detectors.js';
import type { Detector } from '../../core/detect/detector.js';
import { createDispatcher, type Dispatcher } from '../../core/detect/dispatch.js';
import type { IndicatorIndex } from '../../core/intel/index.js';
import type { SigmaRule } from '../../core/sigma/index.js';
import type { SigmaMappings } from '../../core/sigma/logsource/index.js';
import { fileModifiedTime, readLines, STDIN_PATH } from '../input/index.js';
import { analyzeLines } from './analyze-lines.js';
import { fitForest } from './fit-forest.js';
import { createLinuxAuthParser, type LinuxAuthParser } from '../../components/parsers/linux-auth/index.js';
import { emptyInputSummary, type AnalyzeSummary, type InputSummary } from './summary.js';

/** Progress of an analysis, reported after each batch of lines. */
export interface AnalyzeProgress {
  readonly path: string;
  readonly inputIndex: number;
  readonly inputCount: number;
  readonly bytesRead: number;
  readonly totalBytes: number | undefined;
  readonly lines: number;
}

export interface AnalyzeOptions {
  readonly inputs: readonly string[];
  readonly config: DetectionConfig;
  /** The year of RFC 3164 timestamps (which carry none); otherwise inferred from each file's mtime. */
  readonly year?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((p: AnalyzeProgress) => void) | undefined;
  /** The reference time for inputs without a modification time (stdin); defaults to now. */
  readonly now?: number | undefined;
  /** Threat-intel indicators to match every event against. */
  readonly intel?: IndicatorIndex | undefined;
  /** Sigma rules to run over the parsed events, with the mappings that serve them. */
  readonly sigma?: { readonly rules: readonly SigmaRule[]; readonly mappings: SigmaMappings } | undefined;
}

/**
 * `vigil analyze`: reads every input once, streaming, through the auth/syslog parsers and all
 * detections, and returns alerts (sorted by time, then id) with per-input statistics. Inputs are
 * analysed oldest first (by their first event), so rotated files given in whatever order keep time
 * order. An unreadable or damaged input is recorded in its summary; the others are still analysed.
 */
export async function analyze(options: AnalyzeOptions): Promise<AnalyzeSummary> {
  const started = performance.now();
  const alerts: Alert[] = [];
  const emit = (a: Alert): void => {
    alerts.push(a);
  };
  const detectors: Detector[] = createAuthDetectors(options.config, emit);
  if (options.config.anomaly.enabled) detectors.push(createAnomalyDetector(options.config.anomaly, fitForest, emit));
  // Intel and Sigma matching are loaded only when asked for: they weigh on every start-up otherwise.
  if (options.intel !== undefined) detectors.push((await import('../../core/detect/intel-detector.js')).createIntelDetector(options.intel, emit));
  if (options.sigma !== undefined) {
    const { createSigmaDetector } = await import('../../core/detect/sigma-detector.js');
    detectors.push(createSigmaDetector(options.sigma.rules, options.sigma.mappings, emit));
  }
  const detection = createDispatcher(detectors);
  const actions = new Map<string, number>();

  const ordered = await orderByFirstEvent(options);
  const summaries: InputSummary[] = [];
  for (const [index, path] of ordered.entries()) {
    const summary = emptyInputSummary(path);
    summaries.push(summary);
    try {
      await analyzeInput(path, index, ordered.length, options, summary, detection, actions);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      if (!isVigilError(error)) throw error;
      summary.error = { code: error.code, message: error.message };
    }
  }
  detection.flush();
  alerts.sort((a, b) => (a['@timestamp'] < b['@timestamp'] ? -1 : a['@timestamp'] > b['@timestamp'] ? 1 : a.id < b.id ? -1 : 1));
  return { inputs: summaries, alerts, durationMs: performance.now() - started, actions };
}

async function parserFor(path: string, options: AnalyzeOptions): Promise<LinuxAuthParser> {
  const mtime = path === STDIN_PATH ? undefined : await fileModifiedTime(path);
  const referenceTime = mtime ?? options.now ?? Date.now();
  return createLinuxAuthParser(options.year === undefined ? { filePath: path, referenceTime } : { filePath: path, year: options.year, referenceTime });
}

async function analyzeInput(
  path: string,
  index: number,
  count: number,
  options: AnalyzeOptions,
  summary: InputSummary,
  detection: Dispatcher,
  actions: Map<string, number>,
): Promise<void> {
  const parser = await parserFor(path, options);
  await analyzeLines(path, parser, detection, summary, actions, {
    signal: options.signal,
    onProgress: (bytesRead, totalBytes, lines) => options.onProgress?.({ path, inputIndex: index, inputCount: count, bytesRead, totalBytes, lines }),
  });
}

/** Peeks at each file's first parseable event and orders the inputs by it; stdin keeps its place at the end. */
async function orderByFirstEvent(options: AnalyzeOptions): Promise<string[]> {
  if (options.inputs.length < 2) return [...options.inputs];
  const firsts = new Map<string, number>();
  for (const path of options.inputs) {
    if (path === STDIN_PATH) continue;
    try {
      const parser = await parserFor(path, options);
      const source = readLines(path, { signal: options.signal, highWaterMark: 64 * 1024 });
      search: for await (const batch of source) {
        for (let i = 0; i < batch.count; i++) {
          const line = parser.scan(batch.line(i), batch.lineNumber[i]!, batch.offset[i]!);
          if (line !== undefined) {
            firsts.set(path, line.ts);
            break search;
          }
        }
      }
    } catch (error) {
      // The real pass reports the error in the input's summary.
      if (!(error instanceof VigilError)) throw error;
    }
  }
  const rank = (p: string): number => (p === STDIN_PATH ? Infinity : (firsts.get(p) ?? -Infinity));
  return [...options.inputs].sort((a, b) => rank(a) - rank(b));
}
