import { readFile } from 'node:fs/promises';
import { VigilError } from '../../lib/errors.js';
import { vigilConfigSchema } from '../../schema/config.js';

const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * The `protectedDomains` section of a YAML or JSON configuration file (the whole file is
 * validated, strictly, like every command does). Errors name the file and the offending key.
 */
export async function loadProtectedDomainsSection(path: string): Promise<unknown> {
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
    const issues = result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`);
    throw new VigilError('INVALID_CONFIG', `the configuration ${path} is invalid:\n  ${issues.join('\n  ')}`, { location: { file: path } });
  }
  return result.data.protectedDomains;
}
