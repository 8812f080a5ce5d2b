import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilePlaybook, parsePlaybook, PLAYBOOK_LIMITS, type ActionLookup, type CompiledPlaybook, type PlaybookIssue } from '../../core/playbook/index.js';
import { err, type Result } from '../../lib/result.js';

/** The playbooks shipped with Vigil. */
export const BUNDLED_PLAYBOOKS_DIR = fileURLToPath(new URL('../../../content/playbooks/', import.meta.url));

/** Reads, parses and checks one playbook file against the actions. */
export function loadPlaybookFile(path: string, lookup: ActionLookup): Result<CompiledPlaybook, PlaybookIssue[]> {
  let text: string;
  try {
    const st = statSync(path);
    if (st.size > PLAYBOOK_LIMITS.maxFileBytes) return err([{ code: 'PLAYBOOK_TOO_LARGE', message: `the file has ${st.size} bytes; the limit is ${PLAYBOOK_LIMITS.maxFileBytes}`, location: { file: path } }]);
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    return err([{ code: 'PLAYBOOK_INVALID_YAML', message: `cannot read the file: ${cause instanceof Error ? cause.message : String(cause)}`, location: { file: path } }]);
  }
  const parsed = parsePlaybook(text, path);
  return parsed.ok ? compilePlaybook(parsed.value, lookup) : parsed;
}

/** Every `*.yml`/`*.yaml` playbook in the folders (not recursive), sorted by path. */
export function listPlaybookFiles(dirs: readonly string[]): string[] {
  const files: string[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const n of names) if (/\.ya?ml$/.test(n) && !/\.tests\.ya?ml$/.test(n)) files.push(resolve(join(dir, n)));
  }
  return files.sort();
}

/** Loads every playbook in the folders: the good ones, and the issues of the others. */
export function loadPlaybooks(dirs: readonly string[], lookup: ActionLookup): { playbooks: CompiledPlaybook[]; issues: PlaybookIssue[] } {
  const playbooks: CompiledPlaybook[] = [];
  const issues: PlaybookIssue[] = [];
  for (const f of listPlaybookFiles(dirs)) {
    const r = loadPlaybookFile(f, lookup);
    if (r.ok) playbooks.push(r.value);
    else issues.push(...r.error);
  }
  return { playbooks, issues };
}
