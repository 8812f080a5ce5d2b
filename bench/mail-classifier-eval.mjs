#!/usr/bin/env node
// The mail classifier alone (no rules, no other analysers), on data it never trained on:
//  - the SpamAssassin test split (src/runtime/mail-corpus/spam-assassin.ts): easy ham and spam held
//    out by file-name hash, plus all 250 hard-ham messages (never trained on);
//  - ../shared/data/phishing/phishing_pot-dev/ (modern phishing, CC BY-NC: evaluation only).
// Prints precision, recall and false-positive rate at several probability thresholds.
//
//   npm run build && node bench/mail-classifier-eval.mjs [--model FILE] [--phishing DIR]
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const { values } = parseArgs({ options: { model: { type: 'string' }, phishing: { type: 'string' } } });
const dist = new URL('../dist/', import.meta.url);
const { classifyMail, loadShippedMailModel } = await import(new URL('core/mail/classifier/index.js', dist).href);
const { loadMailModel } = await import(new URL('runtime/mail-train/index.js', dist).href);
const { listSpamAssassinCorpus, readCorpusMessage } = await import(new URL('runtime/mail-corpus/spam-assassin.js', dist).href);
const { parseEml } = await import(new URL('components/mail/parse-eml.js', dist).href);

const model = values.model === undefined ? loadShippedMailModel() : await loadMailModel(values.model);
const phishingDir = values.phishing ?? fileURLToPath(new URL('../../shared/data/phishing/phishing_pot-dev/', import.meta.url));
const THRESHOLDS = [0.5, 0.7, 0.9, 0.97];

async function score(raw) {
  return classifyMail(model, await parseEml(raw)).probability;
}

const started = performance.now();
const groups = { easyHam: [], hardHam: [], spam: [], phishing: [] };
const corpus = await listSpamAssassinCorpus();
for (const message of corpus) {
  if (message.split !== 'test') continue;
  const p = await score(await readCorpusMessage(message));
  if (message.label === 'spam') groups.spam.push(p);
  else if (message.group === 'hard-ham-1') groups.hardHam.push(p);
  else groups.easyHam.push(p);
}
let phishingFiles = [];
try {
  phishingFiles = (await readdir(phishingDir)).filter((f) => f.endsWith('.eml')).sort();
} catch {
  console.log(`(no phishing corpus at ${phishingDir}: skipped)`);
}
for (const file of phishingFiles) groups.phishing.push(await score(await readFile(join(phishingDir, file))));
const seconds = (performance.now() - started) / 1000;

const above = (list, t) => list.filter((p) => p >= t).length;
const pct = (n, d) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(2)}%`);
console.log(`model ${model.name}@${model.version} (${model.training.examples.ham} ham + ${model.training.examples.spam} spam trained)`);
console.log(`held out: ${groups.easyHam.length} easy ham, ${groups.hardHam.length} hard ham, ${groups.spam.length} spam; phishing_pot-dev: ${groups.phishing.length}`);
console.log('threshold  precision  recall(spam)  FPR(easy ham)  FPR(hard ham)  FPR(all ham)  phishing detected');
for (const t of THRESHOLDS) {
  const tp = above(groups.spam, t);
  const fpEasy = above(groups.easyHam, t);
  const fpHard = above(groups.hardHam, t);
  const ham = groups.easyHam.length + groups.hardHam.length;
  console.log(
    [
      `p >= ${t}`.padEnd(10),
      pct(tp, tp + fpEasy + fpHard).padStart(9),
      `${pct(tp, groups.spam.length)} (${tp})`.padStart(13),
      `${pct(fpEasy, groups.easyHam.length)} (${fpEasy})`.padStart(14),
      `${pct(fpHard, groups.hardHam.length)} (${fpHard})`.padStart(14),
      `${pct(fpEasy + fpHard, ham)}`.padStart(13),
      `${pct(above(groups.phishing, t), groups.phishing.length)} (${above(groups.phishing, t)})`.padStart(18),
    ].join('  '),
  );
}
const total = Object.values(groups).reduce((n, g) => n + g.length, 0);
console.log(`${total} messages parsed and scored in ${seconds.toFixed(1)} s (${(total / seconds).toFixed(0)} msg/s, parse included)`);
