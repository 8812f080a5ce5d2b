import { readFileSync } from 'node:fs';
import { VigilError } from '../../lib/errors.js';
import type { DetectionConfig, vigilConfigSchema } from '../../schema/config.js';

/** The whole configuration file, every section with its defaults. */
export type VigilConfig = ReturnType<typeof vigilConfigSchema.parse>;

const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * The configuration of an empty file, as the schema gives it, written by
 * `scripts/write-config-defaults.mjs` (a test checks that the two agree). Reading it spares a run
 * without `--config` from loading zod and every section's schema: about half of start-up.
 */
const CONFIG_DEFAULTS_PATH = new URL('../../../content/config-defaults.json', import.meta.url);

/**
 * Reads a YAML or JSON configuration file (`vigil.yml`), validated whole and strictly, so a mistake
 * in any section is reported whichever command reads it; without a path, the defaults. Errors name
 * the file and the offending key.
 */
export async function loadVigilConfig(path: string | undefined): Promise<VigilConfig> {
  if (path === undefined) return JSON.parse(readFileSync(CONFIG_DEFAULTS_PATH, 'utf8')) as VigilConfig;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new VigilError('INVALID_CONFIG', `cannot read the configuration ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  if (text.length > MAX_CONFIG_BYTES) throw new VigilError('INVALID_CONFIG', `the configuration ${path} is larger than 1 MiB`);
  let raw: unknown;
  try {
    // Loaded on demand: most runs use the defaults and need no YAML parser.
    const { parse: parseYaml } = await import('yaml');
    raw = parseYaml(text, { maxAliasCount: 100, prettyErrors: true });
  } catch (cause) {
    throw new VigilError('INVALID_CONFIG', `the configuration ${path} is not valid YAML: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  const { vigilConfigSchema: schema } = await import('../../schema/config.js');
  const result = schema.safeParse(raw ?? {});
  if (!result.success) {
    const issues = result.error.issues.map((i) => {
      const where = i.path.length ? i.path.join('.') : '(top level)';
      return `${where}: ${i.message}`;
    });
    throw new VigilError('INVALID_CONFIG', `the configuration ${path} is invalid:\n  ${issues.join('\n  ')}`, { location: { file: path } });
  }
  return result.data;
}

/** The `detections` section (see {@link loadVigilConfig}). */
export async function loadDetectionConfig(path: string | undefined): Promise<DetectionConfig> {
  return (await loadVigilConfig(path)).detections;
}
