import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { err, type Result } from '../../lib/result.js';
import type { MappingIssue, MappingSource } from '../../core/sigma/events/index.js';
import { compileSigmaMappings, type SigmaMappings } from '../../core/sigma/logsource/index.js';

/** The mappings shipped with Vigil: `content/mappings/` of the package. */
export const DEFAULT_MAPPINGS_DIR = fileURLToPath(new URL('../../../content/mappings/', import.meta.url));

const MAX_FILES = 1_000;
const MAX_FILE_BYTES = 1024 * 1024;

async function listYaml(dir: string, into: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await listYaml(path, into);
    else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) into.push(path);
    if (into.length > MAX_FILES) return;
  }
}

function readIssue(file: string, message: string): MappingIssue {
  return { code: 'SIGMA_INVALID_MAPPING', message, location: { file } };
}

/**
 * Reads every `*.yml` under `dir` (default: the shipped mappings) and compiles them. File paths in
 * issues are relative to `dir`'s parent (`mappings/formats/evtx-flat.yml`).
 */
export async function loadSigmaMappings(dir: string = DEFAULT_MAPPINGS_DIR): Promise<Result<SigmaMappings, MappingIssue[]>> {
  const files: string[] = [];
  try {
    await listYaml(dir, files);
  } catch (cause) {
    return err([readIssue(dir, `cannot list the mappings folder: ${cause instanceof Error ? cause.message : String(cause)}`)]);
  }
  if (files.length > MAX_FILES) return err([readIssue(dir, `more than ${MAX_FILES} mapping files`)]);
  const sources: MappingSource[] = [];
  const issues: MappingIssue[] = [];
  const base = join(dir, '..');
  for (const file of files) {
    const path = relative(base, file);
    try {
      if ((await stat(file)).size > MAX_FILE_BYTES) {
        issues.push(readIssue(path, `the file is larger than ${MAX_FILE_BYTES} bytes`));
        continue;
      }
      sources.push({ path, text: await readFile(file, 'utf8') });
    } catch (cause) {
      issues.push(readIssue(path, `cannot read the file: ${cause instanceof Error ? cause.message : String(cause)}`));
    }
  }
  const compiled = compileSigmaMappings(sources);
  if (issues.length > 0) return err(compiled.ok ? issues : [...issues, ...compiled.error]);
  return compiled;
}
