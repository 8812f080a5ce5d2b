import type { FieldValue } from '../contract.js';

/** A JSON object as `JSON.parse` returns it. */
export interface JsonObject {
  readonly [key: string]: unknown;
}

/**
 * A path from an object to a value: object keys, where `*` steps into the first object-valued child
 * other than `#attributes` (evtx_dump's UserData holds one element named after the event).
 * The empty path is the object itself.
 */
export type JsonPath = readonly string[];

/** True for plain JSON objects (not arrays, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses `a.b.c` (or `$` for the object itself) into a path. */
export function parseJsonPath(text: string): JsonPath {
  return text === '$' || text === '' ? [] : text.split('.');
}

/**
 * The object's own value for `key`. Inherited members (`constructor`, `toString`, the `__proto__`
 * accessor) are never returned, so a field named like one reads as absent. JSON values are never
 * functions, and only the accessor returns `Object.prototype`.
 */
export function ownValue(object: JsonObject, key: string): unknown {
  const value = object[key];
  return typeof value === 'function' || value === Object.prototype ? undefined : value;
}

function firstElementChild(object: JsonObject): unknown {
  for (const key in object) {
    if (key === '#attributes') continue;
    const value = ownValue(object, key);
    if (isJsonObject(value)) return value;
  }
  return undefined;
}

/** The value at `path` under `root`, or undefined when a step is missing or not an object. */
export function readPath(root: JsonObject, path: JsonPath): unknown {
  let node: unknown = root;
  for (const step of path) {
    if (!isJsonObject(node)) return undefined;
    node = step === '*' ? firstElementChild(node) : ownValue(node, step);
  }
  return node;
}

/** An element's text: evtx_dump writes `{"#attributes": {…}, "#text": v}` for elements with attributes. */
export function elementText(value: unknown): unknown {
  if (isJsonObject(value)) {
    const text = ownValue(value, '#text');
    if (text !== undefined) return text;
  }
  return value;
}

/**
 * A parsed JSON value as a contract field value. Values that come from `JSON.parse` are JSON values,
 * which `FieldValue` describes; anything else (a function, a symbol, a bigint) reads as absent.
 */
export function asFieldValue(value: unknown): FieldValue {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'object':
      // JSON objects and arrays are FieldValues; the reader only wraps what JSON.parse produced.
      return value as FieldValue;
    case 'bigint':
    case 'symbol':
    case 'function':
      return undefined;
  }
}
