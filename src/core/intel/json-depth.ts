import { type IntelError, intelError } from './errors.js';
import { INTEL_LIMITS } from './limits.js';

/**
 * Checks the nesting depth and size of an already-parsed JSON value without recursion (an explicit
 * stack), so a hostile document nested 10,000 levels deep is refused before any reader walks it.
 * Returns the first problem with the JSON path where the limit was passed, or undefined.
 */
export function checkJsonShape(root: unknown, maxDepth: number = INTEL_LIMITS.maxJsonDepth, maxNodes: number = INTEL_LIMITS.maxJsonNodes): IntelError | undefined {
  const values: unknown[] = [root];
  const depths: number[] = [0];
  const paths: string[] = ['$'];
  let nodes = 0;
  while (values.length > 0) {
    const v = values.pop();
    const d = depths.pop()!;
    const path = paths.pop()!;
    if (++nodes > maxNodes) return intelError('INTEL_TOO_LARGE', `document has more than ${maxNodes} JSON values`, { path });
    if (typeof v !== 'object' || v === null) continue;
    if (d >= maxDepth) return intelError('INTEL_TOO_DEEP', `document nests deeper than ${maxDepth} levels (at ${path})`, { path });
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        values.push(v[i]);
        depths.push(d + 1);
        paths.push(d < 8 ? `${path}[${i}]` : path);
      }
    } else {
      for (const [k, child] of Object.entries(v)) {
        values.push(child);
        depths.push(d + 1);
        paths.push(d < 8 ? `${path}.${k}` : path);
      }
    }
  }
  return undefined;
}

/** `JSON.parse` as a result: bad JSON and too-deep documents are errors, never exceptions. */
export function parseJsonDocument(text: string, maxDepth: number = INTEL_LIMITS.maxJsonDepth): { ok: true; value: unknown } | { ok: false; error: IntelError } {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return { ok: false, error: intelError('INTEL_BAD_FORMAT', `not valid JSON: ${reason}`) };
  }
  const shape = checkJsonShape(value, maxDepth);
  return shape === undefined ? { ok: true, value } : { ok: false, error: shape };
}
