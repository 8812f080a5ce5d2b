import { readFile } from 'node:fs/promises';
import type { IntelConfig, SecretRef } from '../../core/intel/index.js';
import { VigilError } from '../../lib/errors.js';
import { vigilConfigSchema } from '../../schema/config.js';

const MAX_CONFIG_BYTES = 1024 * 1024;
const MAX_SECRET_BYTES = 64 * 1024;

/**
 * The `intel:` section of a YAML or JSON configuration file (validated with the whole file, strict);
 * without a path, the defaults. Errors name the file and the offending key.
 */
export async function loadIntelConfig(path: string | undefined): Promise<IntelConfig> {
  if (path === undefined) return vigilConfigSchema.parse({}).intel;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new VigilError('INVALID_CONFIG', `cannot read the configuration ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  if (text.length > MAX_CONFIG_BYTES) throw new VigilError('INVALID_CONFIG', `the configuration ${path} is larger than 1 MiB`);
  let raw: unknown;
  try {
    const { parse } = await import('yaml');
    raw = parse(text, { maxAliasCount: 100 });
  } catch (cause) {
    throw new VigilError('INVALID_CONFIG', `the configuration ${path} is not valid YAML: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  const result = vigilConfigSchema.safeParse(raw ?? {});
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(top level)'}: ${i.message}`);
    throw new VigilError('INVALID_CONFIG', `the configuration ${path} is invalid:\n  ${issues.join('\n  ')}`, { location: { file: path } });
  }
  return result.data.intel;
}

/** Reads a secret from the environment or a file (trimmed); a missing secret is a configuration error. */
export async function resolveSecret(ref: SecretRef, what: string): Promise<string> {
  if ('env' in ref) {
    const v = process.env[ref.env];
    if (v === undefined || v === '') throw new VigilError('INVALID_CONFIG', `${what}: the environment variable ${ref.env} is not set`);
    return v;
  }
  try {
    const text = await readFile(ref.file, 'utf8');
    if (text.length > MAX_SECRET_BYTES) throw new Error('larger than 64 KiB');
    return text.trim();
  } catch (cause) {
    throw new VigilError('INVALID_CONFIG', `${what}: cannot read the secret file ${ref.file}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
