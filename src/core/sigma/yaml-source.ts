import { LineCounter, isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { SigmaError, SigmaLocation } from './errors.js';
import { SIGMA_LIMITS } from './limits.js';
import { readPlainYaml } from './plain-yaml.js';

/** A YAML path from the document root: map keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

/** Finds the 1-based line and column of a YAML node by its path; undefined when the path is not in the document. */
export type Locator = (path: YamlPath, offset?: number) => { readonly line: number; readonly column: number } | undefined;

/** One YAML document of a file: its plain value and a way back to positions in the text. */
export interface SourceDocument {
  /** 0-based index in the file. */
  readonly index: number;
  readonly value: unknown;
  /** Position of the key at `path` (or of the item, for sequence indexes); with `offset`, of a character inside the value's scalar. */
  readonly locate: Locator;
}

/** The documents of a file, or the errors that kept it from parsing. */
export interface ParsedSource {
  readonly documents: readonly SourceDocument[];
  readonly errors: readonly SigmaError[];
}

interface Positioned {
  readonly range?: readonly [number, number, number] | null;
}

/**
 * Parses Sigma YAML text (possibly several documents). Never throws. Plain texts (nearly every rule)
 * are read with the fast parser; their positions are only needed for an error or a warning, so the
 * `yaml` package parses such a file again only then.
 */
export function parseSource(text: string, file: string): ParsedSource {
  if (text.length > SIGMA_LIMITS.maxTextLength) {
    return fail(file, 'SIGMA_TOO_LARGE', `the file has ${text.length} characters; the limit is ${SIGMA_LIMITS.maxTextLength}`);
  }
  const values = readPlainYaml(text, SIGMA_LIMITS.maxDocuments);
  if (values === undefined) return parseWithYaml(text, file);
  let located: ParsedSource | undefined;
  const documents = values.map((value, index): SourceDocument => {
    const locate: Locator = (path, offset) => {
      located ??= parseWithYaml(text, file);
      return located.documents.find((d) => d.index === index)?.locate(path, offset);
    };
    return { index, value, locate };
  });
  return { documents, errors: [] };
}

/** Parses with the `yaml` package, which knows where each node is. */
function parseWithYaml(text: string, file: string): ParsedSource {
  const lineCounter = new LineCounter();
  let docs;
  try {
    docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  } catch (cause) {
    return fail(file, 'SIGMA_INVALID_YAML', `the YAML parser failed: ${describe(cause)}`);
  }
  if (!Array.isArray(docs)) return { documents: [], errors: [] };
  if (docs.length > SIGMA_LIMITS.maxDocuments) {
    return fail(file, 'SIGMA_TOO_LARGE', `the file has ${docs.length} YAML documents; the limit is ${SIGMA_LIMITS.maxDocuments}`);
  }
  const documents: SourceDocument[] = [];
  const errors: SigmaError[] = [];
  docs.forEach((doc, index) => {
    const position = (offset: number): { line: number; column: number } => {
      const { line, col } = lineCounter.linePos(offset);
      return { line, column: col };
    };
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        errors.push({ code: 'SIGMA_INVALID_YAML', message: e.message.split('\n')[0] ?? e.code, location: { file, ...position(e.pos[0]) }, document: index });
      }
      return;
    }
    if (doc.contents === null) return; // an empty document (a trailing `---`)
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (cause) {
      const where = position(rangeStart(doc.contents) ?? 0);
      errors.push({ code: 'SIGMA_INVALID_YAML', message: `the document cannot be read: ${describe(cause)}`, location: { file, ...where }, document: index });
      return;
    }
    const root: unknown = doc.contents;
    const locate: Locator = (path, offset) => {
      const found = findNode(root, path);
      if (found === undefined) return undefined;
      if (offset !== undefined && isScalar(found.value)) {
        const start = rangeStart(found.value);
        if (start !== undefined) {
          const quoted = found.value.type === 'QUOTE_DOUBLE' || found.value.type === 'QUOTE_SINGLE' ? 1 : 0;
          const block = found.value.type === 'BLOCK_FOLDED' || found.value.type === 'BLOCK_LITERAL';
          return position(block ? start : start + quoted + offset);
        }
      }
      const at = rangeStart(found.key) ?? rangeStart(found.value);
      return at === undefined ? undefined : position(at);
    };
    documents.push({ index, value, locate });
  });
  return { documents, errors };
}

/** Turns a located path into an error location (file alone when the path is unknown). */
export function locationOf(file: string, locate: Locator | undefined, path: YamlPath, offset?: number): SigmaLocation {
  const at = locate?.(path, offset) ?? nearest(locate, path);
  return at === undefined ? { file } : { file, line: at.line, column: at.column };
}

function nearest(locate: Locator | undefined, path: YamlPath): { line: number; column: number } | undefined {
  if (locate === undefined) return undefined;
  for (let n = path.length - 1; n >= 0; n--) {
    const at = locate(path.slice(0, n));
    if (at !== undefined) return at;
  }
  return undefined;
}

interface Found {
  readonly key: unknown;
  readonly value: unknown;
}

function findNode(root: unknown, path: YamlPath): Found | undefined {
  let found: Found = { key: undefined, value: root };
  for (const step of path) {
    const node = found.value;
    if (typeof step === 'number') {
      if (!isSeq(node)) return undefined;
      const item: unknown = node.items[step];
      if (item === undefined) return undefined;
      found = { key: undefined, value: item };
    } else {
      if (!isMap(node)) return undefined;
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === step);
      if (pair === undefined) return undefined;
      found = { key: pair.key, value: pair.value };
    }
  }
  return found;
}

function rangeStart(node: unknown): number | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const range = (node as Positioned).range;
  return range?.[0];
}

function fail(file: string, code: SigmaError['code'], message: string): ParsedSource {
  return { documents: [], errors: [{ code, message, location: { file } }] };
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
