import { readFile } from 'node:fs/promises';
import type { IntelConfig, SecretRef } from '../../core/intel/index.js';
import { VigilError } from '../../lib/errors.js';
import { loadVigilConfig } from '../config/load-config.js';

const MAX_SECRET_BYTES = 64 * 1024;

/**
 * The `intel:` section of a YAML or JSON configuration file (validated with the whole file, strict);
 * without a path, the defaults. Errors name the file and the offending key.
 */
export async function loadIntelConfig(path: string | undefined): Promise<IntelConfig> {
  return (await loadVigilConfig(path)).intel;
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
