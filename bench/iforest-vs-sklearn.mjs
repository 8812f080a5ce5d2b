#!/usr/bin/env node
// Isolation Forest: Vigil's TypeScript port vs scikit-learn 1.2.1, in one run.
//
//   npx tsc -p . && node bench/iforest-vs-sklearn.mjs [--skip-odds] [--skip-random] [--rows 1000000] [--write-reference]
//                                                     [--seeds 10] [--only cardio.csv,thyroid.csv]
//
// (a) every ODDS CSV under shared/data/anomaly/odds: ROC-AUC (mean, min, max over seeds 0..9) of the TS forest
//     next to `/usr/bin/python3 shared/tools/sk-iforest.py FILE --seeds 10`;
// (b) fit + score on 1,000,000 × 3 standard-normal rows, TS (seeds 0..2) vs `sk-iforest.py --random 1000000x3 --seeds 3`.
// --write-reference stores the sklearn ODDS figures in bench/reference/sklearn-odds.json, which the unit
// test src/core/anomaly/isolation-forest.odds.test.ts compares against.
// Unknown arguments are ignored (bench/run.mjs passes its own through).
import { execFileSync } from 'node:child_process';
import { createReadStream, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fitIsolationForest } from '../dist/core/anomaly/isolation-forest.js';
import { gaussianRows } from '../dist/core/anomaly/gaussian-rows.js';
import { rocAuc } from '../dist/core/anomaly/roc-auc.js';
import { createRandom } from '../dist/lib/random.js';
import { sharedDataPath } from '../dist/lib/shared-data.js';

const repo = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const PYTHON = '/usr/bin/python3';
const oddsDir = sharedDataPath('anomaly', 'odds');
const skTool = resolve(oddsDir, '..', '..', '..', 'tools', 'sk-iforest.py');
const SEEDS = Number(option('--seeds', '10'));
const only = option('--only', '');

/** Runs sk-iforest.py and returns its JSON line plus the command that produced it. */
function sklearn(toolArgs) {
  const command = [PYTHON, skTool, ...toolArgs];
  const started = performance.now();
  const stdout = execFileSync(command[0], command.slice(1), { encoding: 'utf8', maxBuffer: 1 << 20 });
  const result = JSON.parse(stdout.trim().split('\n').pop());
  return { ...result, wall_s: (performance.now() - started) / 1000, command: command.join(' ') };
}

