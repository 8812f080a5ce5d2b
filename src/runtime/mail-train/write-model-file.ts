import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { serializeMailModel, type MailModel } from '../../core/mail/classifier/index.js';
import { VigilError } from '../../lib/errors.js';

/** Writes the model file atomically (temporary file, then rename), creating its folder. */
export async function writeMailModelFile(path: string, model: MailModel): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, serializeMailModel(model), { mode: 0o644 });
    await rename(temporary, path);
  } catch (cause) {
    throw new VigilError('OUTPUT_FAILED', `cannot write the mail model to ${path}`, { cause });
  }
}
