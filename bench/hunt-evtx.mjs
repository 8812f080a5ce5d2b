#!/usr/bin/env node
// Times `vigil hunt` with every Windows rule of SigmaHQ over the EVTX-ATTACK-SAMPLES JSON lines
// (277 files, 8,255 events) and reports events per second per core and peak memory.
//
//   npm run build && node bench/hunt-evtx.mjs [--runs 3] [--repeat 1] [--against DIR]
//
// --repeat N passes the corpus N times in one process (8,255 × N events), which shows the steady
// state once the JIT has warmed up; the corpus alone is small enough that start-up dominates.
// --against DIR alternates each run with the same run of another built checkout (e.g. a git worktree
// of an older commit) and prints the ratio.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = option('runs', 3);
const repeat = option('repeat', 1);
const root = resolve(import.meta.dirname, '..');
const data = resolve(root, '..', 'shared', 'data');
const samples = resolve(data, 'evtx-attack-samples', 'jsonl');
const files = readdirSync(samples).filter((f) => f.endsWith('.jsonl')).map((f) => resolve(samples, f));
const rules = resolve(data, 'sigma', 'rules', 'windows');

const against = (() => {
  const i = process.argv.indexOf('--against');
  return i > 0 ? resolve(process.argv[i + 1]) : undefined;
})();

function runOnce(checkout) {
  // GNU time reports CPU seconds and peak RSS of the whole process.
  const run = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, resolve(checkout, 'bin', 'vigil.js'), 'hunt', ...Array.from({ length: repeat }, () => files).flat(), '--rules', rules, '--ndjson', '/dev/null'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(run.stderr);
  const [wall, user, sys, maxKb] = run.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  const output = run.stderr + run.stdout;
  const m = /([\d,]+) detection\(s\).* in ([\d,]+) events /.exec(output);
  // Older builds (--against) print no separate index time: "… rules indexed, 0.85 s (…".
  const prepare = /indexed in ([\d.]+) s/.exec(output);
  const loop = /(?:matched in|indexed,) ([\d.]+) s \(.*; ([\d.]+) CPU-s/.exec(output);
  return {
    wall,
    cpu: user + sys,
    maxMb: maxKb / 1024,
    detections: m?.[1],
    events: Number(m?.[2].replace(/,/g, '')),
    prepareSeconds: prepare === null ? undefined : Number(prepare[1]),
    huntSeconds: Number(loop?.[1]),
    huntCpuSeconds: Number(loop?.[2]),
  };
}

function median(results) {
  const sorted = [...results].sort((a, b) => a.huntSeconds - b.huntSeconds);
  return sorted[Math.floor(sorted.length / 2)];
}

function describe(med) {
  return `events ${med.events}, detections ${med.detections}, ${med.prepareSeconds === undefined ? '' : `index built in ${med.prepareSeconds} s, `}hunt loop ${med.huntSeconds} s = ${Math.round(med.events / med.huntSeconds)} events/s wall, ` +
    `${med.huntCpuSeconds} CPU-s = ${Math.round(med.events / med.huntCpuSeconds)} events per CPU-second (all threads), ` +
    `whole process ${med.wall} s wall / ${med.cpu.toFixed(2)} s CPU incl. loading ${files.length} files and the rules, peak RSS ${med.maxMb.toFixed(0)} MiB`;
}

// With --against DIR (another checkout, built), runs alternate between the two so that both see the
// same machine: on a shared VM only a same-run ratio compares code.
const results = [];
const baseline = [];
for (let r = 0; r < runs; r++) {
  results.push(runOnce(root));
  if (against !== undefined) baseline.push(runOnce(against));
}
const med = median(results);
console.log(JSON.stringify({ runs: results, median: med, ...(against === undefined ? {} : { against, baselineRuns: baseline }) }, null, 1));
console.log(`repeat ${repeat}: ${describe(med)}`);
if (against !== undefined) {
  const base = median(baseline);
  console.log(`against ${against}: ${describe(base)}`);
  console.log(`ratio (baseline hunt loop ÷ this one): ${(base.huntSeconds / med.huntSeconds).toFixed(2)}× wall, ${(base.huntCpuSeconds / med.huntCpuSeconds).toFixed(2)}× CPU`);
}
