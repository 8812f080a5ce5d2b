import { ErrorSink, type IntelError, intelError } from '../errors.js';
import { type Indicator, type IndicatorMeta, type IndicatorType, buildIndicator } from '../indicator.js';
import { INTEL_LIMITS } from '../limits.js';

/** What a feed reader returns: the indicators, and the problems by line. */
export interface FeedResult {
  readonly indicators: readonly Indicator[];
  /** Problems, located (`location.line`, 1-based); at most `INTEL_LIMITS.maxErrors` of them. */
  readonly errors: readonly IntelError[];
  /** Errors past the bound, counted only. */
  readonly errorsDropped: number;
  /** Records read (data lines, attributes). */
  readonly records: number;
  /** Records deliberately not taken (comments, metadata, `to_ids: false`, …). */
  readonly skipped: number;
}

/** Options every feed reader takes. */
export interface FeedOptions {
  /** Source name of the indicators (a reader may refine it from the feed). */
  readonly source: string;
  /** Confidence when the feed states none. */
  readonly defaultConfidence?: number;
  /** TLP when the feed states none. */
  readonly tlp?: IndicatorMeta['tlp'];
  /** Longest line accepted (default `INTEL_LIMITS.maxLineLength`). */
  readonly maxLineLength?: number;
}

/** Metadata as readers gather it: each field may be missing or undefined. */
export type MetaInput = { [K in keyof IndicatorMeta]?: IndicatorMeta[K] | undefined };

/** Accumulates a feed result. */
export class FeedCollector {
  readonly indicators: Indicator[] = [];
  private readonly sink = new ErrorSink(INTEL_LIMITS.maxErrors);
  records = 0;
  skipped = 0;

  constructor(readonly options: FeedOptions) {}

  error(code: IntelError['code'], message: string, line: number | undefined, extra: Omit<NonNullable<IntelError['location']>, 'line'> = {}): void {
    this.sink.add(intelError(code, message, line === undefined ? extra : { ...extra, line }));
  }

  /** Normalizes and adds a value; an invalid value becomes an error at `line`. */
  add(type: IndicatorType, raw: string, meta: MetaInput, line: number | undefined, extra: Omit<NonNullable<IntelError['location']>, 'line'> = {}): void {
    const o = this.options;
    const full: IndicatorMeta = {
      source: o.source,
      labels: [],
      revoked: false,
      ...(o.defaultConfidence === undefined ? {} : { confidence: o.defaultConfidence }),
      ...(o.tlp === undefined ? {} : { tlp: o.tlp }),
      ...stripUndefined(meta),
    };
    const r = buildIndicator(type, raw, full);
    if (r.ok) this.indicators.push(r.value);
    else this.sink.add({ ...r.error, location: line === undefined ? extra : { ...extra, line } });
  }

  result(): FeedResult {
    return { indicators: this.indicators, errors: this.sink.errors, errorsDropped: this.sink.dropped, records: this.records, skipped: this.skipped };
  }
}

function stripUndefined(o: MetaInput): Partial<IndicatorMeta> {
  const out: Partial<IndicatorMeta> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
