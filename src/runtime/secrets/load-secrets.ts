import { closeSync, constants, fstatSync, openSync } from 'node:fs';
import type { Secret } from '../../core/respond/action.js';
import { makeSecret } from '../../core/respond/secret.js';
import { VigilError } from '../../lib/errors.js';
import { readFully } from '../input/index.js';

/** Environment variables that carry secrets: `VIGIL_SECRET_<NAME>`. */
export const SECRET_ENV_PREFIX = 'VIGIL_SECRET_';
/** A secret's name: upper case, digits and underscores, starting with a letter. */
export const SECRET_NAME = /^[A-Z][A-Z0-9_]{0,63}$/;
const MAX_SECRETS_FILE_BYTES = 256 * 1024;
const MAX_SECRET_BYTES = 16 * 1024;

export interface SecretSources {
  /** Usually `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * A file of `NAME=value` lines (`#` comments, blank lines allowed) that only its owner may read:
   * any permission for group or others is refused. Its values win over the environment's.
   */
  readonly file?: string;
}

/** The usual sources: `VIGIL_SECRET_*` variables and the file named by `VIGIL_SECRETS_FILE`, if any. */
export function secretSourcesFromEnv(env: Readonly<Record<string, string | undefined>>): SecretSources {
  const file = env.VIGIL_SECRETS_FILE;
  return file === undefined || file === '' ? { env } : { env, file };
}

/**
 * Loads every secret from the environment and the secrets file into {@link Secret} objects, whose
 * values only `reveal()` returns. Errors name variables, files and lines, never values.
 */
export function loadSecrets(sources: SecretSources): ReadonlyMap<string, Secret> {
  const out = new Map<string, Secret>();
  for (const [key, value] of Object.entries(sources.env ?? {})) {
    if (!key.startsWith(SECRET_ENV_PREFIX) || value === undefined || value === '') continue;
    const name = key.slice(SECRET_ENV_PREFIX.length);
    if (!SECRET_NAME.test(name)) throw new VigilError('INVALID_CONFIG', `${key}: a secret name is upper case letters, digits and underscores (at most 64)`);
    if (Buffer.byteLength(value) > MAX_SECRET_BYTES) throw new VigilError('INVALID_CONFIG', `${key}: the secret is longer than ${MAX_SECRET_BYTES} bytes`);
    out.set(name, makeSecret(name, value));
  }
  if (sources.file !== undefined) {
    for (const [name, value] of parseSecretsFile(readOwnerOnlyFile(sources.file), sources.file)) out.set(name, makeSecret(name, value));
  }
  return out;
}

/** The secrets among `names` that are set; the names that are not. */
export function pickSecrets(all: ReadonlyMap<string, Secret>, names: readonly string[]): { secrets: ReadonlyMap<string, Secret>; missing: string[] } {
  const secrets = new Map<string, Secret>();
  const missing: string[] = [];
  for (const name of names) {
    const secret = all.get(name);
    if (secret === undefined) missing.push(name);
    else secrets.set(name, secret);
  }
  return { secrets, missing };
}

/**
 * Reads a file after checking, on the open descriptor (no race between check and read), that it is
 * a regular file and that neither group nor others have any permission on it.
 */
export function readOwnerOnlyFile(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (cause) {
    const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : 'error';
    throw new VigilError('INVALID_CONFIG', `cannot open the secrets file ${path} (${code}${code === 'ELOOP' ? ': symbolic links are refused' : ''})`, { cause });
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new VigilError('INVALID_CONFIG', `the secrets file ${path} is not a regular file`);
    const mode = stat.mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new VigilError(
        'INVALID_CONFIG',
        `the secrets file ${path} is readable by others (mode ${mode.toString(8).padStart(4, '0')}); run: chmod 600 ${path}`,
      );
    }
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) {
      throw new VigilError('INVALID_CONFIG', `the secrets file ${path} belongs to another user (uid ${stat.uid})`);
    }
    if (stat.size > MAX_SECRETS_FILE_BYTES) throw new VigilError('INVALID_CONFIG', `the secrets file ${path} is larger than ${MAX_SECRETS_FILE_BYTES} bytes`);
    return readFully(fd, stat.size).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Parses `NAME=value` lines; the value is everything after the first `=`, taken literally (no quotes, no escapes). */
export function parseSecretsFile(text: string, path: string): [string, string][] {
  const out: [string, string][] = [];
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const eq = line.indexOf('=');
    const name = eq === -1 ? '' : line.slice(0, eq).trim();
    if (!SECRET_NAME.test(name)) {
      throw new VigilError('INVALID_CONFIG', `${path}:${n + 1}: expected NAME=value with an upper-case NAME`, { location: { file: path, line: n + 1 } });
    }
    const value = line.slice(eq + 1);
    if (value === '') throw new VigilError('INVALID_CONFIG', `${path}:${n + 1}: the secret ${name} is empty`, { location: { file: path, line: n + 1 } });
    out.push([name, value]);
  }
  return out;
}
