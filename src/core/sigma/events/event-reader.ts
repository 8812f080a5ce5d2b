import type { ErrorLocation } from '../../../lib/errors.js';
import { err, ok, type Result } from '../../../lib/result.js';
import type { EventFormats } from './event-formats.js';
import { isJsonObject } from './json-path.js';
import { checkJsonShape, textWithinShape } from './json-shape.js';
import { MappedEventView, type RoutedEventView } from './mapped-view.js';

/** Limits on one JSON event; a record past one is refused with a reason, never half read. */
export interface EventReaderLimits {
  /** Characters of one NDJSON line. */
  readonly maxLength: number;
  /** Nesting levels (the record itself is level 1). */
  readonly maxDepth: number;
  /** Values (object members and array items) in one record. */
  readonly maxValues: number;
}

/** 1 MiB lines, 64 levels, 100,000 values: far above any EVTX or ECS record. */
export const DEFAULT_EVENT_READER_LIMITS: EventReaderLimits = { maxLength: 1024 * 1024, maxDepth: 64, maxValues: 100_000 };

/** Why a record was refused. Stable identifiers; the text lives in {@link EVENT_READ_FAILURE_TEXT}. */
export type EventReadFailureReason = 'empty' | 'too_long' | 'not_json' | 'too_deep' | 'too_many_values' | 'not_object' | 'unknown_format';

/** One sentence per reason. */
export const EVENT_READ_FAILURE_TEXT: Readonly<Record<EventReadFailureReason, string>> = {
  empty: 'the line is empty',
  too_long: 'the line is longer than the reader allows',
  not_json: 'the line is not valid JSON',
  too_deep: 'the record nests deeper than the reader allows',
  too_many_values: 'the record holds more values than the reader allows',
  not_object: 'the JSON value is not an object',
  unknown_format: 'the record matches no known event format (EVTX JSON, evtx_dump, Winlogbeat, Vigil ECS)',
};

/** A record the reader refused: an expected failure, returned as a value. */
export interface EventReadFailure {
  readonly code: 'PARSE_FAILED';
  readonly reason: EventReadFailureReason;
  readonly message: string;
  readonly location?: ErrorLocation;
}

/** Turns NDJSON lines or parsed JSON values into event views. Never throws on content. */
export interface EventReader {
  /** One NDJSON line (surrounding white space and a leading byte order mark allowed). */
  readLine(line: string, location?: ErrorLocation): Result<RoutedEventView, EventReadFailure>;
  /** One already parsed value (an element of a JSON array file). */
  readValue(value: unknown, location?: ErrorLocation): Result<RoutedEventView, EventReadFailure>;
}

function failure(reason: EventReadFailureReason, location: ErrorLocation | undefined): { ok: false; error: EventReadFailure } {
  const message = EVENT_READ_FAILURE_TEXT[reason];
  return err(location === undefined ? { code: 'PARSE_FAILED', reason, message } : { code: 'PARSE_FAILED', reason, message, location });
}

/** A reader over `formats`, with `limits` (defaults: {@link DEFAULT_EVENT_READER_LIMITS}). */
export function createEventReader(formats: EventFormats, limits: Partial<EventReaderLimits> = {}): EventReader {
  const { maxLength, maxDepth, maxValues } = { ...DEFAULT_EVENT_READER_LIMITS, ...limits };

  const wrap = (value: unknown, checked: boolean, location: ErrorLocation | undefined): Result<RoutedEventView, EventReadFailure> => {
    if (!isJsonObject(value)) return failure('not_object', location);
    const problem = checked ? undefined : checkJsonShape(value, maxDepth, maxValues);
    if (problem !== undefined) return failure(problem, location);
    const format = formats.detect(value);
    if (format === undefined) return failure('unknown_format', location);
    return ok(new MappedEventView(value, format, format.route(value), formats.aliases));
  };

  const readValue = (value: unknown, location?: ErrorLocation): Result<RoutedEventView, EventReadFailure> => wrap(value, false, location);

  const readLine = (text: string, location?: ErrorLocation): Result<RoutedEventView, EventReadFailure> => {
    if (text.length > maxLength) return failure('too_long', location);
    // A byte order mark opens some files' first line; JSON.parse would refuse it.
    const line = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return failure(line.trim() === '' ? 'empty' : 'not_json', location);
    }
    // Short lines with few brackets cannot pass the limits: skip the walk over the parsed value.
    return wrap(value, textWithinShape(line, maxDepth, maxValues), location);
  };

  return { readLine, readValue };
}
