import { z } from 'zod';
import type { PathPart } from './expression-ast.js';

/** Whether a path can exist in a zod schema's data; when not, where it breaks and what was there. */
export type PathCheck = { readonly ok: true } | { readonly ok: false; readonly at: number; readonly known: readonly string[] };

const MAX_DEPTH = 64;

/**
 * Walks a zod schema along a path (fields and indexes). `side` picks the input or the output type of
 * pipes. Schemas that accept anything (unknown, any, records, transforms) accept every deeper path.
 */
export function checkSchemaPath(schema: z.ZodType, parts: readonly PathPart[], side: 'input' | 'output' = 'output'): PathCheck {
  return walk(schema, parts, 0, side, 0);
}

function walk(schema: z.ZodType, parts: readonly PathPart[], i: number, side: 'input' | 'output', depth: number): PathCheck {
  if (i >= parts.length || depth > MAX_DEPTH) return { ok: true };
  const inner = unwrap(schema, side);
  if (inner === 'any') return { ok: true };
  if (Array.isArray(inner)) {
    // A union or intersection: the path exists if it exists in one branch.
    let best: { at: number; known: readonly string[] } = { at: i, known: [] };
    for (const s of inner as readonly z.ZodType[]) {
      const r = walk(s, parts, i, side, depth + 1);
      if (r.ok) return r;
      if (r.at > best.at) best = r;
      else if (r.at === best.at) best = { at: r.at, known: [...new Set([...best.known, ...r.known])] };
    }
    return { ok: false, ...best };
  }
  const part = parts[i]!;
  if (inner instanceof z.ZodObject) {
    const shape = inner.shape as Readonly<Record<string, z.ZodType>>;
    if (!('name' in part) || !Object.hasOwn(shape, part.name)) return { ok: false, at: i, known: Object.keys(shape) };
    return walk(shape[part.name]!, parts, i + 1, side, depth + 1);
  }
  if (inner instanceof z.ZodArray) {
    if (!('index' in part)) return { ok: false, at: i, known: ['[index]'] };
    return walk(inner.element as z.ZodType, parts, i + 1, side, depth + 1);
  }
  if (inner instanceof z.ZodRecord) return walk(inner.valueType as z.ZodType, parts, i + 1, side, depth + 1);
  if (inner instanceof z.ZodTuple) {
    const items = inner._zod.def.items as readonly z.ZodType[];
    if (!('index' in part) || items[part.index] === undefined) return { ok: false, at: i, known: items.map((_, n) => `[${n}]`) };
    return walk(items[part.index]!, parts, i + 1, side, depth + 1);
  }
  return { ok: false, at: i, known: [] };
}

/** Peels wrappers; returns 'any' for schemas that accept any shape, an array for unions. */
function unwrap(schema: z.ZodType, side: 'input' | 'output'): z.ZodType | readonly z.ZodType[] | 'any' {
  let s: z.ZodType = schema;
  for (let n = 0; n < MAX_DEPTH; n++) {
    if (s instanceof z.ZodUnknown || s instanceof z.ZodAny || s instanceof z.ZodTransform) return 'any';
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault || s instanceof z.ZodPrefault || s instanceof z.ZodReadonly || s instanceof z.ZodCatch || s instanceof z.ZodNonOptional) {
      s = s._zod.def.innerType as z.ZodType;
    } else if (s instanceof z.ZodPipe) {
      s = (side === 'input' ? s._zod.def.in : s._zod.def.out) as z.ZodType;
    } else if (s instanceof z.ZodLazy) {
      s = s._zod.def.getter() as z.ZodType;
    } else if (s instanceof z.ZodUnion) {
      return s._zod.def.options as readonly z.ZodType[];
    } else if (s instanceof z.ZodIntersection) {
      return [s._zod.def.left as z.ZodType, s._zod.def.right as z.ZodType];
    } else {
      return s;
    }
  }
  return 'any';
}

/** The keys of an object schema (for `with` checks), or undefined when the input is not a fixed object. */
export function objectKeys(schema: z.ZodType): { readonly keys: ReadonlyMap<string, z.ZodType>; readonly open: boolean } | undefined {
  const inner = unwrap(schema, 'input');
  if (inner === 'any') return { keys: new Map(), open: true };
  if (Array.isArray(inner) || !(inner instanceof z.ZodObject)) return undefined;
  const shape = inner.shape as Readonly<Record<string, z.ZodType>>;
  const catchall = inner._zod.def.catchall;
  const open = catchall !== undefined && !(catchall instanceof z.ZodNever);
  return { keys: new Map(Object.entries(shape)), open };
}
