import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Files under `root` (or `root` itself when it is a file) whose names pass `accept`, sorted, at most
 * `limit` (one more is returned when there are more, so the caller can say so). Symbolic links to
 * folders are not followed, so a link loop cannot trap the walk.
 */
export async function listFiles(root: string, accept: (name: string) => boolean, limit: number): Promise<string[]> {
  const info = await stat(root);
  if (info.isFile()) return [root];
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (found.length > limit) return;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && accept(entry.name)) found.push(path);
    }
  };
  await walk(root);
  return found;
}

/** True for `.yml` and `.yaml` names. */
export const isYamlName = (name: string): boolean => /\.ya?ml$/i.test(name);
