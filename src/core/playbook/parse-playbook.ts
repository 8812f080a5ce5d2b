import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import { err, ok, type Result } from '../../lib/result.js';
import type { PlaybookIssue, PlaybookLocation } from './errors.js';
import { PLAYBOOK_LIMITS } from './limits.js';
import { playbookSchema, type Playbook } from './playbook-schema.js';

/** A path from the document root: map keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

/** Finds the location of the node at a path (the nearest existing parent when it is absent). */
export type Locate = (path: YamlPath) => PlaybookLocation;

/** A playbook that passed the schema, with a way back to its lines. */
export interface ParsedPlaybook {
  readonly playbook: Playbook;
  readonly file: string;
  readonly source: string;
  readonly locate: Locate;
}

interface Ranged {
  readonly range?: readonly [number, number, number] | null;
}

/** Parses and validates playbook YAML. Never throws; every issue carries a file and line. */
export function parsePlaybook(text: string, file: string): Result<ParsedPlaybook, PlaybookIssue[]> {
  if (text.length > PLAYBOOK_LIMITS.maxFileBytes) {
    return err([{ code: 'PLAYBOOK_TOO_LARGE', message: `the file has ${text.length} characters; the limit is ${PLAYBOOK_LIMITS.maxFileBytes}`, location: { file } }]);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number): PlaybookLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  if (doc.errors.length > 0) {
    return err(doc.errors.map((e) => ({ code: 'PLAYBOOK_INVALID_YAML' as const, message: e.message.split('\n')[0] ?? e.code, location: at(e.pos[0]) })));
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    return err([{ code: 'PLAYBOOK_INVALID_YAML', message: `the document cannot be read: ${cause instanceof Error ? cause.message : String(cause)}`, location: { file } }]);
  }
  const root: unknown = doc.contents;
  const locate: Locate = (path) => {
    for (let n = path.length; n >= 0; n--) {
      const offset = offsetOf(root, path.slice(0, n));
      if (offset !== undefined) return at(offset);
    }
    return { file };
  };
  const parsed = playbookSchema.safeParse(raw);
  if (!parsed.success) {
    return err(
      parsed.error.issues.map((i) => {
        const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
        const unknownKeys = i.code === 'unrecognized_keys' ? i.keys : [];
        const where = unknownKeys.length > 0 ? [...path, unknownKeys[0]!] : path;
        const label = path.length > 0 ? `${path.join('.')}: ` : '';
        return { code: 'PLAYBOOK_INVALID_SCHEMA' as const, message: `${label}${i.message}`, location: locate(where) };
      }),
    );
  }
  return ok({ playbook: parsed.data, file, source: text, locate });
}

function offsetOf(root: unknown, path: YamlPath): number | undefined {
  let key: unknown;
  let node: unknown = root;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!isSeq(node)) return undefined;
      node = node.items[step];
      key = undefined;
      if (node === undefined) return undefined;
    } else {
      if (!isMap(node)) return undefined;
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === step);
      if (pair === undefined) return undefined;
      key = pair.key;
      node = pair.value;
    }
  }
  return start(key) ?? start(node);
}

function start(node: unknown): number | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  return (node as Ranged).range?.[0];
}
