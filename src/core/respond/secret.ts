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

/** Values shorter than this are not secrets worth the name and are left alone (they would redact ordinary text). */
const MIN_SECRET_CHARS = 4;

/**
 * The texts that give a secret away: its whole value and, for a URL (a webhook URL's token lives in
 * its path, and a server may echo the path without the host), its path and query and any password.
 */
function revealingParts(secret: Secret): string[] {
  const value = secret.reveal();
  const parts = [value];
  if (!/^https?:\/\//i.test(value) || !URL.canParse(value)) return parts;
  const url = new URL(value);
  if (url.search.length >= MIN_SECRET_CHARS) parts.push(url.pathname + url.search, url.search.slice(1));
  if (url.pathname.length >= 8) parts.push(url.pathname);
  if (url.password.length >= MIN_SECRET_CHARS) parts.push(url.password);
  return parts;
}

const partsCache = new WeakMap<Secret, string[]>();

/**
 * Replaces every occurrence of any secret (see {@link revealingParts}) in `text` with its handle.
 * Used on everything that leaves a run: journal records, log lines, error messages, CLI output.
 * Redact whole texts before cutting excerpts from them: a cut secret no longer matches.
 */
export function redactSecrets(text: string, secrets: Iterable<Secret>): string {
  const replacements: { part: string; handle: string }[] = [];
  for (const secret of secrets) {
    let parts = partsCache.get(secret);
    if (parts === undefined) partsCache.set(secret, (parts = revealingParts(secret)));
    for (const part of parts) if (part.length >= MIN_SECRET_CHARS) replacements.push({ part, handle: `[secret:${secret.name}]` });
  }
  // Longer parts first, so a value containing another is replaced whole.
  replacements.sort((a, b) => b.part.length - a.part.length);
  let out = text;
  for (const { part, handle } of replacements) out = out.split(part).join(handle);
  return out;
}
