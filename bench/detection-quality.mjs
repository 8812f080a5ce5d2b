#!/usr/bin/env node
// Detection quality on generated logs: recall and noise per simulated day, over seeds and lengths,
// scored by ../shared/tools/score-alerts.mjs. Default options of both the generator and Vigil.
//
//   npm run build && node bench/detection-quality.mjs [--seeds 1,2,3,4,5] [--days 2,7,14,30] [--scale 1]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const seeds = arg('seeds', '1,2,3,4,5').split(',').map(Number);
const daysList = arg('days', '2,7,14,30').split(',').map(Number);
const extra = arg('gen', '').split(' ').filter(Boolean);
const root = resolve(import.meta.dirname, '..');
const tools = resolve(root, '..', 'shared', 'tools');
const out = resolve(root, 'bench', 'out', 'quality');
mkdirSync(out, { recursive: true });

console.log('| seed | days | generator options | lines | recall | noise alerts | noise/day | alerts |');
console.log('|---:|---:|---|---:|---:|---:|---:|---:|');
let worst = 0;
let minRecall = 1;
for (const days of daysList) {
  for (const seed of seeds) {
    const log = resolve(out, `s${seed}-d${days}${extra.join('')}.log`);
    if (!existsSync(log)) execFileSync(process.execPath, [resolve(tools, 'authlog-gen.mjs'), '--out', log, '--seed', String(seed), '--days', String(days), ...extra], { stdio: 'ignore' });
    const alerts = `${log}.alerts.ndjson`;
    execFileSync(process.execPath, [resolve(root, 'bin', 'vigil.js'), 'analyze', log, '--year', '2026', '--no-store', '--no-progress', '--ndjson', alerts], { stdio: 'ignore' });
    const last = execFileSync(process.execPath, [resolve(tools, 'score-alerts.mjs'), `${log}.labels.jsonl`, alerts], { encoding: 'utf8' }).trim().split('\n').at(-1);
    const m = /recall=([\d.]+) .*noise_alerts=(\d+) alerts=(\d+)/.exec(last);
    const lines = Number(execFileSync('wc', ['-l', log], { encoding: 'utf8' }).trim().split(/\s+/)[0]);
    const perDay = Number(m[2]) / days;
    worst = Math.max(worst, perDay);
    minRecall = Math.min(minRecall, Number(m[1]));
    console.log(`| ${seed} | ${days} | ${extra.join(' ') || 'defaults'} | ${lines} | ${m[1]} | ${m[2]} | ${perDay.toFixed(2)} | ${m[3]} |`);
  }
}
console.log(`\nminimum recall ${minRecall.toFixed(3)}, worst noise per day ${worst.toFixed(2)}`);
