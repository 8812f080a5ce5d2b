import { isJsonObject, type JsonObject, ownValue } from './json-path.js';

/**
 * Deeper values are left out. Records the event reader accepts are at most 64 levels deep; the cap
 * only keeps the recursion bounded for records built elsewhere.
 */
const MAX_KEYWORD_DEPTH = 256;

/**
 * Every string value of a record, in document order, for Sigma keyword (field-less) search; values
 * under `skipKeys` are left out.
 */
export function collectStrings(record: JsonObject, skipKeys: ReadonlySet<string>): string[] {
  const strings: string[] = [];
  pushStrings(record, skipKeys, strings, 0);
  return strings;
}

function pushStrings(node: unknown, skipKeys: ReadonlySet<string>, out: string[], depth: number): void {
  if (typeof node === 'string') {
    out.push(node);
  } else if (depth < MAX_KEYWORD_DEPTH) {
    if (Array.isArray(node)) {
      const items = node as readonly unknown[];
      for (let i = 0; i < items.length; i++) pushStrings(items[i], skipKeys, out, depth + 1);
    } else if (isJsonObject(node)) {
      for (const key in node) if (!skipKeys.has(key)) pushStrings(ownValue(node, key), skipKeys, out, depth + 1);
    }
  }
}
