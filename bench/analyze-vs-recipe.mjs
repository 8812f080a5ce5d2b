#!/usr/bin/env node
// Times `vigil analyze` against the common Python recipe (regex + pandas + IsolationForest(contamination=0.1),
// ../shared/tools/seed-recipe.py) on the same generated 30-day auth log, in one run, and scores both.
//
//   npm run build && node bench/analyze-vs-recipe.mjs [--days 30] [--runs 3]
//
// Needs Debian's python3-sklearn and python3-pandas (/usr/bin/python3).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const days = Number(arg('days', '30'));
const runs = Number(arg('runs', '3'));
const root = resolve(import.meta.dirname, '..');
const shared = resolve(root, '..', 'shared');
const out = resolve(root, 'bench', 'out');
mkdirSync(out, { recursive: true });
const log = resolve(out, `auth-${days}d.log`);
if (!existsSync(log)) {
  execFileSync(process.execPath, [resolve(shared, 'tools', 'authlog-gen.mjs'), '--out', log, '--seed', '1', '--days', String(days), '--users', '200', '--hosts', '20', '--scale', '3'], { stdio: 'inherit' });
}
const lines = Number(execFileSync('wc', ['-l', log], { encoding: 'utf8' }).trim().split(/\s+/)[0]);
const mib = statSync(log).size / 1_048_576;

const timed = (cmd, args, stdoutFile) => {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  if (stdoutFile) execFileSync('tee', [stdoutFile], { input: r.stdout, stdio: ['pipe', 'ignore', 'inherit'] });
  return { seconds, stderr: r.stderr };
};
const score = (alerts) => execFileSync(process.execPath, [resolve(shared, 'tools', 'score-alerts.mjs'), `${log}.labels.jsonl`, alerts], { encoding: 'utf8' }).trim().split('\n').at(-1);

const vigilNdjson = resolve(out, 'vigil.ndjson');
const vigilTimes = [];
for (let i = 0; i < runs; i++) {
  vigilTimes.push(timed(process.execPath, [resolve(root, 'bin', 'vigil.js'), 'analyze', log, '--year', '2026', '--no-store', '--no-progress', '--ndjson', vigilNdjson]).seconds);
}
vigilTimes.sort((a, b) => a - b);
const vigil = vigilTimes[Math.floor(vigilTimes.length / 2)];
const recipeNdjson = resolve(out, 'recipe.ndjson');
const recipe = timed('/usr/bin/python3', [resolve(shared, 'tools', 'seed-recipe.py'), log], recipeNdjson);

const result = {
  file: log,
  lines,
  mib: Number(mib.toFixed(1)),
  vigil_seconds_median: Number(vigil.toFixed(3)),
  vigil_runs: vigilTimes.map((t) => Number(t.toFixed(3))),
  vigil_lines_per_second: Math.round(lines / vigil),
  recipe_seconds: Number(recipe.seconds.toFixed(3)),
  ratio_recipe_over_vigil: Number((recipe.seconds / vigil).toFixed(1)),
  vigil_score: score(vigilNdjson),
  recipe_score: score(recipeNdjson),
};
console.log(JSON.stringify(result, null, 2));
console.log(`| ${days} d | ${lines.toLocaleString('en-US')} | ${result.vigil_seconds_median} s | ${result.vigil_lines_per_second.toLocaleString('en-US')} | ${result.recipe_seconds} s | ${result.ratio_recipe_over_vigil}× | ${result.vigil_score} | ${result.recipe_score} |`);
