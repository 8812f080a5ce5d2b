import { CORE_SCHEMA, loadAll } from 'js-yaml';

/**
 * Text that may hold an anchor, an alias, a tag or a directive: YAML features whose limits (alias
 * expansion) or meaning (a `%YAML 1.1` directive changes how scalars read) only the `yaml` package
 * path handles. Deliberately broad: a `*` or `!` opening a word in a plain scalar also sends the
 * file there, which costs time, never correctness.
 */
const NOT_PLAIN = /(?:^|[\s[{,])[&*!]|^%/m;

/**
 * The values of the documents of a plain YAML text, read with js-yaml (YAML 1.2 core schema, as the
 * `yaml` package reads it, duplicate keys refused): about ten times faster than the `yaml` package,
 * which the loader keeps for what this leaves out. Undefined when the text is not plain, does not
 * parse, has an empty document, or has more than `maxDocuments`: the caller then parses it with
 * `yaml`, which reports located errors. Never throws.
 */
export function readPlainYaml(text: string, maxDocuments: number): unknown[] | undefined {
  if (NOT_PLAIN.test(text)) return undefined;
  let values: unknown[];
  try {
    values = loadAll(text, undefined, { schema: CORE_SCHEMA });
  } catch {
    return undefined;
  }
  if (values.length > maxDocuments) return undefined;
  // The `yaml` package skips empty documents where js-yaml yields null; their numbering must agree.
  for (const value of values) if (value === null || value === undefined) return undefined;
  return values;
}
