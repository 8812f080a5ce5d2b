#!/usr/bin/env node
// Runs every benchmark in turn (`npm run bench`); each prints its own figures.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const here = import.meta.dirname;
execFileSync('npm', ['run', 'build'], { cwd: resolve(here, '..'), stdio: 'inherit' });
for (const bench of ['analyze-vs-recipe.mjs', 'detection-quality.mjs', 'iforest-vs-sklearn.mjs', 'hunt-evtx.mjs', 'intel-matcher.mjs']) {
  console.log(`\n## ${bench}`);
  execFileSync(process.execPath, ['--expose-gc', resolve(here, bench), ...process.argv.slice(2)], { stdio: 'inherit' });
}
