import type { FieldValue } from '../contract.js';
import { type EventRoute, readFirst, readString, toEventId } from './event-route.js';
import { parseEventTime } from './event-time.js';
import { type FieldAccessor, type FieldLayout, fieldPaths, normalizeValue, readField } from './field-accessor.js';
import type { EventFormatFile } from './format-schema.js';
import { elementText, isJsonObject, type JsonObject, type JsonPath, ownValue, parseJsonPath, readPath } from './json-path.js';
import { collectStrings } from './keywords.js';
import { NO_VALUE_FORMS, type ValueForms } from './value-forms.js';

/** A container member whose name has spaces, under its Sigma name. */
export interface SpacedMember {
  readonly field: string;
  readonly value: unknown;
}

const NO_SPACED_MEMBERS: readonly SpacedMember[] = [];

/** Accessors cached per format; rules name a few thousand distinct fields at most. */
const MAX_CACHED_ACCESSORS = 16_384;

type RouteSpec =
  | { readonly kind: 'channel'; readonly channel: readonly JsonPath[]; readonly eventId: readonly JsonPath[] }
  | { readonly kind: 'service'; readonly dataset: readonly JsonPath[]; readonly appname: readonly JsonPath[] };

const paths = (texts: readonly string[] | undefined): JsonPath[] => (texts ?? []).map(parseJsonPath);

function pathMap(record: Readonly<Record<string, readonly string[]>> | undefined): Map<string, readonly JsonPath[]> {
  return new Map(Object.entries(record ?? {}).map(([field, texts]) => [field, paths(texts)]));
}

/**
 * One JSON event format compiled from its mapping file: how to recognise a record, route it, read its
 * time, and find a Sigma field in it. Field accessors are built on first use and cached, so reading a
 * field costs one Map lookup and a short walk.
 */
export class EventFormat {
  readonly name: string;
  readonly description: string;
  readonly priority: number;
  readonly keywordSkipKeys: ReadonlySet<string>;
  readonly #detectAll: readonly JsonPath[];
  readonly #detectAny: readonly JsonPath[];
  readonly #route: RouteSpec;
  readonly #time: readonly JsonPath[];
  readonly #keywordPaths: readonly JsonPath[] | undefined;
  readonly #layout: FieldLayout;
  readonly #forms: ValueForms;
  readonly #accessors = new Map<string, FieldAccessor>();

  constructor(file: EventFormatFile, forms: ValueForms = NO_VALUE_FORMS) {
    this.name = file.name;
    this.description = file.description;
    this.priority = file.priority;
    this.keywordSkipKeys = new Set(file.keywordSkipKeys ?? []);
    this.#detectAll = paths(file.detect.allOf);
    this.#detectAny = paths(file.detect.anyOf);
    const route = file.route;
    this.#route =
      route.kind === 'channel'
        ? { kind: 'channel', channel: paths(route.channel), eventId: paths(route.eventId) }
        : { kind: 'service', dataset: paths(route.dataset), appname: paths(route.appname) };
    this.#time = paths(file.time);
    this.#keywordPaths = file.keywordPaths === undefined ? undefined : paths(file.keywordPaths);
    this.#layout = {
      fields: pathMap(file.fields),
      containers: (file.containers ?? []).map((c) => ({ path: parseJsonPath(c.path), attributesJoined: c.attributesJoined === true })),
      fallbacks: pathMap(file.fallbacks),
      dottedFields: file.dottedFields === true,
    };
    this.#forms = forms;
  }

  /** True when the record has this format's marks (`detect`). */
  matches(record: JsonObject): boolean {
    for (const path of this.#detectAll) if (readPath(record, path) === undefined) return false;
    if (this.#detectAny.length === 0) return true;
    for (const path of this.#detectAny) if (readPath(record, path) !== undefined) return true;
    return false;
  }

  /** The record's dispatch route. */
  route(record: JsonObject): EventRoute {
    const spec = this.#route;
    if (spec.kind === 'channel') {
      return { kind: 'channel', channel: readString(record, spec.channel), eventId: toEventId(readFirst(record, spec.eventId)) };
    }
    return { kind: 'service', dataset: readString(record, spec.dataset), appname: readString(record, spec.appname) };
  }

  /** The record's time in epoch milliseconds, NaN when it has none this format can read. */
  time(record: JsonObject): number {
    return parseEventTime(readFirst(record, this.#time));
  }

  /** The strings keyword search looks at: those under `keywordPaths`, or every string of the record. */
  keywords(record: JsonObject): string[] {
    if (this.#keywordPaths === undefined) return collectStrings(record, this.keywordSkipKeys);
    const strings: string[] = [];
    for (const path of this.#keywordPaths) {
      const value = readPath(record, path);
      if (typeof value === 'string') strings.push(value);
      else if (isJsonObject(value) || Array.isArray(value)) strings.push(...collectStrings({ value }, this.keywordSkipKeys));
    }
    return strings;
  }

  /** How this format reads the Sigma field `field` (built once, then cached). */
  accessor(field: string): FieldAccessor {
    const cached = this.#accessors.get(field);
    if (cached !== undefined) return cached;
    const accessor: FieldAccessor = {
      paths: fieldPaths(field, this.#layout),
      guid: this.#forms.guidFields.has(field),
      hexIntegers: this.#forms.hexIntegers,
    };
    if (this.#accessors.size < MAX_CACHED_ACCESSORS) this.#accessors.set(field, accessor);
    return accessor;
  }

  /**
   * Container members whose names contain spaces, under their Sigma names (spaces removed: Defender's
   * "Product Name" is `ProductName`). Usually none; the view asks once per event, on its first miss.
   */
  spacedMembers(record: JsonObject): readonly SpacedMember[] {
    let found: SpacedMember[] | undefined;
    for (const container of this.#layout.containers) {
      const object = readPath(record, container.path);
      if (!isJsonObject(object)) continue;
      for (const key in object) {
        if (!key.includes(' ')) continue;
        (found ??= []).push({ field: key.replaceAll(' ', ''), value: elementText(ownValue(object, key)) });
      }
    }
    return found ?? NO_SPACED_MEMBERS;
  }

  /** A spaced member's value, normalised as the field `field` is. */
  normalize(field: string, value: unknown): FieldValue {
    return normalizeValue(value, this.accessor(field));
  }

  /** The Sigma field `field` of a record of this format. */
  read(record: JsonObject, field: string): FieldValue {
    return readField(record, this.accessor(field));
  }
}
