import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type IntelConfig, type IntelError, WarninglistIndex, parseJsonDocument } from '../../core/intel/index.js';
import { VigilError } from '../../lib/errors.js';

const MAX_LIST_BYTES = 64 * 1024 * 1024;

/** Loaded warninglists, or why none were. */
export interface LoadedWarninglists {
  readonly index: WarninglistIndex | undefined;
  /** Lists loaded, by name. */
  readonly names: readonly string[];
  readonly errors: readonly IntelError[];
  /** Why suppression is off (disabled, folder missing), when it is. */
  readonly off?: string;
}

/**
 * The warninglists folder: configured, else `$VIGIL_SHARED_DATA/misp-warninglists`, else the shared
 * data beside the Vigil checkout (`<vigil>/../shared/data/misp-warninglists`), wherever Vigil runs from.
 */
export function warninglistsFolder(config: IntelConfig['warninglists']): string {
  if (config.path !== undefined) return resolve(config.path);
  if (process.env.VIGIL_SHARED_DATA !== undefined) return resolve(process.env.VIGIL_SHARED_DATA, 'misp-warninglists');
  // This file is dist/runtime/intel/load-warninglists.js: the checkout is three folders up.
  const checkout = fileURLToPath(new URL('../../../', import.meta.url));
  return resolve(checkout, '..', 'shared', 'data', 'misp-warninglists');
}

/**
 * Loads the configured MISP warninglists (`lists/<name>/list.json`). A configured list that does not
 * exist is a configuration error; a missing default folder turns suppression off with a reason
 * (reported, never silent).
 */
export async function loadWarninglists(config: IntelConfig['warninglists']): Promise<LoadedWarninglists> {
  if (!config.enabled || config.lists.length === 0) return { index: undefined, names: [], errors: [], off: 'disabled in the configuration' };
  const folder = warninglistsFolder(config);
  const listsDir = join(folder, 'lists');
  try {
    await stat(listsDir);
  } catch {
    if (config.path !== undefined) throw new VigilError('INVALID_CONFIG', `intel.warninglists.path: no lists/ folder in ${folder}`);
    return { index: undefined, names: [], errors: [], off: `no warninglists at ${folder}` };
  }
  const docs: unknown[] = [];
  const errors: IntelError[] = [];
  for (const name of config.lists) {
    if (!/^[A-Za-z0-9._-]+$/.test(name) || name.startsWith('.')) throw new VigilError('INVALID_CONFIG', `intel.warninglists.lists: "${name}" is not a list name`);
    const file = join(listsDir, name, 'list.json');
    let text: string;
    try {
      if ((await stat(file)).size > MAX_LIST_BYTES) throw new Error('larger than 64 MiB');
      text = await readFile(file, 'utf8');
    } catch (cause) {
      throw new VigilError('INVALID_CONFIG', `intel.warninglists.lists: cannot read the warninglist "${name}" (${file}): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
    const doc = parseJsonDocument(text);
    if (doc.ok) docs.push(doc.value);
    else errors.push({ ...doc.error, location: { path: name } });
  }
  const loaded = WarninglistIndex.load(docs);
  return { index: loaded.index, names: loaded.index.lists.map((l) => l.name), errors: [...errors, ...loaded.errors] };
}
