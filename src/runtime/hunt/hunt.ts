import { isVigilError } from '../../lib/errors.js';
import { createCorrelationEngine, createRuleIndex, MatchContext, type CorrelationMatch, type RuleCandidates } from '../../core/sigma/index.js';
import { createEventReader, type EventReader, type RoutedEventView } from '../../core/sigma/events/index.js';
import { buildLogsourceIndex, type SigmaMappings } from '../../core/sigma/logsource/index.js';
import { readLines } from '../input/index.js';
import type { LoadedRules } from '../content/load-rules.js';
import { correlationDetection, matchDetection, type Detection } from './detection.js';
import { JsonValueSplitter } from './json-values.js';

/** What happened to one input of a hunt. */
export interface HuntInputSummary {
  readonly path: string;
  lines: number;
  events: number;
  /** Records that could not be read, by reason (not JSON, too deep, unknown format …). */
  readonly unreadable: Record<string, number>;
  error: { code: string; message: string } | undefined;
}

/** The outcome of a hunt. */
export interface HuntSummary {
  readonly inputs: HuntInputSummary[];
  readonly detections: number;
  readonly rulesIndexed: number;
  /** Time spent building the logsource dispatch and the literal prefilter, before the first event. */
  readonly prepareMs: number;
  /** Time spent reading and matching the events. */
  readonly durationMs: number;
  /** CPU time the process spent reading and matching (all its threads, so garbage collection counts too). */
  readonly cpuMs: number;
}

export interface HuntOptions {
  readonly inputs: readonly string[];
  readonly rules: Pick<LoadedRules, 'rules' | 'correlations'>;
  readonly mappings: SigmaMappings;
  readonly onDetection: (d: Detection) => void;
  readonly signal?: AbortSignal | undefined;
}

const MAX_VALUE_CHARS = 16 * 1024 * 1024;
const ADVANCE_EVERY = 1024;

/**
 * `vigil hunt`: streams JSON events (NDJSON, JSON arrays, or evtx_dump's concatenated objects) through
 * the Sigma rules. Each event is offered only to the rules its logsource can match; correlations
 * see every base match in input order. Unreadable records are counted, never fatal.
 */
export async function hunt(options: HuntOptions): Promise<HuntSummary> {
  const preparing = performance.now();
  const reader = createEventReader(options.mappings.events);
  const index = buildLogsourceIndex(options.rules.rules, options.mappings.logsources);
  const { engine } = createCorrelationEngine(options.rules.correlations, { rules: options.rules.rules });
  let detections = 0;
  const emit = (d: Detection): void => {
    detections++;
    options.onDetection(d);
  };
  const emitCorrelations = (matches: readonly CorrelationMatch[]): void => {
    for (const m of matches) if (engine.reportsOwnMatches(m.correlation.meta.id)) emit(correlationDetection(m));
  };
  const summaries: HuntInputSummary[] = [];
  let seen = 0;
  // One literal prefilter for the whole rule set, seen through a view per logsource bucket.
  const prefilter = createRuleIndex(options.rules.rules);
  const bucketPrefilters = new WeakMap<object, RuleCandidates>();
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const onEvent = (view: RoutedEventView, text: string, path: string, line: number): void => {
    const bucket = index.bucket(view);
    if (bucket.rules.length === 0) return;
    const context = new MatchContext(view, text);
    let candidates = bucketPrefilters.get(bucket);
    if (candidates === undefined) bucketPrefilters.set(bucket, (candidates = prefilter.subset(bucket.rules)));
    const rules = candidates.candidates(context);
    for (const rule of rules) {
      if (!bucket.admits(rule, view)) continue;
      const why = rule.match(context);
      if (why === undefined) continue;
      if (engine.reportsOwnMatches(rule.meta.id)) emit(matchDetection(rule.meta, view.record, view.time, hostOf(view), why, path, line, text));
      emitCorrelations(engine.push(rule, view, why));
    }
    if (++seen % ADVANCE_EVERY === 0 && Number.isFinite(view.time)) emitCorrelations(engine.advance(view.time));
  };
  for (const path of options.inputs) {
    const summary: HuntInputSummary = { path, lines: 0, events: 0, unreadable: {}, error: undefined };
    summaries.push(summary);
    try {
      await huntInput(path, reader, summary, onEvent, options.signal);
    } catch (error) {
      if (options.signal?.aborted === true || !isVigilError(error)) throw error;
      summary.error = { code: error.code, message: error.message };
    }
  }
  emitCorrelations(engine.flush());
  return {
    inputs: summaries,
    detections,
    rulesIndexed: index.indexed,
    prepareMs: started - preparing,
    durationMs: performance.now() - started,
    cpuMs: cpuMillis(process.cpuUsage(cpuStarted)),
  };
}

async function huntInput(
  path: string,
  reader: EventReader,
  summary: HuntInputSummary,
  onEvent: (view: RoutedEventView, text: string, path: string, line: number) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  let mode: 'lines' | 'values' | undefined;
  const splitter = new JsonValueSplitter(MAX_VALUE_CHARS);
  const take = (text: string, line: number, read = reader.readLine(text, { file: path, line })): void => {
    if (!read.ok) {
      summary.unreadable[read.error.reason] = (summary.unreadable[read.error.reason] ?? 0) + 1;
      return;
    }
    summary.events++;
    onEvent(read.value, text, path, line);
  };
  const source = readLines(path, { signal, maxLineBytes: MAX_VALUE_CHARS });
  try {
    for await (const batch of source) {
      for (let i = 0; i < batch.count; i++) {
        const text = batch.line(i);
        const line = batch.lineNumber[i]!;
        if (mode === undefined) {
          // NDJSON when the first non-blank line is a complete JSON object; otherwise values split by braces.
          const trimmed = text.trim();
          if (trimmed === '') continue;
          if (trimmed.startsWith('{') && trimmed.endsWith('}')) {
            const read = reader.readLine(text, { file: path, line });
            if (read.ok || read.error.reason !== 'not_json') {
              mode = 'lines';
              take(text, line, read);
              continue;
            }
          }
          mode = 'values';
        }
        if (mode === 'lines') {
          if (text.trim() !== '') take(text, line);
        } else {
          for (const value of splitter.push(text, line)) take(value.text, value.line);
        }
      }
    }
  } finally {
    summary.lines = source.stats.lines + source.stats.longLines;
    if (source.stats.longLines > 0) summary.unreadable.too_long = (summary.unreadable.too_long ?? 0) + source.stats.longLines;
    if (splitter.tooLarge > 0) summary.unreadable.too_long = (summary.unreadable.too_long ?? 0) + splitter.tooLarge;
    if (splitter.unfinished) summary.unreadable.truncated = (summary.unreadable.truncated ?? 0) + 1;
    if (splitter.stray > 0) summary.unreadable.not_json = (summary.unreadable.not_json ?? 0) + 1;
  }
}

/** The computer (Windows) or host (ECS) an event came from. */
function hostOf(view: RoutedEventView): string | null {
  const value = view.get('Computer') ?? view.get('host.name');
  return typeof value === 'string' ? value : null;
}

function cpuMillis(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}
