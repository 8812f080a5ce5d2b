import { parseEml } from '../../components/mail/parse-eml.js';
import { parseMsg } from '../../components/mail/parse-msg.js';
import { extractMailFeatures, type LabelledExample } from '../../core/mail/classifier/index.js';

/** Parses one raw message and turns it into a labelled training example. */
export async function exampleFrom(raw: Uint8Array, label: 0 | 1, hashBits: number, format: 'eml' | 'msg' = 'eml'): Promise<LabelledExample> {
  const mail = format === 'msg' ? await parseMsg(raw) : await parseEml(raw);
  const features = extractMailFeatures(mail, { hashBits });
  return { features: { indices: features.indices, values: features.values }, label };
}
