import { readFile, stat } from 'node:fs/promises';
import { parseMailModel, type MailModel } from '../../core/mail/classifier/index.js';
import { VigilError } from '../../lib/errors.js';

/** Model files larger than this are refused before reading (2^22 float32 weights in base64 fit). */
const MAX_MODEL_BYTES = 64 * 1024 * 1024;

/**
 * Reads and checks a model file written by `vigil mail train` (for `vigil mail analyze --model`).
 * Throws VigilError: INPUT_NOT_FOUND, INPUT_UNREADABLE, or INPUT_CORRUPT naming what is wrong.
 */
export async function loadMailModel(path: string): Promise<MailModel> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (cause) {
    throw new VigilError('INPUT_NOT_FOUND', `mail model ${path} cannot be opened`, { cause });
  }
  if (size > MAX_MODEL_BYTES) throw new VigilError('INPUT_CORRUPT', `mail model ${path} is ${size} bytes, more than a model can be (${MAX_MODEL_BYTES})`);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new VigilError(cause instanceof SyntaxError ? 'INPUT_CORRUPT' : 'INPUT_UNREADABLE', `mail model ${path} is not readable JSON`, { cause });
  }
  const model = parseMailModel(json, path);
  if (!model.ok) throw model.error;
  return model.value;
}
