import type { Secret } from './action.js';

/** Wraps a secret value so that only `reveal()` returns it (see {@link Secret}). */
export function makeSecret(name: string, value: string): Secret {
  const handle = `[secret:${name}]`;
  return Object.freeze({
    name,
    reveal: () => value,
    toString: () => handle,
    toJSON: () => handle,
    [Symbol.for('nodejs.util.inspect.custom')]: () => handle,
  });
}

/**
 * Replaces every occurrence of any secret's value in `text` with its handle. Used on everything
 * that leaves a run: journal records, log lines, error messages, CLI output. Values shorter than
 * 4 characters are not secrets worth the name and are left alone (they would redact ordinary text).
 */
export function redactSecrets(text: string, secrets: Iterable<Secret>): string {
  let out = text;
  for (const secret of secrets) {
    const value = secret.reveal();
    if (value.length < 4) continue;
    out = out.split(value).join(`[secret:${secret.name}]`);
  }
  return out;
}
