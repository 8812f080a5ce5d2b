/** Why a parsed value is refused before it is wrapped. */
export type ShapeProblem = 'too_deep' | 'too_many_values';

/**
 * Checks, without recursion, that a parsed JSON value nests at most `maxDepth` levels (the value
 * itself is level 1) and holds at most `maxValues` values. Stops at the first level past the limit,
 * so a million nested arrays cost 65 steps. Flat records (the usual EVTX line) push nothing.
 */
export function checkJsonShape(root: unknown, maxDepth: number, maxValues: number): ShapeProblem | undefined {
  if (typeof root !== 'object' || root === null) return undefined;
  const nodes: object[] = [root];
  const depths: number[] = [1];
  let values = 1;
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > maxDepth) return 'too_deep';
    if (Array.isArray(node)) {
      values += node.length;
      for (const child of node as unknown[]) {
        if (typeof child === 'object' && child !== null) {
          nodes.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      const object = node as Readonly<Record<string, unknown>>;
      for (const key in object) {
        values++;
        const child = object[key];
        if (typeof child === 'object' && child !== null) {
          nodes.push(child);
          depths.push(depth + 1);
        }
      }
    }
    if (values > maxValues) return 'too_many_values';
  }
  return undefined;
}

/**
 * True when JSON text of this length and these brackets cannot exceed the limits, so the walk over
 * the parsed value can be skipped: every nesting level needs its own `{` or `[` (brackets inside
 * strings only make the count larger), and every value needs at least one character. Native
 * `indexOf` scans make this cheaper than the walk for the usual flat record.
 */
export function textWithinShape(text: string, maxDepth: number, maxValues: number): boolean {
  if (text.length > maxValues) return false;
  let openers = 0;
  for (let at = text.indexOf('{'); at !== -1; at = text.indexOf('{', at + 1)) if (++openers > maxDepth) return false;
  for (let at = text.indexOf('['); at !== -1; at = text.indexOf('[', at + 1)) if (++openers > maxDepth) return false;
  return true;
}
