import type { CasesConfig } from '../../core/cases/index.js';
import { loadVigilConfig } from '../config/load-config.js';

/**
 * Reads the `cases` section of a YAML or JSON configuration file (the whole file is validated, so a
 * mistake elsewhere is reported too); without a path, the defaults. Errors name the file and the key.
 */
export async function loadCasesConfig(path: string | undefined): Promise<CasesConfig> {
  return (await loadVigilConfig(path)).cases;
}
