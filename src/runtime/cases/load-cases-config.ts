import { readFileSync } from 'node:fs';
import { defaultCasesConfig, type CasesConfig } from '../../core/cases/index.js';
import { VigilError } from '../../lib/errors.js';
import { vigilConfigSchema } from '../../schema/config.js';

const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Reads the `cases` section of a YAML or JSON configuration file (the whole file is validated, so a
 * mistake elsewhere is reported too); without a path, the defaults. Errors name the file and the key.
 */
export async function loadCasesConfig(path: string | undefined): Promise<CasesConfig> {
  if (path === undefined) return defaultCasesConfig();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new VigilError('INVALID_CONFIG', `cannot read the configuration ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  if (text.length > MAX_CONFIG_BYTES) throw new VigilError('INVALID_CONFIG', `the configuration ${path} is larger than 1 MiB`);
  let raw: unknown;
  try {
    const { parse: parseYaml } = await import('yaml');
    raw = parseYaml(text, { maxAliasCount: 100, prettyErrors: true });
  } catch (cause) {
    throw new VigilError('INVALID_CONFIG', `the configuration ${path} is not valid YAML: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  const result = vigilConfigSchema.safeParse(raw ?? {});
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`);
    throw new VigilError('INVALID_CONFIG', `the configuration ${path} is invalid:\n  ${issues.join('\n  ')}`, { location: { file: path } });
  }
  return result.data.cases;
}
