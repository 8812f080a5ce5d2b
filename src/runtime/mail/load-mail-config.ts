import { loadVigilConfig } from '../config/load-config.js';

/**
 * The `protectedDomains` section of a YAML or JSON configuration file (the whole file is
 * validated, strictly, like every command does). Errors name the file and the offending key.
 */
export async function loadProtectedDomainsSection(path: string): Promise<unknown> {
  return (await loadVigilConfig(path)).protectedDomains;
}