/** Reads an ODDS CSV (header, numeric columns, last one `label`) line by line into a row-major Float64Array. */
async function readOdds(path) {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let cols = -1;
  const values = [];
  const labels = [];
  for await (const line of lines) {
    if (cols < 0) {
      const header = line.split(',');
      if (header.at(-1) !== 'label') throw new Error(`${path}: last column is not "label"`);
      cols = header.length - 1;
      continue;
    }
    if (line.trim() === '') continue;
    const fields = line.split(',');
    for (let f = 0; f < cols; f++) values.push(Number(fields[f]));
    labels.push(Number(fields[cols]));
  }
  return { data: Float64Array.from(values), labels: Int8Array.from(labels), rows: labels.length, cols };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const f4 = (x) => x.toFixed(4);

/** TS forest over seeds 0..n-1 with sklearn's defaults: AUC of −score_samples, fit and score seconds. */
function runTs({ data, labels, rows, cols }, seeds) {
  const aucs = [];
  const fits = [];
  const scores = [];
  for (let seed = 0; seed < seeds; seed++) {
    const t0 = performance.now();
    const model = fitIsolationForest(data, rows, cols, { seed });
    const t1 = performance.now();
    const s = model.scoreSamples(data);
    const t2 = performance.now();
    fits.push((t1 - t0) / 1000);
    scores.push((t2 - t1) / 1000);
    if (labels) aucs.push(rocAuc(labels, s.map((v) => -v)));
  }
  return { aucs, fit: median(fits), score: median(scores) };
}

const report = [];

if (!flag('--skip-odds')) {
  const files = readdirSync(oddsDir)
    .filter((name) => name.endsWith('.csv') && (only === '' || only.split(',').includes(name)))
    .sort();
  const reference = [];
  console.log(`ODDS sets: ROC-AUC of -score_samples over seeds 0..${SEEDS - 1} (TS) vs sklearn ${PYTHON} ${skTool} FILE --seeds ${SEEDS}`);
  console.log('data            rows  dim | TS mean  (min-max)         | sklearn mean (min-max)      | diff    ok | TS fit+score s | sk fit+score s');
  const rowsOut = [];
  for (const file of files) {
    const path = join(oddsDir, file);
    const set = await readOdds(path);
    const ts = runTs(set, SEEDS);
    const sk = sklearn([path, '--seeds', String(SEEDS)]);
    reference.push({ file, ...sk, data: file });
    const tsMean = mean(ts.aucs);
    const diff = tsMean - sk.auc_mean;
    const ok = Math.abs(diff) <= 0.01;
    const line = {
      file, rows: set.rows, cols: set.cols, tsMean, tsMin: Math.min(...ts.aucs), tsMax: Math.max(...ts.aucs),
      sk, diff, ok, tsTime: ts.fit + ts.score, skTime: sk.fit_s_median + sk.score_s_median,
    };
    rowsOut.push(line);
    console.log(
      `${file.padEnd(15)} ${String(set.rows).padStart(5)} ${String(set.cols).padStart(4)} | ` +
        `${f4(line.tsMean)} (${f4(line.tsMin)}-${f4(line.tsMax)}) | ${f4(sk.auc_mean)}  (${f4(sk.auc_min)}-${f4(sk.auc_max)}) | ` +
        `${diff >= 0 ? '+' : ''}${f4(diff)} ${ok ? 'yes' : 'NO '} | ${line.tsTime.toFixed(4).padStart(14)} | ${line.skTime.toFixed(4).padStart(14)}`,
    );
  }
  report.push('| data | rows | dim | TS AUC mean (min–max) | sklearn AUC mean (min–max) | diff | TS fit+score (s, median) | sklearn fit+score (s, median) |');
  report.push('|---|---:|---:|---|---|---:|---:|---:|');
  for (const r of rowsOut) {
    report.push(
      `| ${r.file} | ${r.rows} | ${r.cols} | ${f4(r.tsMean)} (${f4(r.tsMin)}–${f4(r.tsMax)}) | ${f4(r.sk.auc_mean)} (${f4(r.sk.auc_min)}–${f4(r.sk.auc_max)}) | ` +
        `${r.diff >= 0 ? '+' : ''}${f4(r.diff)} | ${r.tsTime.toFixed(4)} | ${r.skTime.toFixed(4)} |`,
    );
  }
  if (flag('--write-reference')) {
    const versions = execFileSync(PYTHON, ['-c', 'import sklearn, numpy; print(sklearn.__version__, numpy.__version__)'], { encoding: 'utf8' }).trim().split(' ');
    const out = join(repo, 'bench', 'reference', 'sklearn-odds.json');
    mkdirSync(dirname(out), { recursive: true });
    const document = {
      description: 'scikit-learn IsolationForest(n_estimators=100, max_samples="auto", random_state=seed) ROC-AUC of -score_samples over seeds 0..9, measured, not edited',
      producedBy: `node bench/iforest-vs-sklearn.mjs --write-reference (runs: ${PYTHON} <shared>/tools/sk-iforest.py <shared>/data/anomaly/odds/FILE --seeds ${SEEDS})`,
      measuredAt: new Date().toISOString(),
      sklearn: versions[0],
      numpy: versions[1],
      results: reference.map(({ file, rows, features, seeds, contamination, auc_mean, auc_min, auc_max, fit_s_median, score_s_median }) => ({
        file, rows, features, seeds, contamination, auc_mean, auc_min, auc_max, fit_s_median, score_s_median,
      })),
    };
    writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
    console.log(`wrote ${relative(repo, out)}`);
  }
  const failing = rowsOut.filter((r) => !r.ok).map((r) => r.file);
  console.log(failing.length === 0 ? 'AUC: every set within 0.01 of sklearn' : `AUC: NOT within 0.01 on ${failing.join(', ')}`);
}

if (!flag('--skip-random')) {
  const rows = Number(option('--rows', '1000000'));
  const cols = 3;
  const seeds = 3;
  const data = gaussianRows(createRandom(0), rows, cols);
  const ts = runTs({ data, labels: null, rows, cols }, seeds);
  const sk = sklearn(['--random', `${rows}x${cols}`, '--seeds', String(seeds)]);
  const tsTotal = ts.fit + ts.score;
  const skTotal = sk.fit_s_median + sk.score_s_median;
  console.log(`\nRandom ${rows} x ${cols} standard normal, 100 trees, max_samples=auto, medians over seeds 0..${seeds - 1}:`);
  console.log(`  TS      fit ${ts.fit.toFixed(3)} s  score ${ts.score.toFixed(3)} s  total ${tsTotal.toFixed(3)} s`);
  console.log(`  sklearn fit ${sk.fit_s_median.toFixed(3)} s  score ${sk.score_s_median.toFixed(3)} s  total ${skTotal.toFixed(3)} s   (${sk.command})`);
  console.log(`  ratio TS / sklearn (fit+score): ${(tsTotal / skTotal).toFixed(4)}  (${(skTotal / tsTotal).toFixed(1)}x faster; target <= 0.5)`);
  report.push('');
  report.push(`| ${rows} × ${cols} normal | fit (s) | score (s) | fit+score (s) |`);
  report.push('|---|---:|---:|---:|');
  report.push(`| TS (seeds 0–${seeds - 1}, median) | ${ts.fit.toFixed(3)} | ${ts.score.toFixed(3)} | ${tsTotal.toFixed(3)} |`);
  report.push(`| sklearn 1.2.1 (seeds 0–${seeds - 1}, median) | ${sk.fit_s_median.toFixed(3)} | ${sk.score_s_median.toFixed(3)} | ${skTotal.toFixed(3)} |`);
  report.push(`| ratio TS / sklearn | | | ${(tsTotal / skTotal).toFixed(4)} |`);
}

console.log(`\nMarkdown for bench/RESULTS.md (${basename(import.meta.filename)}):\n`);
console.log(report.join('\n'));
