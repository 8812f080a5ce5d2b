import type { SigmaError } from './errors.js';
import type { Locator, SourceDocument } from './yaml-source.js';

/** The kinds of Sigma documents a file may hold. */
export type DocumentKind = 'rule' | 'correlation' | 'filter';

/** A document after rule-collection actions were applied: what will be validated and compiled. */
export interface LogicalDocument {
  readonly kind: DocumentKind;
  readonly index: number;
  readonly value: Readonly<Record<string, unknown>>;
  readonly locate: Locator;
}

/**
 * Applies Sigma rule-collection actions (Sigma 1.x, kept by pySigma): `action: global` sets a template
 * merged into every following document, `reset` clears it, `repeat` re-emits the previous document
 * with this one's content merged in. Where a document and the template set the same scalar, the
 * document wins. Documents without an action are returned as they are, classified by their keys.
 */
export function applyCollectionActions(documents: readonly SourceDocument[], file: string): { documents: LogicalDocument[]; errors: SigmaError[] } {
  const out: LogicalDocument[] = [];
  const errors: SigmaError[] = [];
  let global: { value: Record<string, unknown>; locate: Locator } | undefined;
  let previous: { value: Record<string, unknown>; locate: Locator } | undefined;

  for (const doc of documents) {
    if (!isRecord(doc.value)) {
      errors.push({ code: 'SIGMA_INVALID_RULE', message: 'a Sigma document must be a map of keys to values', location: { file, ...(doc.locate([]) ?? {}) }, document: doc.index });
      continue;
    }
    const { action, ...rest } = doc.value;
    if (action === undefined) {
      const value = global === undefined ? rest : deepMerge(global.value, rest);
      const locate = global === undefined ? doc.locate : chain(doc.locate, global.locate);
      out.push({ kind: classify(value), index: doc.index, value, locate });
      previous = { value, locate };
    } else if (action === 'global') {
      global = { value: rest, locate: doc.locate };
      previous = global;
    } else if (action === 'reset') {
      global = undefined;
    } else if (action === 'repeat') {
      if (previous === undefined) {
        errors.push({ code: 'SIGMA_INVALID_RULE', message: "'action: repeat' has no previous document to repeat", location: { file, ...(doc.locate(['action']) ?? {}) }, document: doc.index });
        continue;
      }
      const value = deepMerge(previous.value, rest);
      const locate = chain(doc.locate, previous.locate);
      out.push({ kind: classify(value), index: doc.index, value, locate });
      previous = { value, locate };
    } else {
      errors.push({ code: 'SIGMA_INVALID_RULE', message: `unknown collection action ${JSON.stringify(action)} (expected global, reset or repeat)`, location: { file, ...(doc.locate(['action']) ?? {}) }, document: doc.index });
    }
  }
  return { documents: out, errors };
}

function classify(value: Readonly<Record<string, unknown>>): DocumentKind {
  if ('correlation' in value) return 'correlation';
  if ('filter' in value) return 'filter';
  return 'rule';
}

function chain(first: Locator, second: Locator): Locator {
  return (path, offset) => first(path, offset) ?? second(path, offset);
}

/** Merges `top` into a copy of `base`; maps merge key by key, everything else from `top` replaces. */
export function deepMerge(base: Readonly<Record<string, unknown>>, top: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(top)) {
    const under = out[key];
    out[key] = isRecord(value) && isRecord(under) ? deepMerge(under, value) : value;
  }
  return out;
}

/** True for plain YAML maps (not lists, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
