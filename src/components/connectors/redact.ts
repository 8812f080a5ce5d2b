import type { Secret } from '../../core/respond/action.js';
import { redactSecrets } from '../../core/respond/secret.js';

/** A redactor for everything a connector says about a failure: every secret of the action's context. */
export function secretRedactor(secrets: ReadonlyMap<string, Secret>): (text: string) => string {
  return (text) => redactSecrets(text, secrets.values());
}
