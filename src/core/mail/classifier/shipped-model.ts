// The one read in this pure folder: the shipped model is package content, loaded once like a
// constant (kept as a JSON file rather than compiled in, so `vigil mail train` output and the
// shipped model share one format). User model files are read by runtime/mail-train instead.
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'node:fs';
import { VigilError } from '../../../lib/errors.js';
import { parseMailModel, type MailModel } from './model.js';

/** Where the shipped model lives: `content/models/mail-classifier.json` under the package root. */
export const SHIPPED_MODEL_URL = new URL('../../../../content/models/mail-classifier.json', import.meta.url);

let cached: MailModel | undefined;

/**
 * The model shipped with Vigil (trained on the SpamAssassin public corpus only), read and checked
 * once, then cached. Throws a VigilError (INPUT_NOT_FOUND / INPUT_CORRUPT) if the package is damaged.
 */
export function loadShippedMailModel(): MailModel {
  if (cached !== undefined) return cached;
  let text: string;
  try {
    text = readFileSync(SHIPPED_MODEL_URL, 'utf8');
  } catch (cause) {
    throw new VigilError('INPUT_NOT_FOUND', `the shipped mail model is missing (${SHIPPED_MODEL_URL.pathname}); run "node scripts/train-mail-model.mjs"`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new VigilError('INPUT_CORRUPT', `the shipped mail model ${SHIPPED_MODEL_URL.pathname} is not JSON`, { cause });
  }
  const model = parseMailModel(json, SHIPPED_MODEL_URL.pathname);
  if (!model.ok) throw model.error;
  cached = model.value;
  return cached;
}
