import type { FieldValue } from '../contract.js';
import { asFieldValue, elementText, type JsonObject, type JsonPath, readPath } from './json-path.js';
import { braceGuid, unpadHexInteger } from './value-forms.js';

/** Where one format keeps one Sigma field: paths tried in order, and how its value is normalised. */
export interface FieldAccessor {
  readonly paths: readonly JsonPath[];
  /** Bare GUIDs get braces. */
  readonly guid: boolean;
  /** Zero-padded hex integers lose their zeros. */
  readonly hexIntegers: boolean;
}

/** A format's field layout, compiled from its mapping file. */
export interface FieldLayout {
  readonly fields: ReadonlyMap<string, readonly JsonPath[]>;
  readonly containers: readonly { readonly path: JsonPath; readonly attributesJoined: boolean }[];
  readonly fallbacks: ReadonlyMap<string, readonly JsonPath[]>;
  readonly dottedFields: boolean;
}

/**
 * The paths of a Sigma field in a layout: the format's explicit paths, then the field by name in each
 * container (and, for EVTX System, `A_B` as `A.#attributes.B`), then fallbacks, then the field itself
 * as a dotted path.
 */
export function fieldPaths(field: string, layout: FieldLayout): JsonPath[] {
  const paths: JsonPath[] = [...(layout.fields.get(field) ?? [])];
  const join = field.indexOf('_');
  for (const container of layout.containers) {
    paths.push([...container.path, field]);
    if (container.attributesJoined && join > 0 && join < field.length - 1) {
      paths.push([...container.path, field.slice(0, join), '#attributes', field.slice(join + 1)]);
    }
  }
  paths.push(...(layout.fallbacks.get(field) ?? []));
  if (layout.dottedFields && field.includes('.')) paths.push(field.split('.'));
  return paths;
}

/** A value as the accessor wants it: strings normalised, other JSON values as they are. */
export function normalizeValue(value: unknown, accessor: FieldAccessor): FieldValue {
  if (typeof value === 'string') {
    if (accessor.guid) return braceGuid(value);
    return accessor.hexIntegers ? unpadHexInteger(value) : value;
  }
  return asFieldValue(value);
}

/** Reads a field through its accessor: the first path that is present (null counts as present). */
export function readField(record: JsonObject, accessor: FieldAccessor): FieldValue {
  const paths = accessor.paths;
  for (let i = 0; i < paths.length; i++) {
    const value = elementText(readPath(record, paths[i]!));
    if (value !== undefined) return normalizeValue(value, accessor);
  }
  return undefined;
}
