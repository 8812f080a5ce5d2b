#!/usr/bin/env node
// Times `vigil analyze` against the common Python recipe (regex + pandas + IsolationForest(contamination=0.1),
// ../shared/tools/seed-recipe.py) on the same generated 30-day auth log, in one run, and scores both.
//
//   npm run build && node bench/analyze-vs-recipe.mjs [--days 30] [--runs 3]
//
// The ratio is the median over alternating pairs of runs, by wall time (and by CPU time).
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

// GNU time gives each run's wall and CPU seconds. Runs alternate (Vigil, recipe, Vigil, recipe …) so
// that a machine getting busier or quieter affects both sides alike; ratios are per pair.
const timed = (cmd, args, stdoutFile) => {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  if (stdoutFile) execFileSync('tee', [stdoutFile], { input: r.stdout, stdio: ['pipe', 'ignore', 'inherit'] });
  const [wall, user, sys] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, cpu: user + sys };
};
const score = (alerts) => execFileSync(process.execPath, [resolve(shared, 'tools', 'score-alerts.mjs'), `${log}.labels.jsonl`, alerts], { encoding: 'utf8' }).trim().split('\n').at(-1);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const vigilNdjson = resolve(out, 'vigil.ndjson');
const recipeNdjson = resolve(out, 'recipe.ndjson');
const pairs = [];
for (let i = 0; i < runs; i++) {
  const vigilRun = timed(process.execPath, [resolve(root, 'bin', 'vigil.js'), 'analyze', log, '--year', '2026', '--no-store', '--no-progress', '--ndjson', vigilNdjson]);
  const recipeRun = timed('/usr/bin/python3', [resolve(shared, 'tools', 'seed-recipe.py'), log], recipeNdjson);
  pairs.push({ vigil: vigilRun, recipe: recipeRun, wallRatio: recipeRun.wall / vigilRun.wall, cpuRatio: recipeRun.cpu / vigilRun.cpu });
}
const vigil = median(pairs.map((p) => p.vigil.wall));
const recipe = { seconds: median(pairs.map((p) => p.recipe.wall)) };

const result = {
  file: log,
  lines,
  mib: Number(mib.toFixed(1)),
  vigil_seconds_median: Number(vigil.toFixed(3)),
  vigil_runs: pairs.map((p) => p.vigil),
  vigil_lines_per_second: Math.round(lines / vigil),
  vigil_lines_per_cpu_second: Math.round(lines / median(pairs.map((p) => p.vigil.cpu))),
  recipe_seconds: Number(recipe.seconds.toFixed(3)),
  recipe_runs: pairs.map((p) => p.recipe),
  ratio_recipe_over_vigil: Number(median(pairs.map((p) => p.wallRatio)).toFixed(1)),
  cpu_ratio_recipe_over_vigil: Number(median(pairs.map((p) => p.cpuRatio)).toFixed(1)),
  vigil_score: score(vigilNdjson),
  recipe_score: score(recipeNdjson),
};
console.log(JSON.stringify(result, null, 2));
console.log(`| ${days} d | ${lines.toLocaleString('en-US')} | ${result.vigil_seconds_median} s | ${result.vigil_lines_per_second.toLocaleString('en-US')} | ${result.recipe_seconds} s | ${result.ratio_recipe_over_vigil}× | ${result.vigil_score} | ${result.recipe_score} |`);
