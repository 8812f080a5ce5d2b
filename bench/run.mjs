#!/usr/bin/env node
// Runs every benchmark in turn with its defaults (`npm run bench`); each prints its own figures.
// Each takes its own options (see its header): run it directly to change them.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const here = import.meta.dirname;
execFileSync('npm', ['run', 'build'], { cwd: resolve(here, '..'), stdio: 'inherit' });
const BENCHES = [
  'analyze-vs-recipe.mjs',
  'detection-quality.mjs',
  'iforest-vs-sklearn.mjs',
  'hunt-evtx.mjs',
  'intel-matcher.mjs',
  'mail-eval.mjs',
  'mail-classifier-eval.mjs',
  'mail-throughput.mjs',
  'playbook-throughput.mjs',
];
for (const bench of BENCHES) {
  console.log(`\n## ${bench}`);
  execFileSync(process.execPath, ['--expose-gc', resolve(here, bench)], { stdio: 'inherit' });
}
