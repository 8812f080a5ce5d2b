import { z } from 'zod';
import { VigilError } from '../../../lib/errors.js';
import { err, ok, type Result } from '../../../lib/result.js';
import { STRUCTURE_FEATURES } from './structure-features.js';

/** The model file's format tag; bump it when the features or the file layout change. */
export const MAIL_MODEL_FORMAT = 'vigil.mail-classifier/1';

/** How the model was trained, kept in the file so a reader can reproduce it. */
export interface MailModelTraining {
  readonly algorithm: 'logistic-regression-sgd';
  readonly seed: number;
  readonly epochs: number;
  readonly l2: number;
  readonly structureL2: number;
  readonly frozen: readonly string[];
  readonly learningRate: number;
  readonly examples: { readonly ham: number; readonly spam: number };
  readonly data: string;
  readonly command: string;
}

/** A trained logistic-regression mail classifier over hashed text and structure features. */
export interface MailModel {
  readonly name: string;
  readonly version: string;
  readonly hashBits: number;
  readonly bias: number;
  /** 2^hashBits weights of the hashed text features. */
  readonly textWeights: Float32Array;
  /** One weight per `STRUCTURE_FEATURES` entry, in that order. */
  readonly structureWeights: Float32Array;
  readonly training: MailModelTraining;
}

const MIN_HASH_BITS = 8;
const MAX_HASH_BITS = 22;

const modelFileSchema = z.strictObject({
  format: z.literal(MAIL_MODEL_FORMAT),
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/),
  version: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,31}$/),
  hashBits: z.int().min(MIN_HASH_BITS).max(MAX_HASH_BITS),
  structureFeatures: z.array(z.string()).max(100),
  bias: z.number(),
  structureWeights: z.array(z.number()).max(100),
  textWeights: z.string().max(((4 << MAX_HASH_BITS) / 3) * 4 + 8).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
  training: z.strictObject({
    algorithm: z.literal('logistic-regression-sgd'),
    seed: z.int().min(0),
    epochs: z.int().min(1),
    l2: z.number().min(0),
    structureL2: z.number().min(0),
    frozen: z.array(z.string().max(64)).max(100),
    learningRate: z.number().positive(),
    examples: z.strictObject({ ham: z.int().min(0), spam: z.int().min(0) }),
    data: z.string().max(1000),
    command: z.string().max(1000),
  }),
});

/** The model's name as reasons cite it: `name@version`. */
export function modelId(model: MailModel): string {
  return `${model.name}@${model.version}`;
}

/**
 * Checks a parsed model file (untrusted JSON) and builds the model. `origin` names the file in
 * errors. Fails with INPUT_CORRUPT when the file is not a model this code can use.
 */
export function parseMailModel(json: unknown, origin: string): Result<MailModel, VigilError> {
  const parsed = modelFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
    return err(new VigilError('INPUT_CORRUPT', `${origin} is not a Vigil mail model (${MAIL_MODEL_FORMAT})${where}: ${issue?.message ?? 'invalid'}`, { location: { file: origin } }));
  }
  const file = parsed.data;
  const expected = STRUCTURE_FEATURES.map((f) => f.name);
  if (file.structureFeatures.length !== expected.length || file.structureFeatures.some((name, i) => name !== expected[i])) {
    return err(new VigilError('INPUT_CORRUPT', `${origin} was trained on other structure features (${file.structureFeatures.join(', ')}); retrain it with this version of Vigil`, { location: { file: origin } }));
  }
  if (file.structureWeights.length !== expected.length) {
    return err(new VigilError('INPUT_CORRUPT', `${origin} has ${file.structureWeights.length} structure weights, expected ${expected.length}`, { location: { file: origin } }));
  }
  const bytes = Buffer.from(file.textWeights, 'base64');
  const dims = 1 << file.hashBits;
  if (bytes.byteLength !== dims * 4) {
    return err(new VigilError('INPUT_CORRUPT', `${origin} has ${bytes.byteLength} bytes of text weights, expected ${dims * 4} for hashBits ${file.hashBits}`, { location: { file: origin } }));
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const textWeights = new Float32Array(dims);
  for (let i = 0; i < dims; i++) {
    const w = view.getFloat32(i * 4, true);
    if (!Number.isFinite(w)) return err(new VigilError('INPUT_CORRUPT', `${origin} has a non-finite text weight at ${i}`, { location: { file: origin } }));
    textWeights[i] = w;
  }
  return ok({
    name: file.name,
    version: file.version,
    hashBits: file.hashBits,
    bias: file.bias,
    textWeights,
    structureWeights: Float32Array.from(file.structureWeights),
    training: file.training,
  });
}

/** The model as file text: stable key order and float32 values, so equal models give equal bytes. */
export function serializeMailModel(model: MailModel): string {
  const bytes = new Uint8Array(model.textWeights.length * 4);
  const view = new DataView(bytes.buffer);
  model.textWeights.forEach((w, i) => {
    view.setFloat32(i * 4, w, true);
  });
  const file: z.input<typeof modelFileSchema> = {
    format: MAIL_MODEL_FORMAT,
    name: model.name,
    version: model.version,
    hashBits: model.hashBits,
    structureFeatures: STRUCTURE_FEATURES.map((f) => f.name),
    bias: Math.fround(model.bias),
    structureWeights: Array.from(model.structureWeights, (w) => Math.fround(w)),
    training: { ...model.training, frozen: [...model.training.frozen] },
    textWeights: Buffer.from(bytes).toString('base64'),
  };
  return `${JSON.stringify(file, null, 1)}\n`;
}
