import { elementText, type JsonObject, type JsonPath, readPath } from './json-path.js';

/**
 * What logsource dispatch needs to know about an event, read once when the event is wrapped.
 * Windows-style events (EVTX JSON, Winlogbeat) are routed by channel and event id; Vigil's syslog
 * events by dataset and program name.
 */
export type EventRoute = ChannelRoute | ServiceRoute;

/** An EVTX-style event: `channel` is '' when the event has none, `eventId` -1 when it has none. */
export interface ChannelRoute {
  readonly kind: 'channel';
  readonly channel: string;
  readonly eventId: number;
}

/** A syslog-style event: `event.dataset` and the program (`log.syslog.appname`), '' when absent. */
export interface ServiceRoute {
  readonly kind: 'service';
  readonly dataset: string;
  readonly appname: string;
}

/** The first present value among `paths`, element text unwrapped. */
export function readFirst(record: JsonObject, paths: readonly JsonPath[]): unknown {
  for (const path of paths) {
    const value = elementText(readPath(record, path));
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

/** A string value, or '' (numbers and others are not channel or program names). */
export function readString(record: JsonObject, paths: readonly JsonPath[]): string {
  const value = readFirst(record, paths);
  return typeof value === 'string' ? value : '';
}

const MAX_EVENT_ID = 0xffffffff;

/** An event id as a non-negative integer: numbers and decimal strings ("4688"); -1 otherwise. */
export function toEventId(value: unknown): number {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value <= MAX_EVENT_ID ? value : -1;
  if (typeof value !== 'string' || value.length === 0 || value.length > 10) return -1;
  let id = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    id = id * 10 + code;
  }
  return id <= MAX_EVENT_ID ? id : -1;
}
