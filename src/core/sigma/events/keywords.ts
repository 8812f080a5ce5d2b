import { isJsonObject, type JsonObject, ownValue } from './json-path.js';

/**
 * Every string value of a record, in document order, for Sigma keyword (field-less) search. Walks
 * iteratively (the reader has bounded depth and size already); values under `skipKeys` are left out.
 */
export function collectStrings(record: JsonObject, skipKeys: ReadonlySet<string>): string[] {
  const strings: string[] = [];
  const pending: unknown[] = [record];
  while (pending.length > 0) {
    const node = pending.pop();
    if (typeof node === 'string') {
      strings.push(node);
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) pending.push(node[i]);
    } else if (isJsonObject(node)) {
      const children: unknown[] = [];
      for (const key in node) {
        if (skipKeys.has(key)) continue;
        children.push(ownValue(node, key));
      }
      for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]);
    }
  }
  return strings;
}
