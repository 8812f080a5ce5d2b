import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The shared corpora (`../shared/data` beside the checkout, or `$VIGIL_SHARED_DATA`).
 * Tests and benchmarks read real data from here; it is never copied into the repository.
 * Throws when the folder is missing so that a test depending on it fails instead of passing vacuously.
 */
export function sharedDataPath(...parts: string[]): string {
  const root = process.env.VIGIL_SHARED_DATA ?? resolve(process.cwd(), '..', 'shared', 'data');
  const path = resolve(root, ...parts);
  if (!existsSync(path)) throw new Error(`shared data not found: ${path} (run from the repository root, or set VIGIL_SHARED_DATA)`);
  return path;
}
