import { readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { err, type Result } from '../../lib/result.js';
import type { MappingIssue, MappingSource } from '../../core/sigma/events/index.js';
import { compileSigmaMappings, type SigmaMappings } from '../../core/sigma/logsource/index.js';
import { isYamlName, listFiles } from './list-files.js';

/** The mappings shipped with Vigil: `content/mappings/` of the package. */
export const DEFAULT_MAPPINGS_DIR = fileURLToPath(new URL('../../../content/mappings/', import.meta.url));

const MAX_FILES = 1_000;
const MAX_FILE_BYTES = 1024 * 1024;

function readIssue(file: string, message: string): MappingIssue {
  return { code: 'SIGMA_INVALID_MAPPING', message, location: { file } };
}

/**
 * Reads every `*.yml` under `dir` (default: the shipped mappings) and compiles them. File paths in
 * issues are relative to `dir`'s parent (`mappings/formats/evtx-flat.yml`).
 */
export async function loadSigmaMappings(dir: string = DEFAULT_MAPPINGS_DIR): Promise<Result<SigmaMappings, MappingIssue[]>> {
  let files: string[];
  try {
    files = await listFiles(dir, isYamlName, MAX_FILES);
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
