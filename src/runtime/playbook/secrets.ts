import type { Secret } from '../../core/respond/action.js';
import { loadSecrets } from '../secrets/index.js';

/** Where the runner finds secrets, by name. */
export type SecretSource = (name: string) => Secret | undefined;

/**
 * The secrets of `VIGIL_SECRET_<NAME>` environment variables and of an owner-only `NAME=value` file
 * (`file`, else the one `VIGIL_SECRETS_FILE` names; its values win), loaded once.
 */
export function loadSecretSource(env: Readonly<Record<string, string | undefined>>, file?: string): SecretSource {
  const path = file ?? (env.VIGIL_SECRETS_FILE === '' ? undefined : env.VIGIL_SECRETS_FILE);
  const secrets = loadSecrets(path === undefined ? { env } : { env, file: path });
  return (name) => secrets.get(name);
}
