import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { err, ok, type Result } from '../../../lib/result.js';

/** One mapping file's text and where it came from (the loader reads it; the core never does I/O). */
export interface MappingSource {
  readonly path: string;
  readonly text: string;
}

/** A located problem with a mapping file: a stable code, a message, the file and the 1-based line/column. */
export interface MappingIssue {
  readonly code: 'SIGMA_INVALID_MAPPING';
  readonly message: string;
  readonly location: { readonly file: string; readonly line?: number; readonly column?: number };
}

/** A parsed mapping document: its plain value and a way back to line/column of a key path. */
export interface MappingDocument {
  readonly source: MappingSource;
  readonly value: unknown;
  locate(path: readonly PropertyKey[]): { readonly line: number; readonly column: number } | undefined;
}

const MAX_MAPPING_LENGTH = 1024 * 1024;

/** An issue at `path` of `document` (the nearest existing parent when the path itself is missing). */
export function issueAt(document: MappingDocument, path: readonly PropertyKey[], message: string): MappingIssue {
  for (let n = path.length; n >= 0; n--) {
    const at = document.locate(path.slice(0, n));
    if (at !== undefined) return { code: 'SIGMA_INVALID_MAPPING', message, location: { file: document.source.path, line: at.line, column: at.column } };
  }
  return { code: 'SIGMA_INVALID_MAPPING', message, location: { file: document.source.path } };
}

/** An issue with the file as a whole. */
export function fileIssue(source: MappingSource, message: string): MappingIssue {
  return { code: 'SIGMA_INVALID_MAPPING', message, location: { file: source.path } };
}

/** Parses one YAML mapping document. Never throws; YAML errors come back located. */
export function parseMappingDocument(source: MappingSource): Result<MappingDocument, MappingIssue[]> {
  if (source.text.length > MAX_MAPPING_LENGTH) return err([fileIssue(source, `the file is larger than ${MAX_MAPPING_LENGTH} characters`)]);
  const lineCounter = new LineCounter();
  const position = (offset: number): { line: number; column: number } => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  try {
    const doc = parseDocument(source.text, { lineCounter, uniqueKeys: true, prettyErrors: false });
    if (doc.errors.length > 0) {
      return err(doc.errors.map((e) => ({ code: 'SIGMA_INVALID_MAPPING' as const, message: e.message.split('\n')[0] ?? e.code, location: { file: source.path, ...position(e.pos[0]) } })));
    }
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    const locate = (path: readonly PropertyKey[]): { line: number; column: number } | undefined => {
      const node: unknown = path.length === 0 ? doc.contents : doc.getIn(path, true);
      if (typeof node !== 'object' || node === null || !('range' in node)) return undefined;
      const range: unknown = node.range;
      return Array.isArray(range) && typeof range[0] === 'number' ? position(range[0]) : undefined;
    };
    return ok({ source, value, locate });
  } catch (cause) {
    return err([fileIssue(source, `the YAML cannot be read: ${cause instanceof Error ? cause.message : String(cause)}`)]);
  }
}

/** Validates a parsed document against a zod schema; every zod issue becomes a located mapping issue. */
export function validateMapping<T>(document: MappingDocument, schema: z.ZodType<T>): Result<T, MappingIssue[]> {
  const result = schema.safeParse(document.value);
  if (result.success) return ok(result.data);
  return err(
    result.error.issues.map((i) => {
      const where = i.path.length === 0 ? '(top level)' : i.path.map(String).join('.');
      return issueAt(document, i.path, `${where}: ${i.message}`);
    }),
  );
}
